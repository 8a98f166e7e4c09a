import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import type { Clock } from './clock';
import { CONTROL_PREFIX, type ControlApi } from './control-api';
import { defaultFaultMessage, gatewayErrorPage, type FaultQueue, type FaultSpec } from './faults';
import { jsonText } from './json';
import { boundaryOf, parseMultipart, type MultipartResult } from './multipart';
import type { RequestLog } from './request-log';
import { isRouteOf, type AnyTokenRoute, type ApiReply, type ApiRequest, type BinaryReply, type EventStreamReply, type JsonReply, type PublicRoute, type Route, type Router } from './router';
import type { AnyTokenOwner, TokenCheck, TokenStore } from './tokens';

export interface ServerParts {
	router: Router;
	tokens: TokenStore;
	log: RequestLog;
	faults: FaultQueue;
	clock: Clock;
	control: ControlApi;
	/** Takes a WebSocket upgrade it serves (true), or leaves it (false: answered 404). */
	upgrade?: (req: IncomingMessage, socket: Duplex, head: Buffer) => boolean;
}

export interface RunningServer {
	url: string;
	close(): Promise<void>;
}

/** Above WeChat's largest upload (20 MB file) plus multipart overhead; beyond it we answer 413 like a gateway. */
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** Answers WeChat's way: JSON in UTF-8, raw (not \u-escaped) non-ASCII, which JSON.stringify already does. */
const JSON_CONTENT_TYPE = 'application/json; charset=UTF-8';

const EVENT_STREAM_CONTENT_TYPE = 'text/event-stream; charset=utf-8';

