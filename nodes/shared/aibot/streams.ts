/**
 * The streams the AI Bot Trigger opened: what a reply node has written so far and what WeCom's polls have shown.
 * WeCom polls a stream (msgtype `stream`) until it sees `finish`, for at most 6 minutes from the user's message;
 * each poll is answered from here. When the workflow finishes after WeCom stopped polling, the part no poll
 * showed is handed over to response_url, and from then on polls only repeat what they showed: nothing is lost
 * and nothing is shown twice.
 *
 * The state lives in the SharedState (nodes/shared/state): in this process in regular mode, in n8n's Redis in
 * queue mode, where the trigger (a webhook process), the reply node (a worker) and every poll (any webhook
 * process) meet. Each change reads the state, changes it and swaps it in, again when another process wrote in
 * between, so a poll and a hand-over never both win. The final answer's images are kept apart (only the poll
 * that shows the final answer reads them) and only while WeCom polls. Everything expires; nothing here holds a
 * timer beyond the bounded waits of reply nodes.
 */
import { sharedState } from '../state';
import { settleBy } from '../state/settleBy';
import { registerProcessState, timings } from '../testSeam';
import { MAX_CONTENT_BYTES } from './content';
import type { JsonObject } from './json';

/** An image of the final answer as WeCom's msg_item takes it: the bytes in base64 and their md5 (hex). */
export interface StreamImage {
	base64: string;
	md5: string;
}

export interface StreamState {
	id: string;
	/** What the workflow has written, markdown. */
	content: string;
	finished: boolean;
	/** A template card to show with the final chunk. */
	card?: JsonObject;
	/** How many images the final chunk carries (stored under their own key). */
	images: number;
	/** What the last poll showed, and whether that was the final answer. */
	shown: string;
	shownFinal: boolean;
	/** WeCom no longer polls: the rest went (or goes) through response_url. */
	handedOver: boolean;
	/** WeCom stops polling then (ms since the epoch). */
	pollUntil: number;
	expiresAt: number;
}

/** What one poll answers. */
export interface StreamView {
	content: string;
	finish: boolean;
	card?: JsonObject;
	images?: StreamImage[];
}

/** What a hand-over leaves for response_url. */
export interface StreamRest {
	rest: string;
	card?: JsonObject;
	/** Images the final answer had, which response_url cannot carry. */
	images: number;
}

/** Kept this long after WeCom's polling window, so a slow workflow still finds its stream. */
const KEEP_AFTER_POLLING_MS = 60 * 60_000;
/** A finish waiting for WeCom's next poll looks at the shared state this often (a poll in this process wakes it at once). */
const CHECK_EVERY_MS = 200;
/** Another process writing between our read and our swap this many times in a row is not a race but a fault. */
const MAX_SWAPS = 20;

const stateKey = (id: string) => `aibot-stream|${id}`;
const imagesKey = (id: string) => `aibot-stream-images|${id}`;

/** Finishes waiting in this process, woken by a poll this process answers. */
const waiters = new Map<string, Set<() => void>>();
registerProcessState(() => waiters.clear());

function wake(id: string): void {
	const waiting = waiters.get(id);
	if (!waiting) return;
	waiters.delete(id);
	for (const resolve of waiting) resolve();
}

function ttlOf(state: StreamState): number {
	return Math.max(1, state.expiresAt - Date.now());
}

/** The store expires the key (Redis by its own clock): no process's wall clock decides, as they may disagree. */
function parse(raw: string | undefined): StreamState | undefined {
	return raw === undefined ? undefined : (JSON.parse(raw) as StreamState);
}

export async function openStream(id: string, receivedAt: number, content = ''): Promise<StreamState> {
	const pollUntil = receivedAt + timings.aiBotPollWindowMs;
	const state: StreamState = {
		id,
		content,
		finished: false,
		images: 0,
		shown: content,
		shownFinal: false,
		handedOver: false,
		pollUntil,
		expiresAt: pollUntil + KEEP_AFTER_POLLING_MS,
	};
	await sharedState().put(stateKey(id), JSON.stringify(state), ttlOf(state));
	return state;
}

export async function findStream(id: string): Promise<StreamState | undefined> {
	return parse(await sharedState().get(stateKey(id)));
}

/**
 * Applies `change` to the stream's current state: it returns the next state, or undefined to leave it as it is
 * (and may throw to refuse). Returns the state after the change, or undefined when there is no such stream.
 */
