/**
 * Fuzzing `inbound` with mutated copies of valid requests (seeded, so every run sees the same cases): bytes of
 * the body flipped, inserted, deleted, duplicated, truncated; oversized bodies; the Encrypt value, the signatures
 * and the query altered; DOCTYPE/entity/instruction injections; garbage. Two properties:
 *
 * 1. Nothing escapes: every result is an accepted message or a typed refusal (400/401/403/413), never an
 *    exception and never a 500 (the configuration is valid).
 * 2. No forgery: a mutated request is accepted only if everything the signatures cover is untouched: the query's
 *    timestamp, nonce and signature(s) are the original strings, and in encrypted modes the accepted message is
 *    exactly the original one (same decrypted XML, same fields). Body changes outside the signed Encrypt (layout,
 *    ToUserName, AgentID, compatible mode's plaintext copy) may pass; nothing else may. OA plain mode signs no
 *    body at all: with the EncodingAESKey configured (the default run) plaintext is refused, so nothing but the
 *    original messages gets through; a second run accepts plaintext explicitly, where only the signed query is
 *    required.
 */
import * as tencent from '@wecom/crypto';
import { inbound, type InboundRequest, type InboundResult } from '../../../nodes/shared/callback/inbound';
import {
	cdata,
	ENCODING_AES_KEY,
	OA,
	OA_TEXT,
	oaRequest,
	pick,
	randomInt,
	seededRandom,
	TOKEN,
	WECOM,
	WECOM_TEXT,
	wecomEnvelope,
	wecomRequest,
	type Signed,
} from './fixtures';

const MAX_BODY = 8_192;
const PER_BASE = 2_400;

const TEMPLATE_CARD_EVENT = [
	'<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><FromUserName><![CDATA[lisi]]></FromUserName>',
	'<CreateTime>1409659813</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[template_card_event]]></Event>',
	'<EventKey><![CDATA[submit]]></EventKey><TaskId><![CDATA[task]]></TaskId><AgentID>1000002</AgentID>',
	'<SelectedItems><SelectedItem><QuestionKey><![CDATA[q1]]></QuestionKey><OptionIds><OptionId><![CDATA[a]]></OptionId>',
	'<OptionId><![CDATA[c]]></OptionId></OptionIds></SelectedItem></SelectedItems></xml>',
].join('\n');

interface Base {
	name: string;
	settings: Pick<InboundRequest, 'platform' | 'token' | 'encodingAesKey' | 'receiveId' | 'now' | 'allowPlaintext'>;
	query: Record<string, string>;
	body: Buffer;
	signed: Signed;
	/** The body with another Encrypt value (or, for plain mode, with an Encrypt added). */
	withEncrypt(encrypt: string): Buffer;
	/** The accepted result of the unmutated request. */
	expected: Extract<InboundResult, { ok: true }>;
}

function base(
	name: string,
	settings: Base['settings'],
	request: ReturnType<typeof wecomRequest>,
	withEncrypt: Base['withEncrypt'],
): Base {
	const expected = inbound({ ...settings, ...request, maxBodyBytes: MAX_BODY });
	if (!expected.ok) throw new Error(`base ${name} is refused: ${expected.reason}`);
	return {
		name,
		settings,
		query: request.query,
		body: request.rawBody,
		signed: request.signed,
		withEncrypt,
		expected,
	};
}

function replaceEncrypt(body: Buffer, encrypt: string): Buffer {
	return Buffer.from(
		body.toString('utf8').replace(/<Encrypt>[\s\S]*?<\/Encrypt>/, `<Encrypt>${cdata(encrypt)}</Encrypt>`),
	);
}

const BASES: Base[] = [
	base('WeCom text', WECOM, wecomRequest(), (encrypt) => Buffer.from(wecomEnvelope(encrypt))),
	base('WeCom template_card_event', WECOM, wecomRequest(TEMPLATE_CARD_EVENT), (encrypt) =>
		Buffer.from(wecomEnvelope(encrypt)),
	),
	...(['safe', 'compatible'] as const).map((mode) => {
		const request = oaRequest(mode);
		return base(`OA ${mode}`, OA, request, (encrypt) => replaceEncrypt(request.rawBody, encrypt));
	}),
	base('OA plain', { ...OA, allowPlaintext: true }, oaRequest('plain'), (encrypt) =>
		Buffer.from(OA_TEXT.replace('</xml>', `<Encrypt>${cdata(encrypt)}</Encrypt></xml>`)),
	),
];