/** Listens on 127.0.0.1 only: the emulator is a local test double and must never be reachable from elsewhere. */
export async function startHttpServer(parts: ServerParts, port: number): Promise<RunningServer> {
	const pipeline = new Pipeline(parts);
	const server = createServer((req, res) => {
		pipeline.handle(req, res).catch((error: unknown) => {
			// A bug in the emulator: answer 500 with the reason rather than leaving the client hanging.
			if (!res.headersSent) writeBody(res, 500, 'text/plain; charset=UTF-8', Buffer.from(`emulator error: ${String(error)}`));
			else res.destroy();
		});
	});
	server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
		if (parts.upgrade?.(req, socket, head) === true) return;
		socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => {
			server.off('error', reject);
			resolve();
		});
	});
	const { port: boundPort } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${boundPort}`,
		close: async () => {
			pipeline.stop();
			const closed = new Promise<void>((resolve) => server.close(() => resolve()));
			// Keep-alive sockets of pooled clients would otherwise hold close() open until they time out.
			server.closeAllConnections();
			await closed;
		},
	};
}

class Pipeline {
	/** Pending `slow` delays; closing the server cuts them short so no timer outlives it. */
	private delays = new Set<() => void>();
	private stopped = false;

	constructor(private readonly parts: ServerParts) {}

	stop(): void {
		this.stopped = true;
		for (const finish of this.delays) finish();
		this.delays.clear();
	}

	async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const body = await readBody(req);
		if (body === undefined) {
			// The rest of the upload is never read, so the connection cannot be reused.
			res.setHeader('Connection', 'close');
			writeBody(res, 413, 'text/html', Buffer.from(gatewayErrorPage(413)));
			return;
		}
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const query = Object.fromEntries(url.searchParams);
		if (url.pathname.startsWith(CONTROL_PREFIX)) {
			await this.control(req.method ?? 'GET', url.pathname.slice(CONTROL_PREFIX.length), body, query, res);
			return;
		}
		const boundary = boundaryOf(req.headers['content-type']);
		const multipart: MultipartResult | undefined = boundary === undefined ? undefined : parseMultipart(body, boundary);
		const request: ApiRequest = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query,
			headers: req.headers,
			body,
			json: multipart === undefined ? parseJson(body) : undefined,
			multipart,
			remoteAddress: (req.socket.remoteAddress ?? '').replace(/^::ffff:/, ''),
		};
		const entry = this.parts.log.begin({ ...request, time: this.parts.clock.now() });
		const fault = this.parts.faults.take(request.path);
		if (fault !== undefined) entry.fault = fault.kind;
		if (fault?.kind === 'reset') {
			req.socket.destroy();
			return;
		}
		if (fault?.kind === 'http5xx') {
			const status = fault.status ?? 502;
			const page = gatewayErrorPage(status);
			entry.status = status;
			entry.response = { text: page, contentType: 'text/html' };
			writeBody(res, status, 'text/html', Buffer.from(page));
			return;
		}
		if (fault?.kind === 'slow' && !(await this.sleep(fault.delayMs))) return;
		const reply = fault?.kind === 'errcode' ? this.injectedError(request, fault) : this.dispatch(request);
		entry.response = loggedResponse(reply);
		if (fault?.kind === 'resetAfterApply') {
			req.socket.destroy();
			return;
		}
		entry.status = reply.status;
		if (reply.kind === 'events') await this.writeEvents(res, reply);
		else writeReply(res, reply);
	}

	/** Chunked, one event per write and `gapMs` apart, so a client meets them as a model's stream arrives. */
	private async writeEvents(res: ServerResponse, reply: EventStreamReply): Promise<void> {
		res.writeHead(reply.status, { 'Content-Type': EVENT_STREAM_CONTENT_TYPE, 'Cache-Control': 'no-cache' });
		for (const [index, event] of reply.events.entries()) {
			if (index > 0 && reply.gapMs > 0 && !(await this.sleep(reply.gapMs))) {
				res.destroy();
				return;
			}
			res.write(`data: ${event}\n\n`);
		}
		res.end();
	}

	/** Routes the request; for token routes checks the token first and lets it choose the platform. */
	private dispatch(request: ApiRequest): ApiReply {
		const match = this.parts.router.match(request.method, request.path);
		if (match.kind === 'none') return notServed(404, `the emulator does not serve ${request.path}`);
		if (match.kind === 'wrongMethod') return notServed(405, `${request.method} is not allowed on ${request.path}`);
		const open = match.routes.find((route): route is PublicRoute => route.auth === 'none');
		if (open !== undefined) return open.handle(request);
		const routes = match.routes.filter((route): route is AnyTokenRoute => route.auth === 'token');
		const check = this.parts.tokens.check(request.query.access_token);
		const route = tokenRouteFor(check, routes);
		if (check.status === 'missing' || check.status === 'unknown') return route.platform.tokenError(request, check.status);
		// A token of another platform is as unknown here as a made-up one.
		if (route.platform.name !== check.owner.platform) return route.platform.tokenError(request, 'unknown');
		if (check.status !== 'valid') return route.platform.tokenError(request, check.status);
		return bindCaller(route, request, check.owner)?.() ?? route.platform.tokenError(request, 'unknown');
	}

	/** An injected errcode, worded the way the platform that would have answered words its errors. */
	private injectedError(request: ApiRequest, fault: Extract<FaultSpec, { kind: 'errcode' }>): ApiReply {
		if (fault.errmsg !== undefined) return { kind: 'json', status: 200, body: { errcode: fault.errcode, errmsg: fault.errmsg } };
		const match = this.parts.router.match(request.method, request.path);
		const message = defaultFaultMessage(fault.errcode);
		if (match.kind !== 'routes') return { kind: 'json', status: 200, body: { errcode: fault.errcode, errmsg: message } };
		const route = tokenRouteFor(this.parts.tokens.check(request.query.access_token), match.routes);
		return route.platform.errorReply(request, fault.errcode, message);
	}

	private async control(method: string, path: string, body: Buffer, query: Record<string, string>, res: ServerResponse): Promise<void> {
		const json = parseJson(body);
		const reply =
			body.length > 0 && json === undefined
				? { status: 400, body: { error: 'the body is not valid JSON' } }
				: await this.parts.control.handle(method, path, { body: json, query });
		writeBody(res, reply.status, JSON_CONTENT_TYPE, Buffer.from(jsonText(reply.body)));
	}

	/** Resolves true after `ms`, or false at once if the server is closing (the request is then dropped). */
	private sleep(ms: number): Promise<boolean> {
		if (this.stopped) return Promise.resolve(false);
		return new Promise((resolve) => {
			const finish = (): void => {
				clearTimeout(timer);
				this.delays.delete(finish);
				resolve(!this.stopped);
			};
			const timer = setTimeout(finish, ms);
			this.delays.add(finish);
		});
	}
}

/**
 * The route's handler bound to the caller, when the token belongs to the route's platform (checked above,
 * re-checked here so each platform's handler gets its own caller type without a cast).
 */
function bindCaller(route: AnyTokenRoute, request: ApiRequest, owner: AnyTokenOwner): (() => ApiReply) | undefined {
	switch (owner.platform) {
		case 'wecom':
			return isRouteOf(route, 'wecom') ? () => route.handle({ ...request, caller: owner }) : undefined;
		case 'oa':
			return isRouteOf(route, 'oa') ? () => route.handle({ ...request, caller: owner }) : undefined;
	}
}

/** Of the routes sharing a path, the one of the token's platform; the first when the token tells nothing. */
function tokenRouteFor<R extends Route>(check: TokenCheck, routes: readonly R[]): R {
	const platform = 'owner' in check ? check.owner.platform : undefined;
	return routes.find((route) => route.platform.name === platform) ?? routes[0];
}

function notServed(status: number, error: string): ApiReply {
	// Deliberately without errcode: a client must not mistake an emulator gap for a WeChat answer.
	return { kind: 'json', status, body: { error } };
}

function parseJson(body: Buffer): unknown {
	if (body.length === 0) return undefined;
	try {
		return JSON.parse(body.toString('utf8')) as unknown;
	} catch {
		return undefined;
	}
}

/** The whole body, or undefined when it exceeds MAX_BODY_BYTES. */
async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
	const chunks: Buffer[] = [];
	let size = 0;
	for await (const chunk of req as AsyncIterable<Buffer>) {
		size += chunk.length;
		if (size > MAX_BODY_BYTES) return undefined;
		chunks.push(chunk);
	}
	return Buffer.concat(chunks);
}

/** What the request log keeps of an answer: JSON as is, a download summarised, an event stream as its text. */
function loggedResponse(reply: ApiReply): unknown {
	if (reply.kind === 'json') return reply.body;
	if (reply.kind === 'binary') return { binary: true, size: reply.body.length, contentType: reply.contentType };
	return { text: reply.events.map((event) => `data: ${event}\n\n`).join(''), contentType: EVENT_STREAM_CONTENT_TYPE };
}

function writeReply(res: ServerResponse, reply: JsonReply | BinaryReply): void {
	if (reply.kind === 'json') {
		writeBody(res, reply.status, JSON_CONTENT_TYPE, Buffer.from(jsonText(reply.body)));
		return;
	}
	for (const [name, value] of Object.entries(reply.headers)) res.setHeader(name, value);
	writeBody(res, reply.status, reply.contentType, reply.body);
}

function writeBody(res: ServerResponse, status: number, contentType: string, body: Buffer): void {
	res.writeHead(status, { 'Content-Type': contentType, 'Content-Length': body.length });
	res.end(body);
}
