/**
 * WeCom's side of the AI bot's long connection (wss://openws.work.weixin.qq.com), on the emulator's own HTTP
 * server: a WebSocket upgrade on the root path, so a credential's WebSocket URL is the emulator's URL with `ws:`.
 * Subscribe with bot_id + secret, ping, messages and events pushed with a req_id, reply frames judged
 * (longConnectionReplies.ts), one subscribed connection per bot (a newer one displaces the older: it gets a
 * disconnected_event, then the server closes it), and server-side drops.
 *
 * Not emulated, because WeCom documents no such thing: re-delivery. A message pushed while the bot has no
 * subscribed connection is refused to the caller (push returns undefined), not queued.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { Clock } from '../core/clock';
import { isRecord } from '../core/json';
import {
	ackFrame,
	Cmd,
	notServedFrame,
	parseClientFrame,
	pushFrame,
	SocketErrcode,
	type ClientFrame,
} from './longConnectionFrames';
import { SocketReplies, type PushKind } from './longConnectionReplies';

export const LONG_CONNECTION_PATH = '/';
/** The real server closed a displaced connection 2.2 s to 313 s after its disconnected_event; the short end here. */
const DISPLACED_CLOSE_MS = 2_000;
/** A stream's finishing frame may carry ten 10 MB images in base64 (msg_item). */
const MAX_FRAME_BYTES = 150 * 1024 * 1024;
const REPLY_CMDS: ReadonlySet<string> = new Set([Cmd.respond, Cmd.respondWelcome, Cmd.respondUpdate, Cmd.send]);

export interface SocketBot {
	botId: string;
	secret: string;
}

export type DropMode = 'terminate' | 'close';

/** A connection as tests see it (times on the emulator clock). */
export interface SocketConnection {
	id: number;
	/** Set once a subscribe succeeded. */
	botId?: string;
	subscribed: boolean;
	/** Subscribe frames refused (853000). */
	refusedSubscribes: number;
	pings: number;
	/** Frames that were not `{cmd, headers: {req_id}}` JSON: nothing could answer them. */
	badFrames: number;
	openedAt: number;
	subscribedAt?: number;
	/** When a newer connection of the same bot subscribed. */
	displacedAt?: number;
	closedAt?: number;
	closeReason?: string;
}

export interface SocketPush {
	reqId: string;
	connectionId: number;
	cmd: string;
	body: Record<string, unknown>;
}

interface Live extends SocketConnection {
	ws: WebSocket;
}

export class LongConnectionServer {
	readonly replies: SocketReplies;
	private readonly wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
	private readonly bots = new Map<string, string>();
	private readonly connections: Live[] = [];
	/** Bot id → its newest subscribed connection, the one pushes go to. */
	private readonly current = new Map<string, Live>();
	/** Displaced connections' close timers. */
	private readonly timers = new Set<NodeJS.Timeout>();
	private readonly waiters = new Set<{ botId: string; finish: (subscribed: boolean) => void }>();
	private nextId = 1;

	constructor(
		private readonly clock: Clock,
		private readonly responseUrl: () => string,
	) {
		this.replies = new SocketReplies(clock);
	}

	addBot(bot: SocketBot): void {
		this.bots.set(bot.botId, bot.secret);
	}

