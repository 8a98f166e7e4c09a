/** Lossless JSON: WeChat's big integer IDs survive parsing exactly; bigints in requests go out as bare digits. */
import 'n8n-workflow'; // patches BigInt.prototype.toJSON to quote bigints, as it does inside n8n
import { numericId, parseJsonLossless, stringifyJson } from '../../../nodes/shared/transport/json';

test('an integer above 2^53 comes out as the exact digits WeChat sent', () => {
	expect(parseJsonLossless('{"errcode":0,"errmsg":"ok","msgid":1693314754664869930}')).toEqual({
		errcode: 0,
		errmsg: 'ok',
		msgid: '1693314754664869930',
	});
	expect(JSON.parse('{"msgid":1693314754664869930}')).toEqual({ msgid: 1693314754664870000 }); // what went wrong
});

test('safe integers, floats, exponents and negatives keep their JSON types', () => {
	const text =
		'{"a":9007199254740991,"b":-9007199254740993,"c":1.5,"d":12345678901234567.5,"e":1e21,"f":[0,-1,18446744073709551615],"g":true,"h":null}';
	expect(parseJsonLossless(text)).toEqual({
		a: 9007199254740991,
		b: '-9007199254740993',
		c: 1.5,
		d: 12345678901234567.5,
		e: 1e21,
		f: [0, -1, '18446744073709551615'],
		g: true,
		h: null,
	});
});

test('digits inside strings, keys and escaped quotes are never touched', () => {
	const text =
		'{"s":"12345678901234567890","k\\"1234567890123456789":"x\\\\","n":12345678901234567890,"u":"\\"99999999999999999\\""}';
	expect(parseJsonLossless(text)).toEqual({
		s: '12345678901234567890',
		'k"1234567890123456789': 'x\\',
		n: '12345678901234567890',
		u: '"99999999999999999"',
	});
});

test('raw control characters inside strings are still accepted, together with big integers', () => {
	expect(parseJsonLossless('{"errcode":0,"name":"a\u0001b\nc","id":99999999999999999}')).toEqual({
		errcode: 0,
		name: 'a\u0001b\nc',
		id: '99999999999999999',
	});
});

test('pretty-printed JSON (a relay may reformat answers) is handled too', () => {
	expect(parseJsonLossless('{\n  "msgid": 1693314754664869930,\n  "list": [ 12345678901234567890 ]\n}')).toEqual({
		msgid: '1693314754664869930',
		list: ['12345678901234567890'],
	});
});

test('malformed JSON still throws', () => {
	expect(() => parseJsonLossless('{"a":12345678901234567890')).toThrow();
	expect(() => parseJsonLossless('<html>')).toThrow();
});

test('numericId: a number while exact, a bigint beyond; stringifyJson writes bigints as bare integers', () => {
	expect(JSON.stringify({ id: 1n })).toBe('{"id":"1"}'); // n8n's patch: what a plain stringify would send
	expect(numericId('3147483661')).toBe(3147483661);
	expect(numericId('1693314754664869930')).toBe(1693314754664869930n);
	expect(stringifyJson({ msg_id: numericId('1693314754664869930'), article_idx: 1, text: '中文 "q"' })).toBe(
		'{"msg_id":1693314754664869930,"article_idx":1,"text":"中文 \\"q\\""}',
	);
	expect(stringifyJson({ a: [1n, -2n], b: 'x' })).toBe('{"a":[1,-2],"b":"x"}');
	expect(stringifyJson({ plain: 1 })).toBe(JSON.stringify({ plain: 1 }));
	expect(parseJsonLossless(stringifyJson({ id: 18446744073709551615n }))).toEqual({ id: '18446744073709551615' });
});

test('random JSON with big integers round-trips exactly', () => {
	let seed = 7;
	const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
	for (let run = 0; run < 200; run++) {
		const value: Record<string, unknown> = {};
		const expected: Record<string, unknown> = {};
		for (let field = 0; field < 6; field++) {
			const digits = String(next()) + String(next()) + String(next());
			const big = BigInt(digits) * (next() % 2 ? 1n : -1n);
			const key = `k${field}`;
			if (next() % 3 === 0) {
				value[key] = `s${digits}`;
				expected[key] = `s${digits}`;
			} else {
				value[key] = big;
				expected[key] = Number.isSafeInteger(Number(big)) ? Number(big) : big.toString();
			}
		}
		expect(parseJsonLossless(stringifyJson(value))).toEqual(expected);
	}
});
