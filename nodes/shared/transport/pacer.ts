/**
 * Sliding-window pacing for WeChat's rate limits (a robot's 20 a minute, a corp's calls per API per minute).
 * Process-wide, per key, across executions. A call holds its slot from when it is booked until one window
 * after WeChat answered it: WeChat counts a call when it arrives, so stamping the booking time would let a slow
 * call leave our window ahead of WeChat's. Keys name what is limited (platform, corp, API), never a secret.
 * The windows live in the shared state: in queue mode every worker books from the same window.
 */
import { processId, sharedState } from '../state';

export interface PaceLimit {
	max: number;
	windowMs: number;
}

export interface Slot {
	/** How long the caller waited for room. */
	waitedMs: number;
	/** Call when WeChat answered (or the call failed): the slot then counts from that moment. */
	release(): void;
}

/**
 * A slot whose process died before WeChat answered leaves the window after this (plus the window): longer than any
 * call with its retries takes, short enough that a crashed worker does not shrink a robot's window for long.
 */
const HOLD_MS = 5 * 60_000;
let slots = 0;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(1, ms)));

/** Resolves when a call on this key may go out, and books its slot. */
export async function takeSlot(key: string, limit: PaceLimit): Promise<Slot> {
	const started = Date.now();
	const state = sharedState();
	const slot = `${processId()}:${++slots}`;
	for (;;) {
		const wait = await state.takeSlot(key, slot, limit, HOLD_MS);
		if (wait === 0) break;
		await sleep(wait);
	}
	let released = false;
	return {
		waitedMs: Date.now() - started,
		release: () => {
			if (released) return;
			released = true;
			// Unreachable shared state: the slot frees itself after HOLD_MS.
			state.releaseSlot(key, slot, limit.windowMs).catch(() => undefined);
		},
	};
}

/** WeChat refused for its quota: hold every call on this key until `until`. */
export function blockUntil(key: string, until: number): void {
	sharedState()
		.block(key, until - Date.now())
		.catch(() => undefined);
}

/** Resolves when the key is no longer blocked (for calls that are not paced but honour a refusal). */
export async function whenUnblocked(key: string): Promise<void> {
	for (;;) {
		const blockedMs = await sharedState().blockedFor(key);
		if (blockedMs <= 0) return;
		await sleep(blockedMs);
	}
}