const INJECTIONS = [
	'<!DOCTYPE xml [<!ENTITY a "b">]>',
	'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>',
	'<!ENTITY xxe SYSTEM "file:///etc/passwd">',
	'<!DOCTYPE x SYSTEM "http://127.0.0.1/x.dtd">',
	'&xxe;',
	'&lol2;',
	'&#0;',
	'&#x1F389;',
	'<?xml version="1.0"?>',
	'<?xml-stylesheet href="a.xsl"?>',
	'<?php ?>',
	'<!-- comment -->',
	'<![CDATA[',
	']]>',
	'<Encrypt>',
	'</Encrypt>',
	'<Encrypt>QUFBQQ==</Encrypt>',
	'<xml>',
	'</xml>',
	'<__proto__>x</__proto__>',
	'<constructor/>',
	'<MsgId>1</MsgId>',
	'<',
	'>',
	'&',
	'"',
	"'",
	'\u0000',
	'\ufeff',
	'\r\n',
	'中文🎉',
];
const BYTE_PALETTE = [
	0x00, 0x09, 0x0a, 0x20, 0x21, 0x22, 0x26, 0x27, 0x2b, 0x2f, 0x3c, 0x3d, 0x3e, 0x3f, 0x41, 0x5d, 0x7f, 0x80, 0xbf,
	0xc3, 0xe4, 0xef, 0xff,
];
const BASE64_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=-_ ';

/** `now` moves the receiving clock: the same request replayed later (or early). */
type Request = { query: Record<string, unknown>; body: Buffer | undefined; now?: number };
type Mutation = (random: () => number, request: Request, from: Base) => Request;

function splice(body: Buffer, at: number, remove: number, insert: Buffer): Buffer {
	return Buffer.concat([body.subarray(0, at), insert, body.subarray(Math.min(body.length, at + remove))]);
}

function randomBytes(random: () => number, count: number): Buffer {
	return Buffer.from(
		Array.from({ length: count }, () => (random() < 0.5 ? pick(random, BYTE_PALETTE) : randomInt(random, 256))),
	);
}

function mutateText(random: () => number, text: string, alphabet: string): string {
	const at = randomInt(random, text.length + 1);
	switch (randomInt(random, 6)) {
		case 0:
			return text.slice(0, at) + alphabet[randomInt(random, alphabet.length)] + text.slice(at + 1);
		case 1:
			return text.slice(0, at) + alphabet[randomInt(random, alphabet.length)] + text.slice(at);
		case 2:
			return text.slice(0, at) + text.slice(at + 1 + randomInt(random, 4));
		case 3:
			return text.slice(0, at);
		case 4:
			return text + text.slice(0, 1 + randomInt(random, 8));
		default:
			return text.toUpperCase();
	}
}

const body = (request: Request): Buffer => request.body ?? Buffer.alloc(0);

