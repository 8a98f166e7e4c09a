import WebSocket from 'ws';

/** A bare WebSocket client of the emulator's long connection: sends frames, reads what comes back in order. */
export interface RawSocket {
	ws: WebSocket;
	send(frame: unknown): void;
	/** The next frame from the server (waits up to 2 s). */
	next(): Promise<Record<string, unknown>>;
	/** Sends a frame and returns the server's next frame (its ack when nothing else is pending). */
	request(cmd: string, reqId: string, body?: Record<string, unknown>): Promise<Record<string, unknown>>;
	/** Resolves with the close code once the server ends the connection. */
	closed: Promise<number>;
}

export const wsUrlOf = (httpUrl: string): string => httpUrl.replace(/^http/, 'ws');

export async function openRawSocket(httpUrl: string, path = ''): Promise<RawSocket> {
	const ws = new WebSocket(`${wsUrlOf(httpUrl)}${path}`);
	const queue: Record<string, unknown>[] = [];
	const waiting: ((frame: Record<string, unknown>) => void)[] = [];
	ws.on('message', (data: Buffer) => {
		const frame = JSON.parse(data.toString('utf8')) as Record<string, unknown>;
		const waiter = waiting.shift();
		if (waiter) waiter(frame);
		else queue.push(frame);
	});
	const closed = new Promise<number>((resolve) => ws.on('close', (code: number) => resolve(code)));
	await new Promise<void>((resolve, reject) => {
		ws.once('open', () => resolve());
		ws.once('error', reject);
	});
	const next = (): Promise<Record<string, unknown>> => {
		const queued = queue.shift();
		if (queued) return Promise.resolve(queued);
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => reject(new Error('no frame from the server within 2 s')), 2_000);
			waiting.push((frame) => {
				clearTimeout(timer);
				resolve(frame);
			});
		});
	};
	const send = (frame: unknown): void => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame));
	return {
		ws,
		send,
		next,
		request: (cmd, reqId, body) => {
			send({ cmd, headers: { req_id: reqId }, ...(body === undefined ? {} : { body }) });
			return next();
		},
		closed,
	};
}

/** Opens a socket and subscribes it; throws unless the subscription is acknowledged with errcode 0. */
export async function subscribedSocket(httpUrl: string, botId: string, secret: string): Promise<RawSocket> {
	const socket = await openRawSocket(httpUrl);
	const ack = await socket.request('aibot_subscribe', `aibot_subscribe_${Date.now()}`, { bot_id: botId, secret });
	if (ack.errcode !== 0) throw new Error(`subscribe refused: ${JSON.stringify(ack)}`);
	return socket;
}
