/**
 * The cost of parsing WeChat's answers losslessly, against plain JSON.parse in the same run:
 * - a typical answer (no 16-digit run) takes the fast path: ratio should stay close to 1;
 * - an answer with a msgid above 2^53 pays the pre-pass that quotes it;
 * - a large answer (a followers page of 10,000 openids) shows the pre-pass never scans it for nothing.
 * Prints microseconds per parse and the ratio lossless / JSON.parse.
 */
import { parseJsonLossless } from '../nodes/shared/transport/json';

const cases: Array<[string, string]> = [
	[
		'message/send answer',
		'{"errcode":0,"errmsg":"ok","invaliduser":"","msgid":"vcT8gGc-7dFb4bxT35ONjBDz901sLlXPZw1DAMC_Gc26qRpK"}',
	],
	['template/send answer, msgid > 2^53', '{"errcode":0,"errmsg":"ok","msgid":1693314754664869930}'],
	[
		'user/get page of 10,000 openids',
		JSON.stringify({
			total: 23000,
			count: 10000,
			data: { openid: Array.from({ length: 10_000 }, (_, i) => `oDF3iY9P32sK_${String(i).padStart(6, '0')}x7QJk`) },
			next_openid: 'oDF3iY9P32sK_009999x7QJk',
		}),
	],
];

function microsPerCall(parse: (text: string) => unknown, text: string): number {
	const rounds = Math.max(20, Math.floor(2_000_000 / text.length));
	for (let i = 0; i < rounds / 10; i++) parse(text);
	const started = process.hrtime.bigint();
	for (let i = 0; i < rounds; i++) parse(text);
	return Number(process.hrtime.bigint() - started) / 1e3 / rounds;
}

for (const [name, text] of cases) {
	const plain = microsPerCall((t) => JSON.parse(t), text);
	const lossless = microsPerCall(parseJsonLossless, text);
	console.log(
		`${name.padEnd(36)} JSON.parse ${plain.toFixed(2).padStart(9)} µs   lossless ${lossless.toFixed(2).padStart(9)} µs   ratio ${(lossless / plain).toFixed(2)}`,
	);
}
