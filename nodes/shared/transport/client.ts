/**
 * The request path both platforms share: token → call → errcode check → on a token-invalid errcode drop that
 * token, fetch one, retry once. Platform modules (wecom.ts, oa.ts) only say how a token is fetched.
 */
import { httpRequest, TransportError, type HttpResponse, type MultipartFile } from './http';
import { parseJsonLossless } from './json';
import { TOKEN_INVALID_ERRCODES, WeChatApiError, type Platform } from './errors';
import {
	getAccessToken,
	invalidateAccessToken,
	type FetchedToken,
	type StaticDataBag,
	type TokenSource,
} from './token';
import { withRetry, type CallKind } from './retry';

export type JsonObject = Record<string, unknown>;

export interface ApiCall {
	method: 'GET' | 'POST';
	/** e.g. `/cgi-bin/message/send`; also the name errors use. */
	path: string;
	query?: Record<string, string | number | undefined>;
	json?: unknown;
	multipart?: MultipartFile;
	kind: CallKind;
	/** The API drops a replay of this write (duplicate check, client message id), so retrying it is safe. */
	deduplicated?: boolean;
	/**
	 * A string field the answer must carry (a token fetch's `access_token`): an answer without it is an error,
	 * retried like a network fault, so that nothing ever caches or sends "undefined".
	 */
	requires?: string;
	/**
	 * Errcodes that mean "already done" (already recalled, already deleted) when they answer a replay of this write
	 * after the first attempt's outcome was unknown: the first attempt did it, so the call succeeds (see replayNote).
	 */
	doneOnReplay?: ReadonlySet<number>;
	/** The largest answer accepted (downloads: the node's Max Download Size); default DEFAULT_MAX_RESPONSE_BYTES. */
	maxBytes?: number;
}

export interface Connection {
	baseUrl: string;
	proxyUrl?: string;
	timeoutMs?: number;
}

export interface Download {
	data: Buffer;
	contentType: string;
	fileName?: string;
}

export interface TokenClient {
	platform: Platform;
	connection: Connection;
	source: TokenSource;
	/** `rejected`: the token WeChat just refused, so a platform that would hand it out again can force a new one. */
	fetchToken: (rejected?: string) => Promise<FetchedToken>;
	staticData?: StaticDataBag;
}

export function trimBaseUrl(baseUrl: string): string {
	return baseUrl.trim().replace(/\/+$/, '');
}

/** One HTTP exchange, with the errcode decided by the body and never by errmsg text. */
export async function exchange(connection: Connection, call: ApiCall, token?: string): Promise<HttpResponse> {
	const response = await httpRequest({
		method: call.method,
		url: `${trimBaseUrl(connection.baseUrl)}${call.path}`,
		query: token === undefined ? call.query : { access_token: token, ...call.query },
		json: call.json,
		multipart: call.multipart,
		proxyUrl: connection.proxyUrl || undefined,
		timeoutMs: connection.timeoutMs,
		maxBytes: call.maxBytes,
	});
	if (response.status >= 500) {
		throw new TransportError(`${call.path}: HTTP ${response.status} from the server`, 'maybe', {
			status: response.status,
		});
	}
	if (response.status >= 400) {
		throw new TransportError(`${call.path}: HTTP ${response.status} from the server`, 'no', {
			status: response.status,
		});
	}
	return response;
}

function isJson(response: HttpResponse): boolean {
	return /json|text\/plain/i.test(response.contentType) || response.body.subarray(0, 1).toString() === '{';
}

/**
 * The JSON body, or a WeChatApiError when errcode is present and not 0 (some OA endpoints omit it on success).
 * Integers beyond 2^53 (template msgid, ...) come out as strings of their exact digits.
 */
export function checkJson(platform: Platform, path: string, response: HttpResponse): JsonObject {
	let parsed: unknown;
	try {
		parsed = parseJsonLossless(response.body.toString('utf8'));
	} catch {
		throw new TransportError(`${path}: the answer is not JSON (HTTP ${response.status})`, 'maybe', {
			status: response.status,
		});
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw new TransportError(`${path}: the answer is not a JSON object`, 'maybe');
	}
	const body = parsed as JsonObject;
	const errcode = body.errcode === undefined ? 0 : Number(body.errcode);
	if (errcode !== 0) {
		const details = Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'errcode' && key !== 'errmsg'));
		throw new WeChatApiError(platform, path, errcode, String(body.errmsg ?? ''), details);
	}
	return body;
}

