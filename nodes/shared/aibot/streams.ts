/**
 * The streams the AI Bot Trigger opened, in this process: what a reply node has written so far and what WeCom's
 * polls have shown. WeCom polls a stream (msgtype `stream`) until it sees `finish`, for at most 6 minutes from
 * the user's message; each poll is answered from here. When the workflow finishes after WeCom stopped polling,
 * the part no poll showed is handed over to response_url, and from then on polls only repeat what they showed:
 * nothing is lost and nothing is shown twice.
 *
 * Bounded (oldest dropped first) and expiring; the only timers are the bounded waits of reply nodes, unref'd.
 */
import { registerProcessState, timings } from '../testSeam';
import type { JsonObject } from './json';

export interface StreamState {
	id: string;
	/** What the workflow has written, markdown. */
	content: string;
	finished: boolean;
	/** A template card to show with the final chunk. */
	card?: JsonObject;
	/** What the last poll showed, and whether that was the final answer. */
	shown: string;
	shownFinal: boolean;
	/** WeCom no longer polls: the rest went (or goes) through response_url. */
	handedOver: boolean;
	/** WeCom stops polling then (ms since the epoch). */
	pollUntil: number;
	expiresAt: number;
	/** Reply nodes waiting for the next poll. */
	waiters: Set<() => void>;
}

export const MAX_STREAMS = 10_000;
/** Kept this long after WeCom's polling window, so a slow workflow still finds its stream. */
const KEEP_AFTER_POLLING_MS = 60 * 60_000;

const streams = new Map<string, StreamState>();
registerProcessState(() => streams.clear());

function dropExpired(now: number): void {
	for (const [id, stream] of streams) {
		// Room for the stream about to be opened, oldest dropped first.
		if (stream.expiresAt > now && streams.size < MAX_STREAMS) return;
		streams.delete(id);
	}
}

export function openStream(id: string, receivedAt: number, content = ''): StreamState {
	const now = Date.now();
	dropExpired(now);
	const pollUntil = receivedAt + timings.aiBotPollWindowMs;
	const stream: StreamState = {
		id,
		content,
		finished: false,
		shown: content,
		shownFinal: false,
		handedOver: false,
		pollUntil,
		expiresAt: pollUntil + KEEP_AFTER_POLLING_MS,
		waiters: new Set(),
	};
	streams.set(id, stream);
	return stream;
}

export function findStream(id: string): StreamState | undefined {
	const stream = streams.get(id);
	return stream && stream.expiresAt > Date.now() ? stream : undefined;
}

/** What one poll gets: the current state, remembered as shown. After a hand-over, only what was shown before. */
export function pollStream(stream: StreamState): { content: string; finish: boolean; card?: JsonObject } {
	if (stream.handedOver) return { content: stream.shown, finish: true };
	stream.shown = stream.content;
	stream.shownFinal = stream.finished;
	for (const wake of stream.waiters) wake();
	stream.waiters.clear();
	return { content: stream.content, finish: stream.finished, card: stream.finished ? stream.card : undefined };
}

/** Resolves at the next poll, or with false after `withinMs`. */
export function nextPoll(stream: StreamState, withinMs: number): Promise<boolean> {
	return new Promise((resolve) => {
		const wake = () => {
			clearTimeout(timer);
			resolve(true);
		};
		const timer = setTimeout(() => {
			stream.waiters.delete(wake);
			resolve(false);
		}, withinMs);
		timer.unref();
		stream.waiters.add(wake);
	});
}

/**
 * WeCom will not poll again: from now on polls repeat what they showed, and the caller sends the rest through
 * response_url. The rest is what no poll showed: the text after what was shown, or all of it when a replace
 * changed what was shown. Undefined when a poll already showed the final answer: nothing is left to send.
 */
export function handOver(stream: StreamState): { rest: string; card?: JsonObject } | undefined {
	if (stream.shownFinal) return undefined;
	stream.handedOver = true;
	const rest = stream.content.startsWith(stream.shown) ? stream.content.slice(stream.shown.length) : stream.content;
	return { rest: rest.replace(/^\s+/, ''), card: stream.card };
}
