/**
 * A stream over the long connection: no polls, the client pushes each state (the whole content so far, under the
 * message's req_id and the stream's id). Writes go through at most once per `timings.aiBotStreamThrottleMs` per
 * stream: a write inside that time is sent by one trailing push with the content as it is then, and Finish
 * always sends the final state at once (after anything still queued for the same req_id).
 *
 * The throttle is kept where the writes happen: one run's writes all come from the process that runs it (a
 * worker in queue mode), whose frames reach the connection in the order sent (socket/redisRelay.ts); the
 * trigger's opening frame and its close after a failed run are before and after that run.
 */
import { registerProcessState, timings } from '../testSeam';
import type { AiBotCallbackContext } from './context';
import { streamReply } from './reply';
import { CMD } from './socket/frames';
import { sendOverSocket } from './socketReply';
import { findStream, type StreamImage, type StreamState } from './streams';

const lastSent = new Map<string, number>();
const trailing = new Map<string, NodeJS.Timeout>();
registerProcessState(() => {
	for (const timer of trailing.values()) clearTimeout(timer);
	trailing.clear();
	lastSent.clear();
});

async function send(context: AiBotCallbackContext, state: StreamState, images: StreamImage[] = []): Promise<void> {
	lastSent.set(state.id, Date.now());
	if (state.finished) lastSent.delete(state.id);
	await sendOverSocket(
		context,
		CMD.respond,
		streamReply(state.id, { content: state.content, finish: state.finished, card: state.card, images }),
	);
}

/**
 * Pushes the stream's new state. Resolves once WeCom acknowledged it, or at once when it was left to the
 * trailing push (whose failure goes to `onLateError`: the run has moved on, and Finish reports a broken stream).
 */
export async function pushStream(
	context: AiBotCallbackContext,
	state: StreamState,
	onLateError: (error: Error) => void,
	/** The final chunk's images (msg_item). */
	images: StreamImage[] = [],
): Promise<'sent' | 'deferred'> {
	const waiting = trailing.get(state.id);
	if (state.finished) {
		clearTimeout(waiting);
		trailing.delete(state.id);
		await send(context, state, images);
		return 'sent';
	}
	const wait = (lastSent.get(state.id) ?? 0) + timings.aiBotStreamThrottleMs - Date.now();
	if (wait <= 0 && !waiting) {
		await send(context, state);
		return 'sent';
	}
	if (!waiting) {
		const timer = setTimeout(
			() => {
				trailing.delete(state.id);
				findStream(state.id)
					.then(async (latest) => {
						if (latest && !latest.finished) await send(context, latest);
					})
					.catch(onLateError);
			},
			Math.max(0, wait),
		);
		timer.unref();
		trailing.set(state.id, timer);
	}
	return 'deferred';
}