const MUTATIONS: Record<string, Mutation> = {
	flipBit: (random, request) => {
		const bytes = Buffer.from(body(request));
		if (bytes.length > 0) bytes[randomInt(random, bytes.length)] ^= 1 << randomInt(random, 8);
		return { ...request, body: bytes };
	},
	insertBytes: (random, request) => ({
		...request,
		body: splice(
			body(request),
			randomInt(random, body(request).length + 1),
			0,
			randomBytes(random, 1 + randomInt(random, 8)),
		),
	}),
	deleteBytes: (random, request) => ({
		...request,
		body: splice(
			body(request),
			randomInt(random, body(request).length + 1),
			1 + randomInt(random, 16),
			Buffer.alloc(0),
		),
	}),
	duplicateSlice: (random, request) => {
		const bytes = body(request);
		const from = randomInt(random, bytes.length + 1);
		const slice = bytes.subarray(from, from + 1 + randomInt(random, 200));
		return { ...request, body: splice(bytes, randomInt(random, bytes.length + 1), 0, slice) };
	},
	swapBytes: (random, request) => {
		const bytes = Buffer.from(body(request));
		if (bytes.length > 1) {
			const a = randomInt(random, bytes.length);
			const b = randomInt(random, bytes.length);
			[bytes[a], bytes[b]] = [bytes[b], bytes[a]];
		}
		return { ...request, body: bytes };
	},
	truncate: (random, request) => ({
		...request,
		body: body(request).subarray(0, randomInt(random, body(request).length)),
	}),
	emptyOrMissing: (random, request) => ({ ...request, body: random() < 0.5 ? undefined : Buffer.alloc(0) }),
	oversize: (random, request) => ({
		...request,
		body: Buffer.concat([
			body(request),
			Buffer.alloc(Math.max(1, MAX_BODY + 1 + randomInt(random, 4 * MAX_BODY) - body(request).length), 0x20),
		]),
	}),
	inject: (random, request) => ({
		...request,
		body: splice(
			body(request),
			random() < 0.3 ? 0 : randomInt(random, body(request).length + 1),
			0,
			Buffer.from(pick(random, INJECTIONS)),
		),
	}),
	garbage: (random, request) => ({
		...request,
		body:
			random() < 0.5
				? randomBytes(random, randomInt(random, 600))
				: Buffer.from(Array.from({ length: 1 + randomInt(random, 40) }, () => pick(random, INJECTIONS)).join('')),
	}),
	encrypt: (random, request, from) => {
		const options = [
			() => mutateText(random, from.signed.encrypt ?? 'QUFBQQ==', BASE64_CHARS),
			() => (from.signed.encrypt ?? '').replace(/[+/]/g, (c) => (c === '+' ? '-' : '_')),
			() => (from.signed.encrypt ?? '').replace(/=+$/, ''),
			() => `${from.signed.encrypt ?? ''}QUFBQQ==`,
			() => tencent.encrypt(ENCODING_AES_KEY, OA_TEXT.replace('你好', '转账'), from.settings.receiveId),
			() => '',
		];
		return { ...request, body: from.withEncrypt(pick(random, options)()) };
	},
	signature: (random, request) => {
		const query = { ...request.query };
		const name = pick(random, ['signature', 'msg_signature']);
		const value = query[name];
		const choice = randomInt(random, 4);
		if (choice === 0) delete query[name];
		else if (choice === 1) query[name] = [typeof value === 'string' ? value : 'x', 'y'];
		else query[name] = mutateText(random, typeof value === 'string' ? value : '', '0123456789abcdefABCDEF');
		return { ...request, query };
	},
	clock: (random, request, from) => ({
		...request,
		now:
			(from.settings.now ?? 0) +
			(random() < 0.5 ? -1 : 1) * 1000 * (random() < 0.3 ? randomInt(random, 301) : 301 + randomInt(random, 86_400)),
	}),
	query: (random, request) => {
		const query = { ...request.query };
		const name = pick(random, ['timestamp', 'nonce', 'encrypt_type', 'openid', 'extra', 'echostr']);
		const choice = randomInt(random, 5);
		const value = query[name];
		if (choice === 0) delete query[name];
		else if (choice === 1)
			query[name] = pick(random, ['aes', 'raw', 'AES', '', '1409659813', '0', { nested: 'x' }, ['a', 'b']]);
		else query[name] = mutateText(random, typeof value === 'string' ? value : 'x', '0123456789abcdefxyz ');
		return { ...request, query };
	},
};

const MUTATION_NAMES = Object.keys(MUTATIONS);

interface Tally {
	requests: number;
	exceptions: string[];
	invalid: string[];
	forgeries: string[];
	accepted: Record<string, number>;
	refused: Record<string, number>;
	byMutation: Record<string, { accepted: number; refused: number }>;
}

function sameSigned(query: Record<string, unknown>, signed: Signed): boolean {
	return (
		query.timestamp === signed.timestamp &&
		query.nonce === signed.nonce &&
		(signed.signature === undefined || query.signature === signed.signature)
	);
}

/** The forgery check for one accepted result: returns what was wrong, or undefined. */
function forgery(result: Extract<InboundResult, { ok: true }>, request: Request, from: Base): string | undefined {
	if (!sameSigned(request.query, from.signed)) return 'accepted with a changed timestamp, nonce or signature';
	if (result.mode === 'plain') return undefined; // OA plain mode signs the query only.
	const { encrypt, msgSignature } = from.signed;
	if (encrypt === undefined || request.query.msg_signature !== msgSignature)
		return 'accepted an encrypted message with a changed msg_signature';
	// Independently of our code: Tencent's signature over the original ciphertext is what the query carries, and
	// the accepted plaintext is that ciphertext's.
	if (tencent.getSignature(TOKEN, from.signed.timestamp, from.signed.nonce, encrypt) !== msgSignature)
		return 'base signature mismatch';
	if (result.rawXml !== tencent.decrypt(ENCODING_AES_KEY, encrypt).message)
		return 'accepted a plaintext that is not the signed one';
	if (JSON.stringify(result.message) !== JSON.stringify(from.expected.message)) return 'accepted a changed message';
	return undefined;
}