export async function updateStream(
	id: string,
	change: (state: StreamState) => StreamState | undefined,
): Promise<StreamState | undefined> {
	const shared = sharedState();
	for (let attempt = 0; attempt < MAX_SWAPS; attempt++) {
		const raw = await shared.get(stateKey(id));
		const state = parse(raw);
		if (!state) return undefined;
		const next = change({ ...state });
		if (!next) return state;
		// The key keeps the time to live openStream gave it.
		if (await shared.swap(stateKey(id), raw, JSON.stringify(next))) return next;
	}
	throw new Error(`the AI-bot stream ${id} kept changing under ${MAX_SWAPS} writes in a row`);
}

/** Stores the final answer's images; they are read by the poll that shows the final answer, while WeCom polls. */
export async function putStreamImages(state: StreamState, images: StreamImage[]): Promise<void> {
	if (images.length === 0) return;
	const ttl = Math.max(1, state.pollUntil - Date.now());
	await sharedState().put(imagesKey(state.id), JSON.stringify(images), ttl);
}

async function imagesOf(id: string): Promise<StreamImage[]> {
	const raw = await sharedState().get(imagesKey(id));
	return raw === undefined ? [] : (JSON.parse(raw) as StreamImage[]);
}

/**
 * What one poll gets: the current state, remembered as shown. After a hand-over, only what was shown before.
 * Undefined when there is no such stream.
 */
export async function pollStream(id: string): Promise<StreamView | undefined> {
	let view: StreamView | undefined;
	const state = await updateStream(id, (current) => {
		if (current.handedOver) {
			view = { content: current.shown, finish: true };
			return undefined;
		}
		view = { content: current.content, finish: current.finished, card: current.finished ? current.card : undefined };
		if (current.shown === current.content && current.shownFinal === current.finished) return undefined;
		return { ...current, shown: current.content, shownFinal: current.finished };
	});
	if (!state || !view) return undefined;
	if (view.finish && !state.handedOver) {
		wake(id);
		if (state.images > 0) view.images = await imagesOf(id);
	}
	return view;
}

/** Waits until this process wakes it, or `ms` passed. */
function pause(id: string, ms: number): Promise<void> {
	return new Promise((resolve) => {
		let waiting = waiters.get(id);
		if (!waiting) waiters.set(id, (waiting = new Set()));
		const done = () => {
			clearTimeout(timer);
			waiting.delete(done);
			resolve();
		};
		const timer = setTimeout(done, ms);
		timer.unref();
		waiting.add(done);
	});
}

/**
 * Resolves true once a poll showed the finished stream, or false after `withinMs` (the state unreachable for that
 * long counts as not shown: the caller hands over, which the state decides again).
 */
export async function finalShown(id: string, withinMs: number): Promise<boolean> {
	const deadline = Date.now() + withinMs;
	for (;;) {
		const state = await settleBy(
			findStream(id).catch(() => undefined),
			deadline,
			undefined,
		);
		if (state?.shownFinal) return true;
		const left = deadline - Date.now();
		if (left <= 0) return false;
		await pause(id, Math.min(left, CHECK_EVERY_MS));
	}
}

/**
 * WeCom will not poll again: from now on polls repeat what they showed, and the caller sends the rest through
 * response_url. The rest is what no poll showed: the text after what was shown, or all of it when a replace
 * changed what was shown. Undefined when a poll already showed the final answer: nothing is left to send.
 */
export async function handOver(id: string): Promise<StreamRest | undefined> {
	let rest: StreamRest | undefined;
	await updateStream(id, (state) => {
		rest = undefined;
		if (state.shownFinal || state.handedOver) return undefined;
		const text = state.content.startsWith(state.shown) ? state.content.slice(state.shown.length) : state.content;
		rest = { rest: text.replace(/^\s+/, ''), card: state.card, images: state.images };
		return { ...state, handedOver: true };
	});
	return rest;
}

/** What the user sees when the run failed before it finished the stream ("something went wrong, try again later"). */
export const FAILED_NOTICE = '出错了，请稍后再试';

/**
 * The run ended without finishing its stream: it is finished now, so that WeCom stops polling instead of showing
 * an open answer for minutes. After a failure the notice follows what the run wrote. Says whether it closed the
 * stream (false: finished or handed over already, or gone).
 */
export async function closeStream(id: string, failed: boolean): Promise<boolean> {
	let closed = false;
	await updateStream(id, (state) => {
		closed = false;
		if (state.finished || state.handedOver) return undefined;
		closed = true;
		let content = state.content;
		if (failed) {
			content = content ? `${content}\n\n${FAILED_NOTICE}` : FAILED_NOTICE;
			if (Buffer.byteLength(content, 'utf8') > MAX_CONTENT_BYTES) content = FAILED_NOTICE;
		}
		return { ...state, content, finished: true };
	});
	return closed;
}
