/**
 * The req_ids the long connection hands out with each pushed message or event, and the judgement of the reply
 * frames that carry them, recorded in arrival order (refusals too) for tests to assert on.
 *
 * What WeCom enforces, as observed (see longConnectionFrames.ts for sources): a req_id belongs to the connection it
 * was pushed on (after a reconnect the old ones answer 846605); an event's req_id cannot carry a stream (846605);
 * a welcome and a card update must come within 5 s of their event (Tencent's SDK docs); a stream lives six minutes
 * from its last update (846608; a probe kept one alive past 8 minutes with an update every 4). The same req_id may
 * carry several streams. Not on record, and the emulator's choice: a message's req_id takes new replies for six
 * minutes after the message or its last accepted reply.
 */
import type { Clock } from '../core/clock';
import { randomBytes } from 'node:crypto';
import { isRecord } from '../core/json';
import { checkReplyBody } from './longConnectionBodies';
import { Cmd, SocketErrcode, type ClientFrame } from './longConnectionFrames';

export const REPLY_WINDOW_MS = 6 * 60_000;
export const EVENT_REPLY_WINDOW_MS = 5_000;

/** What a req_id was pushed with: it decides which reply cmd may use it. */
export type PushKind = 'message' | 'enter_chat' | 'template_card_event' | 'event';

interface Issued {
	botId: string;
	connectionId: number;
	kind: PushKind;
	pushedAt: number;
	lastReplyAt: number;
	/** Stream id → time of its last accepted update. */
	streams: Map<string, number>;
}

export interface SocketReply {
	seq: number;
	botId: string;
	connectionId: number;
	reqId: string;
	cmd: string;
	body?: Record<string, unknown>;
	/** Emulator clock, ms. */
	at: number;
	/** The ack sent back: 0 = accepted. */
	errcode: number;
	errmsg: string;
	/** Why a refusal was made, beyond WeCom's short errmsg. */
	reason?: string;
}

export interface ReplyFilter {
	botId?: string;
	reqId?: string;
}

interface Verdict {
	errcode: number;
	errmsg: string;
	reason?: string;
}

const ACCEPTED: Verdict = { errcode: SocketErrcode.ok, errmsg: 'ok' };
const invalidReqId = (reason: string): Verdict => ({
	errcode: SocketErrcode.invalidReqId,
	errmsg: 'invalid req_id',
	reason,
});

/** The reply cmd each kind of push accepts. */
const REPLY_CMD: Record<PushKind, string | undefined> = {
	message: Cmd.respond,
	enter_chat: Cmd.respondWelcome,
	template_card_event: Cmd.respondUpdate,
	event: undefined,
};

export class SocketReplies {
	private readonly issued = new Map<string, Issued>();
	private readonly log: SocketReply[] = [];
	private readonly listeners = new Set<(reply: SocketReply) => void>();
	private seq = 0;

	constructor(private readonly clock: Clock) {}

	/** A fresh req_id for a push on `connectionId`. */
	issue(botId: string, connectionId: number, kind: PushKind): string {
		const reqId = randomBytes(16).toString('hex');
		const now = this.clock.now();
		this.issued.set(reqId, { botId, connectionId, kind, pushedAt: now, lastReplyAt: now, streams: new Map() });
		return reqId;
	}

	/** Judges a reply frame of a subscribed connection, records it, and returns the ack's errcode and errmsg. */
	judge(connection: { id: number; botId: string }, frame: ClientFrame): Verdict {
		const verdict = this.verdict(connection, frame);
		const reply: SocketReply = {
			seq: ++this.seq,
			botId: connection.botId,
			connectionId: connection.id,
			reqId: frame.reqId,
			cmd: frame.cmd,
			body: frame.body,
			at: this.clock.now(),
			...verdict,
		};
		this.log.push(reply);
		for (const listener of this.listeners) listener(reply);
		return verdict;
	}

	entries(filter: ReplyFilter = {}): SocketReply[] {
		return this.log.filter(
			(reply) =>
				(filter.botId === undefined || reply.botId === filter.botId) &&
				(filter.reqId === undefined || reply.reqId === filter.reqId),
		);
	}

	/** Calls `listener` for every reply from now on; returns the unsubscribe. */
	onReply(listener: (reply: SocketReply) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	reset(): void {
		this.issued.clear();
		this.log.length = 0;
	}

	private verdict(connection: { id: number; botId: string }, frame: ClientFrame): Verdict {
		if (frame.cmd === Cmd.send) return this.bodyVerdict(frame) ?? ACCEPTED;
		const issued = this.issued.get(frame.reqId);
		if (issued === undefined) return invalidReqId('no message or event was pushed with this req_id');
		if (issued.connectionId !== connection.id) return invalidReqId('the req_id was pushed on another connection');
		if (REPLY_CMD[issued.kind] !== frame.cmd)
			return invalidReqId(`${frame.cmd} does not answer a push of kind ${issued.kind}`);
		const now = this.clock.now();
		if (issued.kind !== 'message') {
			if (now - issued.pushedAt > EVENT_REPLY_WINDOW_MS)
				return invalidReqId(`${frame.cmd} more than 5 s after the event`);
			return this.bodyVerdict(frame) ?? ACCEPTED;
		}
		const streamId = streamIdOf(frame.body);
		if (streamId !== undefined) {
			const last = issued.streams.get(streamId) ?? issued.lastReplyAt;
			if (now - last > REPLY_WINDOW_MS)
				return {
					errcode: SocketErrcode.streamExpired,
					errmsg: 'stream message update expired',
					reason: 'no update for six minutes',
				};
		} else if (now - issued.lastReplyAt > REPLY_WINDOW_MS) {
			return invalidReqId('six minutes passed since the message and its last reply');
		}
		const refused = this.bodyVerdict(frame);
		if (refused) return refused;
		if (streamId !== undefined) issued.streams.set(streamId, now);
		issued.lastReplyAt = now;
		return ACCEPTED;
	}

	private bodyVerdict(frame: ClientFrame): Verdict | undefined {
		const problem = checkReplyBody(frame.cmd, frame.body);
		return problem === undefined
			? undefined
			: { errcode: SocketErrcode.invalidParameter, errmsg: `invalid parameter: ${problem}` };
	}
}

function streamIdOf(body: Record<string, unknown> | undefined): string | undefined {
	const stream = body?.stream;
	return isRecord(stream) && typeof stream.id === 'string' && stream.id !== '' ? stream.id : undefined;
}