function fuzz(seed: number, allowPlaintext: boolean): Tally {
	const random = seededRandom(seed);
	const tally: Tally = {
		requests: 0,
		exceptions: [],
		invalid: [],
		forgeries: [],
		accepted: {},
		refused: {},
		byMutation: {},
	};
	for (const from of BASES) {
		for (let i = 0; i < PER_BASE; i++) {
			let request: Request = { query: { ...from.query }, body: from.body };
			const applied: string[] = [];
			for (let n = 1 + (random() < 0.25 ? randomInt(random, 3) : 0); n > 0; n--) {
				const name = pick(random, MUTATION_NAMES);
				applied.push(name);
				request = MUTATIONS[name](random, request, from);
			}
			const label = `${from.name} #${i} [${applied.join('+')}]`;
			tally.requests++;
			let result: InboundResult;
			try {
				result = inbound({
					...from.settings,
					query: request.query,
					rawBody: request.body,
					now: request.now ?? from.settings.now,
					maxBodyBytes: MAX_BODY,
					allowPlaintext,
				});
			} catch (error) {
				tally.exceptions.push(`${label}: ${String(error)}`);
				continue;
			}
			const key = applied.join('+');
			tally.byMutation[key] ??= { accepted: 0, refused: 0 };
			if (result.ok) {
				tally.byMutation[key].accepted++;
				tally.accepted[`${from.name} as ${result.mode}`] = (tally.accepted[`${from.name} as ${result.mode}`] ?? 0) + 1;
				if (!['plain', 'compatible', 'safe'].includes(result.mode) || typeof result.rawXml !== 'string')
					tally.invalid.push(label);
				const wrong = forgery(result, request, from);
				if (wrong) tally.forgeries.push(`${label}: ${wrong}`);
				if (!allowPlaintext && result.mode === 'plain')
					tally.forgeries.push(`${label}: plaintext accepted while the credential has an EncodingAESKey`);
			} else {
				tally.byMutation[key].refused++;
				const code = `${result.status} ${result.code}`;
				tally.refused[code] = (tally.refused[code] ?? 0) + 1;
				if (![400, 401, 403, 413].includes(result.status) || !result.reason)
					tally.invalid.push(`${label}: ${code} ${result.reason}`);
			}
		}
	}
	return tally;
}

function report(name: string, tally: Tally, milliseconds: number): void {
	const accepted = Object.values(tally.accepted).reduce((sum, n) => sum + n, 0);
	process.stdout.write(
		`${name}: ${tally.requests} mutated requests in ${milliseconds.toFixed(0)} ms; ` +
			`${tally.exceptions.length} exceptions, ${tally.invalid.length} invalid results, ${tally.forgeries.length} forgeries; ` +
			`${accepted} accepted ${JSON.stringify(tally.accepted)}; refused ${JSON.stringify(tally.refused)}\n`,
	);
}

test.each([
	['plaintext accepted explicitly', 0xc0ffee, true],
	['EncodingAESKey configured (plaintext refused)', 0xbadc0de, false],
] as const)('fuzz, %s: no exception, only typed refusals, no forgery', (name, seed, allowPlaintext) => {
	const started = performance.now();
	const tally = fuzz(seed, allowPlaintext);
	report(`fuzz ${name}`, tally, performance.now() - started);

	expect(tally.requests).toBe(BASES.length * PER_BASE);
	expect(tally.exceptions).toEqual([]);
	expect(tally.invalid).toEqual([]);
	expect(tally.forgeries).toEqual([]);
	// The mutations did reach every refusal the inbound path has, and harmless ones did pass.
	const codes = Object.keys(tally.refused).map((key) => key.split(' ')[1]);
	for (const code of [
		'badParameter',
		'emptyBody',
		'forbiddenXml',
		'notXml',
		'missingCiphertext',
		'missingSignature',
		'badSignature',
		'staleTimestamp',
		'bodyTooLarge',
	]) {
		expect(codes).toContain(code);
	}
	if (!allowPlaintext) expect(codes).toContain('plaintextRefused');
	expect(Object.values(tally.accepted).reduce((sum, n) => sum + n, 0)).toBeGreaterThan(100);
});

test('each base request is accepted unmutated, with the expected mode', () => {
	expect(BASES.map((from) => `${from.name}: ${from.expected.mode}`)).toEqual([
		'WeCom text: safe',
		'WeCom template_card_event: safe',
		'OA safe: safe',
		'OA compatible: compatible',
		'OA plain: plain',
	]);
	expect(BASES[0].expected.rawXml).toBe(WECOM_TEXT);
});