/** checkJson, plus the field the call requires. */
function checkAnswer(platform: Platform, call: ApiCall, response: HttpResponse): JsonObject {
	const body = checkJson(platform, call.path, response);
	if (call.requires !== undefined) {
		const value = body[call.requires];
		if (typeof value !== 'string' || value === '')
			throw new TransportError(`${call.path}: the answer has no ${call.requires}`, 'maybe');
	}
	return body;
}

/**
 * A JSON call that carries its own credentials instead of the cached access token (token fetches, the OA's
 * web authorisation with appid+secret or a user's OAuth token), with the same retry rules.
 */
export async function callWithoutToken(platform: Platform, connection: Connection, call: ApiCall): Promise<JsonObject> {
	return await withRetry(async () => checkAnswer(platform, call, await exchange(connection, call)), {
		kind: call.kind,
		deduplicated: call.deduplicated ?? false,
	});
}

async function withToken<T>(client: TokenClient, run: (token: string) => Promise<T>): Promise<T> {
	const { source, staticData } = client;
	const token = await getAccessToken({ source, staticData, fetch: () => client.fetchToken() });
	try {
		return await run(token);
	} catch (error) {
		if (!(error instanceof WeChatApiError) || !TOKEN_INVALID_ERRCODES.has(error.errcode)) throw error;
		// The call was refused before doing anything, so retrying it once, even a write, sends nothing twice.
		invalidateAccessToken(source, token, staticData);
		return await run(await getAccessToken({ source, staticData, fetch: () => client.fetchToken(token) }));
	}
}

/** Answers that stand for "the first attempt already did it", with WeChat's answer to the replay. */
const doneByFirstAttempt = new WeakMap<JsonObject, WeChatApiError>();

/** A write that may have been applied although its answer never came: a replay may find it done. */
function mayHaveApplied(error: unknown): boolean {
	return (
		(error instanceof TransportError && error.sent === 'maybe') ||
		(error instanceof WeChatApiError && error.errcode === -1)
	);
}

/** A JSON API call with the access token. */
export async function callJson(client: TokenClient, call: ApiCall): Promise<JsonObject> {
	return await withToken(client, (token) => {
		let replaying = false;
		return withRetry(
			async () => {
				try {
					return checkAnswer(client.platform, call, await exchange(client.connection, call, token));
				} catch (error) {
					if (replaying && error instanceof WeChatApiError && call.doneOnReplay?.has(error.errcode)) {
						const answer: JsonObject = {};
						doneByFirstAttempt.set(answer, error);
						return answer;
					}
					replaying ||= mayHaveApplied(error);
					throw error;
				}
			},
			{ kind: call.kind, deduplicated: call.deduplicated ?? false },
		);
	});
}

/** For an answer that is a replay's "already done" (`done`: e.g. "recalled"): what happened, for the output item. */
export function replayNote(answer: JsonObject, done: string): string | undefined {
	const error = doneByFirstAttempt.get(answer);
	if (!error) return undefined;
	return (
		`Already ${done} by the first attempt, whose answer was lost to a network fault: WeChat answered the replay ` +
		`with errcode ${error.errcode}${error.meaning ? ` (${error.meaning})` : ''}.`
	);
}

/** A download (media/get): the file, or the JSON error WeChat answers instead. */
export async function callDownload(client: TokenClient, call: ApiCall): Promise<Download> {
	return await withToken(client, (token) =>
		withRetry(
			async () => {
				const response = await exchange(client.connection, call, token);
				if (isJson(response) && !/attachment|filename=/i.test(response.contentDisposition)) {
					const body = checkJson(client.platform, call.path, response);
					// OA video media answer with a JSON {video_url}: hand that over as a JSON "file".
					return { data: Buffer.from(JSON.stringify(body)), contentType: 'application/json' };
				}
				return {
					data: response.body,
					contentType: response.contentType.split(';')[0].trim() || 'application/octet-stream',
					fileName: fileNameFromDisposition(response.contentDisposition),
				};
			},
			{ kind: 'read', deduplicated: false },
		),
	);
}

/** `filename*=UTF-8''…` wins over `filename="…"`, as RFC 6266 says. */
export function fileNameFromDisposition(disposition: string): string | undefined {
	const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(disposition);
	if (extended) {
		try {
			return decodeURIComponent(extended[1].trim());
		} catch {
			// fall through to the plain form
		}
	}
	const plain = /filename\s*=\s*"([^"]*)"|filename\s*=\s*([^;]+)/.exec(disposition);
	const name = plain?.[1] ?? plain?.[2]?.trim();
	return name || undefined;
}
