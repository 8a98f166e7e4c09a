/**
 * The only module that opens connections. undici with keep-alive connections shared per origin (one Agent for
 * direct calls, one ProxyAgent per proxy URL), bounded timeouts, and errors that say whether the request may
 * have reached the server: that decides whether a write can be retried without a duplicate send.
 */
import { Agent, ProxyAgent, request, type Dispatcher } from 'undici';
import { randomBytes } from 'node:crypto';
import { redact } from './errors';
import { stringifyJson } from './json';
import { timings } from '../testSeam';

export interface MultipartFile {
	/** The form field name; WeChat wants `media`. */
	field: string;
	fileName: string;
	contentType: string;
	data: Buffer;
	/** Text fields sent before the file (add_material's `description` JSON for videos). */
	fields?: Record<string, string>;
}

export interface HttpRequest {
	method: 'GET' | 'POST';
	url: string;
	query?: Record<string, string | number | undefined>;
	json?: unknown;
	multipart?: MultipartFile;
	proxyUrl?: string;
	timeoutMs?: number;
	/** The largest answer body read; default DEFAULT_MAX_RESPONSE_BYTES. */
	maxBytes?: number;
}

/** Above WeChat's largest media (a 20 MB WeCom file), so that no download of a valid file is refused. */
export const DEFAULT_MAX_RESPONSE_BYTES = 25 * 1024 * 1024;

export interface HttpResponse {
	status: number;
	contentType: string;
	contentDisposition: string;
	body: Buffer;
}

/**
 * `sent: 'no'` means the request never left (connection refused, DNS failure, connect timeout): safe to retry.
 * `sent: 'maybe'` means it may have been processed (reset or timeout after sending, 5xx): a write must not be
 * replayed unless the API de-duplicates it.
 */
export class TransportError extends Error {
	readonly sent: 'no' | 'maybe';
	readonly status?: number;
	readonly code?: string;

	constructor(message: string, sent: 'no' | 'maybe', details: { status?: number; code?: string } = {}) {
		super(redact(message));
		this.name = 'TransportError';
		this.sent = sent;
		this.status = details.status;
		this.code = details.code;
	}
}

/** The answer is bigger than the caller allows: reading stopped there, and a retry would meet the same file. */
export class ResponseTooLargeError extends Error {
	readonly limitBytes: number;

	constructor(path: string, limitBytes: number) {
		super(`${path}: the answer is larger than ${formatMegabytes(limitBytes)}, the download limit`);
		this.name = 'ResponseTooLargeError';
		this.limitBytes = limitBytes;
	}
}

export function formatMegabytes(bytes: number): string {
	return `${Number((bytes / (1024 * 1024)).toFixed(2))} MB`;
}

const NOT_SENT_CODES = new Set([
	'ECONNREFUSED',
	'ENOTFOUND',
	'EAI_AGAIN',
	'UND_ERR_CONNECT_TIMEOUT',
	'EHOSTUNREACH',
	'ENETUNREACH',
]);

let directAgent: Agent | undefined;
const proxyAgents = new Map<string, ProxyAgent>();

export function dispatcherFor(proxyUrl: string | undefined): Dispatcher {
	if (proxyUrl) {
		let agent = proxyAgents.get(proxyUrl);
		if (!agent) {
			agent = new ProxyAgent({ uri: proxyUrl, keepAliveTimeout: 30_000 });
			proxyAgents.set(proxyUrl, agent);
		}
		return agent;
	}
	directAgent ??= new Agent({ keepAliveTimeout: 30_000, connections: 32 });
	return directAgent;
}

function buildUrl(url: string, query: HttpRequest['query']): string {
	const target = new URL(url);
	for (const [key, value] of Object.entries(query ?? {})) {
		if (value !== undefined) target.searchParams.set(key, String(value));
	}
	return target.toString();
}

