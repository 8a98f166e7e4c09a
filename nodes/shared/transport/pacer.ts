/**
 * Sliding-window pacing for WeChat's rate limits (a robot's 20 a minute, a corp's calls per API per minute).
 * Process-wide, per key, across executions. A call holds its slot from when it is booked until one window
 * after WeChat answered it: WeChat counts a call when it arrives, so stamping the booking time would let a slow
 * call leave our window ahead of WeChat's. Keys name what is limited (platform, corp, API), never a secret.
 */
import { registerProcessState } from '../testSeam';

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

interface Lane {
	inFlight: number;
	/** Answer times, ascending; entries before `head` have left the window. */
	answered: number[];
	head: number;
	/** WeChat refused for its quota: nothing goes out before this time. */
	blockedUntil: number;
}

const lanes = new Map<string, Lane>();
registerProcessState(() => lanes.clear());

function laneOf(key: string): Lane {
	let lane = lanes.get(key);
	if (!lane) {
		lane = { inFlight: 0, answered: [], head: 0, blockedUntil: 0 };
		lanes.set(key, lane);
	}
	return lane;
}

function prune(lane: Lane, since: number): void {
	while (lane.head < lane.answered.length && lane.answered[lane.head] <= since) lane.head++;
	// Compact now and then, so a lane holds about one window of answers.
	if (lane.head > 1024 && lane.head * 2 > lane.answered.length) {
		lane.answered = lane.answered.slice(lane.head);
		lane.head = 0;
	}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(1, ms)));

/** Resolves when a call on this key may go out, and books its slot. */
export async function takeSlot(key: string, limit: PaceLimit): Promise<Slot> {
	const started = Date.now();
	for (;;) {
		const now = Date.now();
		const lane = laneOf(key);
		prune(lane, now - limit.windowMs);
		const used = lane.inFlight + lane.answered.length - lane.head;
		if (now >= lane.blockedUntil && used < limit.max) {
			lane.inFlight++;
			let released = false;
			return {
				waitedMs: now - started,
				release: () => {
					if (released) return;
					released = true;
					lane.inFlight--;
					lane.answered.push(Date.now());
				},
			};
		}
		if (now < lane.blockedUntil) await sleep(lane.blockedUntil - now);
		else if (lane.head < lane.answered.length) await sleep(lane.answered[lane.head] + limit.windowMs - now + 1);
		// Every slot is in flight: one frees when its answer comes.
		else await sleep(limit.windowMs / 50);
	}
}

/** WeChat refused for its quota: hold every call on this key until `until`. */
export function blockUntil(key: string, until: number): void {
	const lane = laneOf(key);
	lane.blockedUntil = Math.max(lane.blockedUntil, until);
}

/** Resolves when the key is no longer blocked (for calls that are not paced but honour a refusal). */
export async function whenUnblocked(key: string): Promise<void> {
	for (let now = Date.now(); now < laneOf(key).blockedUntil; now = Date.now()) {
		await sleep(laneOf(key).blockedUntil - now);
	}
}
