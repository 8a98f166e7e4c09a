/**
 * The one place where tests, benchmarks and the e2e suite's preloads shorten this package's waits and clear its
 * per-process memory. Product modules only read `timings` and register their in-process state here; a user's n8n
 * never writes to it, so production always runs with the values below.
 */
export const timings = {
	/** Multiplies every backoff and every wait-and-resend delay (retries, mass-send id windows; quotas use quotaMinuteMs). */
	retryScale: 1,
	/** One HTTP request's timeout. */
	httpTimeoutMs: 15_000,
	/** A WeCom group robot's window: this many messages per this many ms. */
	robotMax: 20,
	robotWindowMs: 60_000,
	/**
	 * WeChat's "minute" for its quotas: the window of the per-corp pacer, the wait after a minute-quota refusal
	 * (WeCom blocks the API for 60 s), and the per-member counts (an hour is 60 of these).
	 */
	quotaMinuteMs: 60_000,
	/** How long WeCom polls an AI bot's stream, from the user's message (6 minutes). */
	aiBotPollWindowMs: 6 * 60_000,
	/** How long a finishing AI-bot stream waits for WeCom's next poll before it counts as not polled any more. */
	aiBotPollWaitMs: 10_000,
	/** How long a callback trigger uses a credential's Token/EncodingAESKey/receiveId without reading it again. */
	callbackSecretsTtlMs: 60_000,
	/** The AI bot's long connection: a ping this often; two unanswered pings mean the connection is dead. */
	aiBotHeartbeatMs: 30_000,
	/** How long a frame (subscribe, ping, reply) waits for WeCom's ack. */
	aiBotAckTimeoutMs: 10_000,
	/** The first reconnect after a drop waits up to this (random), so messages flow again within seconds. */
	aiBotReconnectFirstMs: 500,
	/** Later reconnects: this doubled per failed attempt, up to the max, with jitter. */
	aiBotReconnectBaseMs: 1_000,
	aiBotReconnectMaxMs: 30_000,
	/** Stream updates over the long connection: at most one frame per stream this often (the last one always goes). */
	aiBotStreamThrottleMs: 300,
};

const defaults = { ...timings };
const resetters = new Set<() => void>();

/** A module with in-process state (token memory, pacing windows, ...) registers how to forget it. */
export function registerProcessState(clear: () => void): void {
	resetters.add(clear);
}

/** As if this n8n process had just started: every registered in-process state is forgotten. */
export function resetProcessState(): void {
	for (const clear of resetters) clear();
}

/** Back to the production values. */
export function restoreTimings(): void {
	Object.assign(timings, defaults);
}
