/**
 * One HTTP exchange with a trigger, timed the way WeChat times it: the whole answer (status and body) must
 * arrive within the deadline, otherwise WeChat drops the connection ("五秒内收不到响应会断掉连接") and
 * counts it as no answer.
 */
import { request } from 'undici';

/** One try: what came back, or that nothing did. */
export interface PushAttempt {
	/** HTTP status; 0 when there was no answer (timeout, refused, reset). */
	status: number;
	/** From sending to the end of the answer (or the timeout). */
	ms: number;
	/** The answer body exactly as received (UTF-8); '' when there was none. */
	body: string;
	timedOut: boolean;
	/** Why there was no answer when it was not the timeout (connection refused, reset, aborted). */
	error?: string;
}

export interface Exchange {
	method: 'GET' | 'POST';
	url: string;
	body?: string;
	timeoutMs: number;
	signal?: AbortSignal;
	/** Default text/xml (WeChat's callbacks); the AI bot posts JSON. */
	contentType?: string;
}

/** Answers larger than this are cut off and count as no answer: a passive reply is a few KB at most. */
const MAX_ANSWER_BYTES = 1024 * 1024;

export async function exchange({ method, url, body, timeoutMs, signal, contentType = 'text/xml' }: Exchange): Promise<PushAttempt> {
	const started = performance.now();
	const elapsed = (): number => Math.round((performance.now() - started) * 10) / 10;
	if (aborted(signal)) return { status: 0, ms: 0, body: '', timedOut: false, error: 'aborted' };
	const controller = new AbortController();
	let timedOut = false;
	const timer = setTimeout(() => {
		timedOut = true;
		controller.abort();
	}, timeoutMs);
	const cancel = (): void => controller.abort();
	signal?.addEventListener('abort', cancel, { once: true });
	try {
		const headers = body === undefined ? {} : { 'content-type': contentType };
		const response = await request(url, { method, body, headers, signal: controller.signal });
		const chunks: Buffer[] = [];
		let size = 0;
		for await (const chunk of response.body as AsyncIterable<Buffer>) {
			size += chunk.length;
			if (size > MAX_ANSWER_BYTES) {
				response.body.destroy();
				return { status: 0, ms: elapsed(), body: '', timedOut: false, error: `answer over ${MAX_ANSWER_BYTES} bytes` };
			}
			chunks.push(chunk);
		}
		return { status: response.statusCode, ms: elapsed(), body: Buffer.concat(chunks).toString('utf8'), timedOut: false };
	} catch (error) {
		if (timedOut) return { status: 0, ms: elapsed(), body: '', timedOut: true };
		// Read again: the signal may have fired while the request was in flight.
		const reason = aborted(signal) ? 'aborted' : errorText(error);
		return { status: 0, ms: elapsed(), body: '', timedOut: false, error: reason };
	} finally {
		clearTimeout(timer);
		signal?.removeEventListener('abort', cancel);
	}
}

/**
 * `code: message` of a network error. Duck-typed rather than instanceof Error: errors from Node's internals
 * come from another realm under jest's vm sandbox, where instanceof fails.
 */
export function errorText(error: unknown): string {
	if (typeof error !== 'object' || error === null) return String(error);
	const { code, message } = error as { code?: unknown; message?: unknown };
	if (typeof message !== 'string') return String(error);
	return typeof code === 'string' ? `${code}: ${message}` : message;
}

/** A function, not an inline check, so that TypeScript does not carry the first answer over the await. */
function aborted(signal: AbortSignal | undefined): boolean {
	return signal?.aborted === true;
}
