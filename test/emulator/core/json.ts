/** JSON types and small readers for request bodies the emulator receives as `unknown`. */
/** `bigint`: an integer WeChat writes as a bare JSON number too big for a double (a template msgid). */
export type JsonValue = null | boolean | number | bigint | string | JsonValue[] | JsonObject;
export type JsonObject = { [key: string]: JsonValue };

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** WeChat counts most limits in UTF-8 bytes, not characters. */
export function utf8Length(text: string): number {
	return Buffer.byteLength(text, 'utf8');
}

/** Counts user-perceived characters by code point, for the few limits WeChat states in characters. */
export function charLength(text: string): number {
	return [...text].length;
}

/** Array.isArray narrows to any[]; this keeps the elements unknown, so they get checked before use. */
export function isList(value: unknown): value is unknown[] {
	return Array.isArray(value);
}

export function nonEmptyString(value: unknown): value is string {
	return typeof value === 'string' && value.length > 0;
}

/** JSON with object keys sorted, so that two bodies equal in content give equal strings (duplicate check). */
export function stableStringify(value: unknown): string {
	if (isList(value)) return `[${value.map(stableStringify).join(',')}]`;
	if (isRecord(value)) {
		const keys = Object.keys(value).sort();
		return `{${keys.map((key) => `${JSON.stringify(key)}:${stableStringify(value[key])}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/**
 * JSON.stringify that writes a bigint as the bare integer WeChat would send, exact beyond 2^53. Written out by
 * hand because n8n-workflow, loaded in the same process by the tests, gives BigInt a toJSON that quotes it.
 */
export function jsonText(value: unknown): string {
	if (typeof value === 'bigint') return value.toString();
	if (isList(value)) return `[${value.map((item) => (item === undefined ? 'null' : jsonText(item))).join(',')}]`;
	if (isRecord(value) && !Buffer.isBuffer(value) && !(value instanceof Date)) {
		const fields = Object.entries(value).filter(([, item]) => item !== undefined && typeof item !== 'function');
		return `{${fields.map(([key, item]) => `${JSON.stringify(key)}:${jsonText(item)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

export function isStringArray(value: unknown): value is string[] {
	return isList(value) && value.every((item) => typeof item === 'string');
}

export function isIntegerArray(value: unknown): value is number[] {
	return isList(value) && value.every((item) => Number.isInteger(item));
}
