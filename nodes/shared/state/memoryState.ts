/**
 * The in-process implementation of SharedState: what one n8n process in regular mode needs. Plain maps, bounded
 * in size and time; nothing here can race, since JavaScript runs one operation at a time.
 */
import type { Claim, PaceWindow, SharedState } from './sharedState';

interface Held {
	value: string;
	expiresAt: number;
}

interface Lane {
	inFlight: Set<string>;
	/** Release times, ascending; entries before `head` have left the window. */
	released: number[];
	head: number;
	blockedUntil: number;
}

export interface MemoryStateOptions {
	/** Claimed and stored keys together, default 50,000; the oldest give way first. */
	maxEntries?: number;
	/** Clock in milliseconds, injectable for tests. */
	now?: () => number;
}

export class MemoryState implements SharedState {
	readonly kind = 'process';
	private readonly held = new Map<string, Held>();
	private readonly lanes = new Map<string, Lane>();
	private readonly maxEntries: number;
	private readonly now: () => number;

	constructor(options: MemoryStateOptions = {}) {
		this.maxEntries = Math.max(1, options.maxEntries ?? 50_000);
		this.now = options.now ?? (() => Date.now());
	}

	async claim(key: string, holder: string, ttlMs: number): Promise<Claim> {
		const current = this.read(key);
		if (current !== undefined) return { won: false, holder: current };
		this.write(key, holder, ttlMs);
		return { won: true };
	}

	async release(key: string, holder: string): Promise<boolean> {
		if (this.read(key) !== holder) return false;
		this.held.delete(key);
		return true;
	}

	async put(key: string, value: string, ttlMs: number): Promise<void> {
		this.write(key, value, ttlMs);
	}

	async get(key: string): Promise<string | undefined> {
		return this.read(key);
	}

	async swap(key: string, expected: string | undefined, next: string, ttlMs?: number): Promise<boolean> {
		if (this.read(key) !== expected) return false;
		const expiresAt = this.held.get(key)?.expiresAt;
		this.write(key, next, ttlMs ?? (expiresAt === undefined ? Infinity : expiresAt - this.now()));
		return true;
	}

	async takeSlot(key: string, slot: string, window: PaceWindow): Promise<number> {
		const now = this.now();
		const lane = this.lane(key);
		if (now < lane.blockedUntil) return lane.blockedUntil - now;
		prune(lane, now - window.windowMs);
		if (lane.inFlight.size + lane.released.length - lane.head < window.max) {
			lane.inFlight.add(slot);
			return 0;
		}
		// The oldest answered slot frees first; when every slot is in flight, one frees when its answer comes.
		if (lane.head < lane.released.length) return lane.released[lane.head] + window.windowMs - now + 1;
		return Math.max(1, Math.ceil(window.windowMs / 50));
	}

	async releaseSlot(key: string, slot: string): Promise<void> {
		const lane = this.lanes.get(key);
		if (!lane?.inFlight.delete(slot)) return;
		lane.released.push(this.now());
	}

	async block(key: string, forMs: number): Promise<void> {
		const lane = this.lane(key);
		lane.blockedUntil = Math.max(lane.blockedUntil, this.now() + forMs);
	}

	async blockedFor(key: string): Promise<number> {
		const lane = this.lanes.get(key);
		return lane ? Math.max(0, lane.blockedUntil - this.now()) : 0;
	}

	async close(): Promise<void> {
		this.held.clear();
		this.lanes.clear();
	}

	private read(key: string): string | undefined {
		const entry = this.held.get(key);
		if (!entry) return undefined;
		if (entry.expiresAt > this.now()) return entry.value;
		this.held.delete(key);
		return undefined;
	}

	private write(key: string, value: string, ttlMs: number): void {
		const now = this.now();
		// Delete first so a rewritten key moves to the end of the insertion order that eviction follows.
		this.held.delete(key);
		this.held.set(key, { value, expiresAt: now + ttlMs });
		for (const [oldKey, entry] of this.held) {
			if (this.held.size <= this.maxEntries && entry.expiresAt > now) break;
			this.held.delete(oldKey);
		}
	}

	private lane(key: string): Lane {
		let lane = this.lanes.get(key);
		if (!lane) {
			lane = { inFlight: new Set(), released: [], head: 0, blockedUntil: 0 };
			this.lanes.set(key, lane);
		}
		return lane;
	}
}

function prune(lane: Lane, since: number): void {
	while (lane.head < lane.released.length && lane.released[lane.head] <= since) lane.head++;
	// Compact now and then, so a lane holds about one window of releases.
	if (lane.head > 1024 && lane.head * 2 > lane.released.length) {
		lane.released = lane.released.slice(lane.head);
		lane.head = 0;
	}
}
