/**
 * One long connection of a WeCom AI bot (智能机器人 长连接), on undici's WebSocket: subscribe with Bot ID + Secret,
 * a ping every `timings.aiBotHeartbeatMs` (two unanswered pings: the connection is dead), reconnect after a drop
 * (the first retry within `aiBotReconnectFirstMs`, then exponential backoff with jitter), frames to WeCom matched
 * to their acks by req_id (one frame in flight per req_id, as a stream's updates share their message's req_id).
 *
 * Two ends are final: WeCom refusing the Secret (a reconnect cannot fix it: `onFatal`), and displacement (another
 * client subscribed with the same bot, WeCom told us with `disconnected_event` and closes this one: reconnecting
 * would only throw the other one out in turn, so the connection stays down and says how to fix it, once).
 *
 * Pure module (no n8n): the trigger gives it a logger and a handler for pushes. Nothing it logs or throws carries
 * the Secret or a frame's content.
 */
import { WebSocket } from 'undici';
import { timings } from '../../testSeam';
import { dispatcherFor } from '../../transport/http';
import { redact } from '../../transport/errors';
import type { JsonObject } from '../json';
import { CMD, decodeFrame, encodeFrame, isDisplacement, isPush, newReqId, type Frame } from './frames';

export type SocketErrorKind = 'auth' | 'refused' | 'timeout' | 'network' | 'closed' | 'displaced';

export class AiBotSocketError extends Error {
	constructor(
		readonly kind: SocketErrorKind,
		message: string,
		readonly errcode?: number,
		readonly errmsg?: string,
	) {
		super(message);
		this.name = 'AiBotSocketError';
	}
}

export interface SocketLog {
	info(message: string): void;
	warn(message: string): void;
}

export interface ConnectionOptions {
	url: string;
	botId: string;
	secret: string;
	proxyUrl?: string;
	log: SocketLog;
	/** A message or event WeCom pushed (not the displacement event, which the connection handles). */
	onPush?: (frame: Frame) => void;
	/** The connection gave up after having been up: WeCom refused the Secret on a reconnect. */
	onFatal?: (error: AiBotSocketError) => void;
}

export type ConnectionState = 'connecting' | 'open' | 'reconnecting' | 'displaced' | 'closed';

/** A connection that stayed up this long was healthy: the next drop starts the backoff from the fast first retry. */
const STABLE_MS = 10_000;
/** Unanswered pings before the connection counts as dead. */
const MAX_MISSED_PINGS = 2;

export const DISPLACED_FIX =
	'another n8n or program is connected with this bot (WeCom allows one long connection per bot); stop it, then deactivate and activate this workflow';

interface Pending {
	resolve: (frame: Frame) => void;
	reject: (error: AiBotSocketError) => void;
	timer: NodeJS.Timeout;
}

export class AiBotConnection {
	private socket: WebSocket | undefined;
	private current: ConnectionState = 'connecting';
	private attempt = 0;
	private upSince = 0;
	private missedPings = 0;
	private heartbeat: NodeJS.Timeout | undefined;
	private reconnectTimer: NodeJS.Timeout | undefined;
	private readonly pending = new Map<string, Pending>();
	private readonly queues = new Map<string, Promise<unknown>>();
	private readonly openWaiters = new Set<() => void>();

	constructor(private readonly options: ConnectionOptions) {}

	get state(): ConnectionState {
		return this.current;
	}

	get botId(): string {
		return this.options.botId;
	}

	/** Opens and subscribes; rejects (and stays closed) when WeCom refuses or cannot be reached. */
	async start(): Promise<void> {
		try {
			await this.connect();
		} catch (error) {
			this.current = 'closed';
			throw error;
		}
	}

	/**
	 * A frame to WeCom with its ack: rejects with the errcode when WeCom refuses it, on timeout, or when the
	 * connection is gone. During a reconnect it waits for the connection (within the ack timeout).
	 */
	async request(cmd: string, reqId: string, body: JsonObject): Promise<Frame> {
		const previous = this.queues.get(reqId) ?? Promise.resolve();
		const next = previous.then(
			async () => await this.sendWhenOpen(cmd, reqId, body),
			async () => await this.sendWhenOpen(cmd, reqId, body),
		);
		this.queues.set(reqId, next);
		const forget = () => {
			if (this.queues.get(reqId) === next) this.queues.delete(reqId);
		};
		next.then(forget, forget);
		return await next;
	}