/** multipart/form-data with WeChat's `filelength` parameter, which its upload endpoints expect. */
export function encodeMultipart(file: MultipartFile): { boundary: string; body: Buffer } {
	const boundary = `----n8nWeChat${randomBytes(12).toString('hex')}`;
	const safeName = file.fileName.replace(/["\r\n]/g, '_');
	const fields = Object.entries(file.fields ?? {})
		.map(
			([name, value]) =>
				`--${boundary}\r\nContent-Disposition: form-data; name="${name.replace(/["\r\n]/g, '_')}"\r\n\r\n${value}\r\n`,
		)
		.join('');
	const head =
		fields +
		`--${boundary}\r\n` +
		`Content-Disposition: form-data; name="${file.field}"; filename="${safeName}"; filelength=${file.data.length}\r\n` +
		`Content-Type: ${file.contentType}\r\n\r\n`;
	return {
		boundary,
		body: Buffer.concat([Buffer.from(head, 'utf8'), file.data, Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8')]),
	};
}

export async function httpRequest(req: HttpRequest): Promise<HttpResponse> {
	const headers: Record<string, string> = { accept: 'application/json, */*' };
	let body: Buffer | string | undefined;
	if (req.multipart) {
		const encoded = encodeMultipart(req.multipart);
		headers['content-type'] = `multipart/form-data; boundary=${encoded.boundary}`;
		body = encoded.body;
	} else if (req.json !== undefined) {
		headers['content-type'] = 'application/json; charset=utf-8';
		body = stringifyJson(req.json);
	}
	const timeout = req.timeoutMs ?? timings.httpTimeoutMs;
	const url = buildUrl(req.url, req.query);
	let response: Dispatcher.ResponseData;
	try {
		response = await request(url, {
			method: req.method,
			headers,
			body,
			dispatcher: dispatcherFor(req.proxyUrl),
			headersTimeout: timeout,
			bodyTimeout: timeout,
		});
	} catch (error) {
		throw toTransportError(error, new URL(url).pathname);
	}
	const header = (name: string): string => {
		const value = response.headers[name];
		return Array.isArray(value) ? value.join(', ') : (value ?? '');
	};
	const data = await readBody(response, new URL(url).pathname, req.maxBytes ?? DEFAULT_MAX_RESPONSE_BYTES);
	return {
		status: response.statusCode,
		contentType: header('content-type'),
		contentDisposition: header('content-disposition'),
		body: data,
	};
}

/** The body, chunk by chunk, never past `maxBytes` (checked against Content-Length first, then as it streams). */
async function readBody(response: Dispatcher.ResponseData, path: string, maxBytes: number): Promise<Buffer> {
	const declared = Number(response.headers['content-length']);
	const tooLarge = () => {
		response.body.destroy();
		return new ResponseTooLargeError(path, maxBytes);
	};
	if (declared > maxBytes) throw tooLarge();
	const chunks: Buffer[] = [];
	let size = 0;
	try {
		for await (const chunk of response.body) {
			size += (chunk as Buffer).length;
			if (size > maxBytes) throw tooLarge();
			chunks.push(chunk as Buffer);
		}
	} catch (error) {
		if (error instanceof ResponseTooLargeError) throw error;
		throw toTransportError(error, path);
	}
	return Buffer.concat(chunks, size);
}

function toTransportError(error: unknown, path: string): TransportError {
	const code = errorCode(error);
	const sent = code && NOT_SENT_CODES.has(code) ? 'no' : 'maybe';
	const reason =
		code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT'
			? 'timed out waiting for the answer'
			: `network error (${code ?? (error instanceof Error ? error.message : 'unknown')})`;
	return new TransportError(`${path}: ${reason}`, sent, { code });
}

function errorCode(error: unknown): string | undefined {
	let current: unknown = error;
	for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
		const code = (current as { code?: unknown }).code;
		if (typeof code === 'string' && code !== 'UND_ERR_SOCKET') return code;
		if (typeof code === 'string') return 'ECONNRESET';
		current = (current as { cause?: unknown }).cause;
	}
	return undefined;
}
