/**
 * `record[key]` for keys that come from requests: only the record's own entries, so that a key such as
 * "toString" or "constructor" finds nothing instead of an Object.prototype member.
 */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
	return Object.hasOwn(record, key) ? record[key] : undefined;
}
