/**
 * Reading the callback's query parameters and checking its timestamp, for URL verification and messages alike.
 * n8n hands over the query as parsed by Express: a value may be a string, an array (a repeated parameter) or an
 * object (`a[b]=c`). Only a single plain string is accepted, so there is never a doubt about which value was
 * signed.
 */
import { refuse, type CallbackRefusal } from './refusal';

/** What n8n's `getQueryData()` returns: typed `object`, so it can be passed as it is. */
export type CallbackQuery = object;

const DEFAULT_TIMESTAMP_WINDOW_SECONDS = 300;

export type QueryParams<Name extends string> = { ok: true } & { [K in Name]: string | undefined };

export function readQuery<Name extends string>(
	query: CallbackQuery,
	names: readonly Name[],
): QueryParams<Name> | CallbackRefusal {
	const params: Partial<Record<Name, string>> = {};
	for (const name of names) {
		const value = Object.prototype.hasOwnProperty.call(query, name)
			? (query as Record<string, unknown>)[name]
			: undefined;
		if (value === undefined) continue;
		if (typeof value !== 'string') return refuse('badParameter', `query parameter ${name} must be given once`);
		params[name] = value;
	}
	return { ok: true, ...params } as QueryParams<Name>;
}

/**
 * The timestamp window as configured: seconds, where only an explicit 0 switches the check off. Blank, non-numeric
 * or negative values (an expression that resolved to '' or 'abc') mean the default, so that a slip never silently
 * turns replay protection off.
 */
export function readTimestampWindow(value: unknown): number {
	const seconds =
		typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
	return Number.isFinite(seconds) && seconds >= 0 ? seconds : DEFAULT_TIMESTAMP_WINDOW_SECONDS;
}

/**
 * WeChat's timestamp is in seconds. `windowSeconds` (from readTimestampWindow) 0 switches the check off; `now` is
 * in milliseconds (Date.now()), injectable for tests.
 */
export function checkTimestamp(timestamp: string, now: number, windowSeconds: number): CallbackRefusal | undefined {
	if (windowSeconds === 0) return undefined;
	if (!/^\d{1,12}$/.test(timestamp)) return refuse('staleTimestamp', 'timestamp is not a number of seconds');
	if (Math.abs(now / 1000 - Number(timestamp)) > windowSeconds) {
		return refuse(
			'staleTimestamp',
			`timestamp outside the allowed window of ${windowSeconds} s (replay or clock skew)`,
		);
	}
	return undefined;
}