	/** Closes for good (workflow deactivated); resolves once the socket is closed, or after a second. */
	async close(): Promise<void> {
		this.current = 'closed';
		this.stopTimers();
		this.failPending('closed', 'the long connection was closed (the workflow was deactivated)');
		const socket = this.socket;
		this.socket = undefined;
		if (!socket || socket.readyState === WebSocket.CLOSED) return;
		await new Promise<void>((resolve) => {
			const timer = setTimeout(resolve, 1_000);
			timer.unref();
			socket.addEventListener('close', () => {
				clearTimeout(timer);
				resolve();
			});
			socket.close(1000);
		});
	}

	private connect(): Promise<void> {
		return new Promise((resolve, reject) => {
			let socket: WebSocket;
			try {
				socket = new WebSocket(this.options.url, { dispatcher: dispatcherFor(this.options.proxyUrl) });
			} catch (error) {
				reject(new AiBotSocketError('network', `cannot open ${this.options.url}: ${(error as Error).message}`));
				return;
			}
			this.socket = socket;
			let subscribed = false;
			let failed = false;
			const fail = (error: AiBotSocketError) => {
				if (subscribed || failed) return;
				failed = true;
				if (this.socket === socket) this.socket = undefined;
				socket.close();
				reject(error);
			};
			socket.addEventListener('open', () => {
				const body = { bot_id: this.options.botId, secret: this.options.secret };
				this.exchange(socket, CMD.subscribe, newReqId(CMD.subscribe), body).then(
					() => {
						if (failed || this.current === 'closed') return;
						subscribed = true;
						this.onSubscribed();
						resolve();
					},
					(error: AiBotSocketError) =>
						fail(
							error.kind === 'refused'
								? new AiBotSocketError(
										'auth',
										`WeCom refused the subscription of bot ${this.options.botId}: errcode ${error.errcode}, ${error.errmsg}`,
										error.errcode,
										error.errmsg,
									)
								: error,
						),
				);
			});
			socket.addEventListener('message', (event) => this.onMessage(event.data));
			socket.addEventListener('close', (event) => {
				fail(new AiBotSocketError('network', `${this.options.url} closed the connection (code ${event.code})`));
				if (subscribed && this.socket === socket) this.lost(`closed by the server (code ${event.code})`);
			});
			// undici reports a failed handshake or a network error as 'error', then 'close'.
			socket.addEventListener('error', (event) => {
				const message = (event as { message?: string }).message || 'network error';
				fail(new AiBotSocketError('network', `cannot connect to ${this.options.url}: ${message}`));
			});
		});
	}

	private onSubscribed(): void {
		this.current = 'open';
		this.upSince = Date.now();
		this.missedPings = 0;
		this.heartbeat = setInterval(() => this.ping(), timings.aiBotHeartbeatMs);
		this.heartbeat.unref();
		for (const wake of this.openWaiters) wake();
		this.openWaiters.clear();
	}

	private ping(): void {
		const socket = this.socket;
		if (!socket || this.current !== 'open') return;
		if (this.missedPings >= MAX_MISSED_PINGS) {
			this.options.log.warn(`WeCom AI bot ${this.options.botId}: no answer to ${MAX_MISSED_PINGS} pings, reconnecting`);
			this.socket = undefined;
			socket.close();
			this.lost('heartbeat lost');
			return;
		}
		this.missedPings++;
		this.exchange(socket, CMD.ping, newReqId(CMD.ping)).then(
			() => {
				this.missedPings = 0;
			},
			() => undefined,
		);
	}

	/** The subscribed connection is gone (not by us): reconnect, unless it was displaced. */
	private lost(why: string): void {
		clearInterval(this.heartbeat);
		this.failPending('closed', `the long connection dropped (${why}) before WeCom acknowledged the frame`);
		if (this.current !== 'open') return;
		if (Date.now() - this.upSince >= STABLE_MS) this.attempt = 0;
		this.current = 'reconnecting';
		this.options.log.warn(`WeCom AI bot ${this.options.botId}: long connection ${why}, reconnecting`);
		this.scheduleReconnect();
	}

