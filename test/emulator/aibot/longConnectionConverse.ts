/**
 * A conversation over the long connection, as a WeCom user has it: a message (or event) pushed to the bot's
 * connection, then every reply frame carrying its req_id collected until the answer is complete: a stream
 * frame with `finish: true`, or any accepted reply that is not a stream (card, welcome, card update). Refused
 * frames are collected too and do not end it (a client may correct itself).
 */
import type { LongConnectionServer } from './longConnection';
import type { SocketReply } from './longConnectionReplies';
import { isRecord } from '../core/json';

export interface SocketConverseOptions {
	/** How long to wait for the complete answer; default 10,000 ms. */
	timeoutMs?: number;
}

export interface SocketConversation {
	reqId: string;
	connectionId: number;
	/** The pushed body (with the msgid, aibotid and response_url the emulator filled in). */
	pushed: Record<string, unknown>;
	/** Reply frames with this req_id, in arrival order, accepted or not. */
	replies: SocketReply[];
	/** The last accepted stream content. */
	content?: string;
	finished: boolean;
	timedOut: boolean;
	/** Wall-clock ms from the push to the first reply frame and to the one that completed the answer. */
	firstReplyMs?: number;
	completedMs?: number;
}

function completes(reply: SocketReply): boolean {
	if (reply.errcode !== 0) return false;
	const stream = reply.body?.stream;
	return !isRecord(stream) || stream.finish === true;
}

/** Undefined when the bot has no subscribed connection (WeCom then delivers nothing). */
export function converseOverSocket(
	server: LongConnectionServer,
	botId: string,
	message: Record<string, unknown>,
	options: SocketConverseOptions = {},
): Promise<SocketConversation> | undefined {
	const started = Date.now();
	const pushed = server.push(botId, message);
	if (pushed === undefined) return undefined;
	// Replies cannot arrive before the next turn of the event loop, so listening right after the push misses none.
	const conversation: SocketConversation = {
		reqId: pushed.reqId,
		connectionId: pushed.connectionId,
		pushed: pushed.body,
		replies: [],
		finished: false,
		timedOut: false,
	};
	return new Promise((resolve) => {
		const finish = (): void => {
			clearTimeout(timer);
			unsubscribe();
			resolve(conversation);
		};
		const unsubscribe = server.replies.onReply((reply) => {
			if (reply.reqId !== pushed.reqId) return;
			const ms = Date.now() - started;
			conversation.replies.push(reply);
			conversation.firstReplyMs ??= ms;
			const stream = reply.body?.stream;
			if (reply.errcode === 0 && isRecord(stream) && typeof stream.content === 'string')
				conversation.content = stream.content;
			if (completes(reply)) {
				conversation.finished = true;
				conversation.completedMs = ms;
				finish();
			}
		});
		const timer = setTimeout(() => {
			conversation.timedOut = true;
			finish();
		}, options.timeoutMs ?? 10_000);
	});
}
