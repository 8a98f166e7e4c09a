/**
 * JSON both ways without losing big integers. WeChat answers IDs such as a template `msgid` as JSON numbers
 * above 2^53 (e.g. 1693314754664869930), which `JSON.parse` rounds; the callback event naming the same message
 * carries the exact digits. n8n runs on Node versions without `JSON.parse` source access, so a pre-pass quotes
 * every integer literal that is not a safe integer before parsing: those values come out as exact strings.
 * Requests go the other way: a `bigint` in a body is written as a bare integer literal.
 */

/**
 * 2^53 has 16 digits: shorter integers are always safe, so most answers skip the pre-pass entirely. A JSON
 * number always follows `:`, `,` or `[`; anchoring on those keeps the check fast on long pages of openids.
 */
const MAYBE_UNSAFE = /[:,[]\s*-?\d{16}/;

/** Integer literals outside strings that are not safe integers, wrapped in quotes; everything else unchanged. */
function quoteUnsafeIntegers(text: string): string {
	let out = '';
	let copied = 0;
	let inString = false;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (inString) {
			if (c === 0x5c)
				i++; // backslash: skip the escaped character
			else if (c === 0x22) inString = false;
			continue;
		}
		if (c === 0x22) {
			inString = true;
			continue;
		}
		if (c !== 0x2d && (c < 0x30 || c > 0x39)) continue;
		let end = i + 1;
		while (end < text.length && /[0-9.eE+-]/.test(text[end])) end++;
		const literal = text.slice(i, end);
		if (/^-?\d+$/.test(literal) && !Number.isSafeInteger(Number(literal))) {
			out += `${text.slice(copied, i)}"${literal}"`;
			copied = end;
		}
		i = end - 1;
	}
	return copied === 0 ? text : out + text.slice(copied);
}

/** WeChat's JSON sometimes carries raw control characters inside strings, which JSON.parse refuses. */
function escapeControlCharacters(text: string): string {
	// Escaped, they are legal inside strings; WeChat's compact JSON has no whitespace between tokens.
	return text.replace(/[\u0000-\u001f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Parses an answer; integers beyond Number.MAX_SAFE_INTEGER become strings of their exact digits. */
export function parseJsonLossless(text: string): unknown {
	const safe = MAYBE_UNSAFE.test(text) ? quoteUnsafeIntegers(text) : text;
	try {
		return JSON.parse(safe);
	} catch {
		return JSON.parse(escapeControlCharacters(safe));
	}
}

/**
 * An ID a user passes back to WeChat where the API documents a number (`msg_id`, ...): a safe integer as a
 * number, a bigger one as a bigint so that `stringifyJson` writes its exact digits.
 */
export function numericId(digits: string): number | bigint {
	const value = Number(digits);
	return Number.isSafeInteger(value) ? value : BigInt(digits);
}

/** JSON.stringify, except that a bigint anywhere in the value is written as a bare integer literal. */
export function stringifyJson(value: unknown): string {
	let marker: string | undefined;
	const text = JSON.stringify(value, function (this: Record<string, unknown>, key: string, item: unknown) {
		// n8n-workflow gives BigInt a toJSON that quotes it, applied before a replacer runs: read the raw value.
		const raw = this[key];
		if (typeof raw !== 'bigint') return item;
		marker ??= `\u0000big${Math.random().toString(36).slice(2)}:`;
		return `${marker}${raw.toString()}`;
	});
	if (marker === undefined) return text;
	// A marker cannot occur in user text: JSON.stringify escapes its NUL as \u0000.
	return text.replace(new RegExp(`"${marker.replace('\u0000', '\\\\u0000')}(-?\\d+)"`, 'g'), '$1');
}
