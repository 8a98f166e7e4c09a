/**
 * Writing the HTTP answer to a WeChat callback ourselves: exact status, content type and body (n8n's own
 * responses would add JSON or HTML), and, once answered, making the response deaf to later writes so that
 * n8n's end-of-run answer never logs "Cannot set headers after they are sent".
 */
import type { ServerResponse } from 'node:http';

export type CallbackResponse = ServerResponse;

export function answer(
	res: CallbackResponse,
	status: number,
	body: string,
	contentType = 'text/plain; charset=utf-8',
): void {
	if (res.headersSent || res.writableEnded) return;
	res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
	res.end(body);
	silence(res);
}

/**
 * Shows every body about to be written to `res` to `drop` first; when it says true the write does not happen
 * (the caller answered instead). Express and n8n end every answer through `end`.
 */
export function screenAnswers(res: CallbackResponse, drop: (body: string) => boolean): void {
	const target = res as unknown as { end: (...args: unknown[]) => unknown };
	const end = target.end.bind(res);
	target.end = (...args: unknown[]) => {
		const [chunk] = args;
		const body = typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : '';
		return drop(body) ? res : end(...args);
	};
}

/**
 * After our own answer, in n8n's responseNode mode: n8n writes its answer to the same response when the run ends
 * (an empty 200; 500 "Error in workflow" when a node failed). That write only tells us the run ended, and how:
 * `ended(failed)`, once. Works in queue mode too, where the webhook process learns the end from the worker's job.
 */
export function whenRunEnds(res: CallbackResponse, ended: (failed: boolean) => void): void {
	const target = res as unknown as Record<string, unknown>;
	let status = 200;
	let told = false;
	const tell = (): CallbackResponse => {
		if (!told) {
			told = true;
			ended(status >= 400);
		}
		return res;
	};
	const setStatus = (code: unknown): void => {
		if (Number.isInteger(code)) status = code as number;
	};
	target.status = (code: unknown) => {
		setStatus(code);
		return res;
	};
	target.sendStatus = (code: unknown) => {
		setStatus(code);
		return tell();
	};
	for (const name of ['send', 'json', 'end']) target[name] = tell;
}

/** Express and n8n write through these; after our answer they do nothing (and keep chaining). */
const WRITERS = [
	'status',
	'send',
	'json',
	'end',
	'writeHead',
	'setHeader',
	'set',
	'header',
	'type',
	'sendStatus',
	'write',
] as const;

export function silence(res: CallbackResponse): void {
	const target = res as unknown as Record<string, unknown>;
	for (const name of WRITERS) {
		if (typeof target[name] === 'function') target[name] = () => res;
	}
}
