/**
 * What each callback trigger keeps in this process's memory (its retry store and its refusal log), bounded across
 * triggers as well as per trigger:
 *
 * - at most `maxTriggers` triggers and `maxEntries` retry keys in all: when a budget is spent, the least recently
 *   used triggers give way first, their oldest keys first (a busy trigger keeps its recent keys);
 * - a trigger whose keys have all expired is forgotten by a sweep (at most one pass per `sweepEveryMs`), which is
 *   how the memory of a removed workflow goes. Deactivation is not a signal for it: n8n deactivates and re-adds a
 *   workflow's webhooks on every save, and a retry arriving across a save must still be recognised.
 */
import { CallbackDedupe } from './dedupe';
import { RefusalLog } from './refusalLog';

export interface TriggerMemory {
	/** Retry keys and the answers they get; values are the HTTP answer bodies. */
	retries: CallbackDedupe<string>;
	refusals: RefusalLog;
}

export interface TriggerMemoryLimits {
	/** Default 1,000 triggers. */
	maxTriggers?: number;
	/** Retry keys across all triggers, default 20,000 (each trigger: at most 5,000). */
	maxEntries?: number;
	/** Default one minute. */
	sweepEveryMs?: number;
	/** Clock in milliseconds, injectable for tests. */
	now?: () => number;
}

export class TriggerMemories {
	private readonly byTrigger = new Map<string, TriggerMemory>();
	private readonly maxTriggers: number;
	private readonly maxEntries: number;
	private readonly sweepEveryMs: number;
	private readonly now: () => number;
	private nextSweep: number;

	constructor(limits: TriggerMemoryLimits = {}) {
		this.maxTriggers = Math.max(1, limits.maxTriggers ?? 1_000);
		this.maxEntries = Math.max(1, limits.maxEntries ?? 20_000);
		this.sweepEveryMs = limits.sweepEveryMs ?? 60_000;
		this.now = limits.now ?? Date.now;
		this.nextSweep = this.now() + this.sweepEveryMs;
	}

	/** How many triggers have memory here. */
	get triggers(): number {
		return this.byTrigger.size;
	}

	/** Retry keys held across all triggers. */
	get entries(): number {
		let total = 0;
		for (const memory of this.byTrigger.values()) total += memory.retries.size;
		return total;
	}

	/** One trigger's memory, now the most recently used, with room for one more retry key. */
	of(trigger: string): TriggerMemory {
		const now = this.now();
		if (now >= this.nextSweep) this.sweep(now);
		let memory = this.byTrigger.get(trigger);
		// Delete first so that the trigger moves to the end of the order in which triggers give way.
		if (memory) this.byTrigger.delete(trigger);
		else
			memory = { retries: new CallbackDedupe<string>({ now: this.now }), refusals: new RefusalLog({ now: this.now }) };
		this.byTrigger.set(trigger, memory);
		this.makeRoom(memory);
		return memory;
	}

	clear(): void {
		this.byTrigger.clear();
	}

	/** Least recently used first; the trigger in hand is the most recent, so it gives way only to itself. */
	private makeRoom(current: TriggerMemory): void {
		for (const [trigger, memory] of this.byTrigger) {
			if (this.byTrigger.size <= this.maxTriggers || memory === current) break;
			this.byTrigger.delete(trigger);
		}
		let excess = this.entries + 1 - this.maxEntries;
		for (const [trigger, memory] of this.byTrigger) {
			if (excess <= 0) return;
			const evicted = Math.min(excess, memory.retries.size);
			memory.retries.evictOldest(evicted);
			excess -= evicted;
			if (memory !== current && memory.retries.size === 0) this.byTrigger.delete(trigger);
		}
	}

	private sweep(now: number): void {
		this.nextSweep = now + this.sweepEveryMs;
		for (const [trigger, memory] of this.byTrigger) if (memory.retries.prune() === 0) this.byTrigger.delete(trigger);
	}
}