	/** Takes the upgrade when it is for the long connection's path; false leaves the socket to the caller. */
	upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean {
		if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== LONG_CONNECTION_PATH) return false;
		this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
		return true;
	}

	/**
	 * Pushes a message (or, with `msgtype: "event"`, an event) to the bot's subscribed connection; msgid,
	 * aibotid and a response_url (messages and card clicks, as WeCom adds one) are filled in when absent.
	 */
	push(botId: string, message: Record<string, unknown>): SocketPush | undefined {
		const live = this.current.get(botId);
		if (live === undefined) return undefined;
		const kind = pushKindOf(message);
		const body: Record<string, unknown> = { msgid: randomBytes(12).toString('hex'), aibotid: botId, ...message };
		if ((kind === 'message' || kind === 'template_card_event') && body.response_url === undefined)
			body.response_url = this.responseUrl();
		const cmd = kind === 'message' ? Cmd.messageCallback : Cmd.eventCallback;
		const reqId = this.replies.issue(botId, live.id, kind);
		live.ws.send(pushFrame(cmd, reqId, body));
		return { reqId, connectionId: live.id, cmd, body };
	}

	/** Drops the bot's open connections (all bots' without `botId`): `terminate` as a network loss, `close` with a close frame. */
	drop(botId: string | undefined, mode: DropMode = 'terminate'): number {
		const open = this.connections.filter(
			(live) => live.closedAt === undefined && (botId === undefined || live.botId === botId),
		);
		for (const live of open) this.end(live, mode, 'dropped by the emulator');
		return open.length;
	}

	/** Resolves true as soon as the bot has a subscribed connection, false after `timeoutMs` or on close. */
	waitForSubscription(botId: string, timeoutMs: number): Promise<boolean> {
		if (this.current.has(botId)) return Promise.resolve(true);
		return new Promise((resolve) => {
			const waiter = {
				botId,
				finish: (subscribed: boolean): void => {
					clearTimeout(timer);
					this.waiters.delete(waiter);
					resolve(subscribed);
				},
			};
			const timer = setTimeout(() => waiter.finish(false), timeoutMs);
			this.waiters.add(waiter);
		});
	}

	connectionsSnapshot(): SocketConnection[] {
		return this.connections.map(({ ws: _ws, ...connection }) => ({ ...connection }));
	}

	/** Clears recorded replies, issued req_ids and closed connections; open connections and bots stay. */
	reset(): void {
		this.replies.reset();
		const open = this.connections.filter((live) => live.closedAt === undefined);
		this.connections.splice(0, this.connections.length, ...open);
	}

	close(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		for (const waiter of [...this.waiters]) waiter.finish(false);
		for (const live of this.connections)
			if (live.closedAt === undefined) this.end(live, 'terminate', 'emulator closed');
		this.wss.close();
	}

	private accept(ws: WebSocket): void {
		const live: Live = {
			ws,
			id: this.nextId++,
			subscribed: false,
			refusedSubscribes: 0,
			pings: 0,
			badFrames: 0,
			openedAt: this.clock.now(),
		};
		this.connections.push(live);
		ws.on('message', (data: RawData, isBinary: boolean) => this.onFrame(live, isBinary ? undefined : rawText(data)));
		ws.on('close', (code: number) => this.closed(live, `closed by the client (${code})`));
		// A client that vanishes mid-frame surfaces here; 'close' follows and records it.
		ws.on('error', () => undefined);
	}

	private onFrame(live: Live, text: string | undefined): void {
		const frame = text === undefined ? 'binary frame' : parseClientFrame(text);
		if (typeof frame === 'string') {
			live.badFrames++;
			return;
		}
		if (frame.cmd === Cmd.subscribe) return this.subscribe(live, frame);
		if (frame.cmd === Cmd.ping) {
			live.pings++;
			return this.answer(live, frame.reqId, SocketErrcode.ok, 'ok');
		}
		if (!live.subscribed || live.botId === undefined)
			return this.answer(live, frame.reqId, SocketErrcode.notSubscribed, 'aibot websocket not subscribed');
		if (REPLY_CMDS.has(frame.cmd)) {
			const verdict = this.replies.judge({ id: live.id, botId: live.botId }, frame);
			return this.answer(live, frame.reqId, verdict.errcode, verdict.errmsg);
		}
		if (frame.cmd.startsWith('aibot_upload_media')) {
			live.ws.send(notServedFrame(frame.reqId, frame.cmd));
			return;
		}
		this.answer(live, frame.reqId, SocketErrcode.invalidParameter, `invalid parameter: unknown cmd ${frame.cmd}`);
	}

	private subscribe(live: Live, frame: ClientFrame): void {
		const botId = frame.body?.bot_id;
		const secret = frame.body?.secret;
		if (typeof botId !== 'string' || typeof secret !== 'string' || this.bots.get(botId) !== secret) {
			// As the real service does: the socket stays open, unsubscribed; the client is expected to close it.
			live.refusedSubscribes++;
			return this.answer(live, frame.reqId, SocketErrcode.invalidBotOrSecret, 'invalid bot_id or secret');
		}
		live.botId = botId;
		live.subscribed = true;
		live.subscribedAt = this.clock.now();
		const previous = this.current.get(botId);
		this.current.set(botId, live);
		this.answer(live, frame.reqId, SocketErrcode.ok, 'ok');
		if (previous !== undefined && previous !== live) this.displace(previous, botId);
		for (const waiter of [...this.waiters]) if (waiter.botId === botId) waiter.finish(true);
	}

	/** The older connection learns it was replaced, then the server closes it without a close frame. */
	private displace(previous: Live, botId: string): void {
		previous.displacedAt = this.clock.now();
		const reqId = this.replies.issue(botId, previous.id, 'event');
		const body = {
			msgid: randomBytes(12).toString('hex'),
			aibotid: botId,
			msgtype: 'event',
			event: { eventtype: 'disconnected_event' },
		};
		if (previous.closedAt === undefined) previous.ws.send(pushFrame(Cmd.eventCallback, reqId, body));
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			if (previous.closedAt === undefined) this.end(previous, 'terminate', 'displaced by a newer connection');
		}, DISPLACED_CLOSE_MS);
		this.timers.add(timer);
	}

	private answer(live: Live, reqId: string, errcode: number, errmsg: string): void {
		if (live.closedAt === undefined) live.ws.send(ackFrame(reqId, errcode, errmsg));
	}

	private end(live: Live, mode: DropMode, reason: string): void {
		this.closed(live, reason);
		if (mode === 'close') live.ws.close(1001, reason);
		else live.ws.terminate();
	}

	/** Records the first reason a connection ended; the bot has no subscribed connection unless a newer one is. */
	private closed(live: Live, reason: string): void {
		if (live.closedAt !== undefined) return;
		live.closedAt = this.clock.now();
		live.closeReason = reason;
		if (live.botId !== undefined && this.current.get(live.botId) === live) this.current.delete(live.botId);
	}
}

function pushKindOf(message: Record<string, unknown>): PushKind {
	if (message.msgtype !== 'event') return 'message';
	const eventtype = isRecord(message.event) ? message.event.eventtype : undefined;
	return eventtype === 'enter_chat' || eventtype === 'template_card_event' ? eventtype : 'event';
}

function rawText(data: RawData): string {
	if (Buffer.isBuffer(data)) return data.toString('utf8');
	if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
	return Buffer.from(data).toString('utf8');
}
