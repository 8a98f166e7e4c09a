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
