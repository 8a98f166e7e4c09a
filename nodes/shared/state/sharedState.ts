/**
 * What must hold "exactly once" across n8n processes (the callback retry store, robot and quota pacing, the
 * token-fetch lock, the AI bot's streams) goes through this interface. In regular mode one process is all there is
 * and the in-process implementation serves; in n8n's queue mode the Redis implementation shares the same operations
 * between main, webhook and worker processes. Every operation is atomic on its own: callers never read, decide and
 * write back, except through swap, which refuses a write when another process wrote in between.
 * Keys name what they guard (a trigger and message, a robot, an API); implementations may hash them.
 */
export type Claim = { won: true } | { won: false; holder: string };

export interface PaceWindow {
	/** At most this many slots held on one key ... */
	max: number;
	/** ... within this sliding window (a slot counts until this long after it was released). */
	windowMs: number;
}

export interface SharedState {
	/** 'process' or 'redis', for log lines and tests. */
	readonly kind: 'process' | 'redis';
	/**
	 * Sets `key` to `holder` for `ttlMs` unless someone holds it: says whether we won, or who holds it. The retry
	 * store's first-delivery claim, the token-fetch lock, and settle-once (the first holder is the outcome).
	 */
	claim(key: string, holder: string, ttlMs: number): Promise<Claim>;
	/** Drops `key` only while `holder` still holds it (a lock released, a claim given back). */
	release(key: string, holder: string): Promise<boolean>;
	/** A value for `ttlMs` (the first delivery's answer), replacing any earlier one. */
	put(key: string, value: string, ttlMs: number): Promise<void>;
	get(key: string): Promise<string | undefined>;
	/**
	 * Sets `key` to `next` for `ttlMs` only while its value still is `expected` (undefined: absent); says whether
	 * it did. A state richer than one value (an AI-bot stream) is read, changed and swapped in, and read again when
	 * another process wrote in between. Without `ttlMs` the key keeps the time to live it has, so processes whose
	 * clocks disagree never shorten or stretch it.
	 */
	swap(key: string, expected: string | undefined, next: string, ttlMs?: number): Promise<boolean>;
	/**
	 * Books slot `slot` on `key` if the window has room and the key is not blocked: 0. Otherwise how many ms
	 * to wait before asking again. A booked slot that is never released frees itself after `holdMs` plus the
	 * window (a process that died mid-call must not shrink the window for good).
	 */
	takeSlot(key: string, slot: string, window: PaceWindow, holdMs: number): Promise<number>;
	/** The call that held `slot` was answered: from now it counts for one more window. */
	releaseSlot(key: string, slot: string, windowMs: number): Promise<void>;
	/** WeChat refused for its quota: no slot on `key` for `forMs` (an earlier, longer block stays). */
	block(key: string, forMs: number): Promise<void>;
	/** How long `key` stays blocked, 0 when it is not. */
	blockedFor(key: string): Promise<number>;
	/** Closes connections (the process is done with this state). */
	close(): Promise<void>;
}