	private scheduleReconnect(): void {
		const jitter = 0.5 + Math.random() / 2;
		const delay =
			this.attempt === 0
				? Math.random() * timings.aiBotReconnectFirstMs
				: Math.min(timings.aiBotReconnectMaxMs, timings.aiBotReconnectBaseMs * 2 ** (this.attempt - 1)) * jitter;
		this.attempt++;
		this.reconnectTimer = setTimeout(() => {
			this.connect().then(
				() => this.options.log.info(`WeCom AI bot ${this.options.botId}: long connection back`),
				(error: AiBotSocketError) => {
					if (this.current !== 'reconnecting') return;
					if (error.kind === 'auth') {
						this.current = 'closed';
						this.options.onFatal?.(error);
						return;
					}
					this.scheduleReconnect();
				},
			);
		}, delay);
		this.reconnectTimer.unref();
	}

	private onMessage(data: unknown): void {
		const text =
			typeof data === 'string' ? data : data instanceof ArrayBuffer ? Buffer.from(data).toString('utf8') : '';
		const frame = decodeFrame(text);
		if (!frame) return;
		if (isDisplacement(frame)) this.displaced();
		else if (isPush(frame)) this.options.onPush?.(frame);
		else if (!frame.cmd) this.settle(frame);
	}

	private displaced(): void {
		if (this.current === 'displaced' || this.current === 'closed') return;
		this.current = 'displaced';
		this.stopTimers();
		this.options.log.warn(`WeCom AI bot ${this.options.botId}: WeCom closed this long connection: ${DISPLACED_FIX}.`);
		this.failPending('displaced', `WeCom closed the long connection: ${DISPLACED_FIX}`);
		const socket = this.socket;
		this.socket = undefined;
		socket?.close();
	}

	private settle(frame: Frame): void {
		const pending = this.pending.get(frame.reqId);
		if (!pending) return;
		this.pending.delete(frame.reqId);
		clearTimeout(pending.timer);
		if ((frame.errcode ?? 0) === 0) pending.resolve(frame);
		else {
			const errmsg = redact(frame.errmsg ?? '');
			pending.reject(
				new AiBotSocketError('refused', `WeCom refused: errcode ${frame.errcode}, ${errmsg}`, frame.errcode, errmsg),
			);
		}
	}

	private async sendWhenOpen(cmd: string, reqId: string, body: JsonObject): Promise<Frame> {
		if (this.current === 'reconnecting' || this.current === 'connecting') await this.whenOpen();
		const socket = this.socket;
		if (this.current === 'displaced') {
			throw new AiBotSocketError('displaced', `WeCom closed the long connection: ${DISPLACED_FIX}`);
		}
		if (this.current !== 'open' || !socket) {
			throw new AiBotSocketError('closed', `the long connection of bot ${this.options.botId} is ${this.current}`);
		}
		return await this.exchange(socket, cmd, reqId, body);
	}

	private whenOpen(): Promise<void> {
		return new Promise((resolve) => {
			const wake = () => {
				clearTimeout(timer);
				resolve();
			};
			const timer = setTimeout(() => {
				this.openWaiters.delete(wake);
				resolve();
			}, timings.aiBotAckTimeoutMs);
			timer.unref();
			this.openWaiters.add(wake);
		});
	}

	private exchange(socket: WebSocket, cmd: string, reqId: string, body?: JsonObject): Promise<Frame> {
		return new Promise((resolve, reject) => {
			const timer = setTimeout(() => {
				this.pending.delete(reqId);
				reject(
					new AiBotSocketError(
						'timeout',
						`WeCom did not acknowledge the ${cmd} frame within ${timings.aiBotAckTimeoutMs / 1000} s`,
					),
				);
			}, timings.aiBotAckTimeoutMs);
			timer.unref();
			this.pending.set(reqId, { resolve, reject, timer });
			try {
				socket.send(encodeFrame(cmd, reqId, body));
			} catch (error) {
				this.pending.delete(reqId);
				clearTimeout(timer);
				reject(new AiBotSocketError('closed', `the long connection could not send: ${(error as Error).message}`));
			}
		});
	}

	private failPending(kind: SocketErrorKind, message: string): void {
		for (const [reqId, pending] of this.pending) {
			clearTimeout(pending.timer);
			pending.reject(new AiBotSocketError(kind, message));
			this.pending.delete(reqId);
		}
		for (const wake of this.openWaiters) wake();
		this.openWaiters.clear();
	}

	private stopTimers(): void {
		clearInterval(this.heartbeat);
		clearTimeout(this.reconnectTimer);
	}
}
