/**
 * WeChat retries a callback it got no answer to within 5 s (three more times). A retry must not start a second
 * execution, and it should get the answer the first delivery got (or will get: a retry can arrive while the
 * first is still running, and then waits for it, but only as long as the caller says: WeChat gives each try
 * 5 s too). One store per trigger, in memory, bounded in size and time; the only timers are those bounded
 * waits, unref'd, so nothing keeps n8n's process busy.
 */
import { hash } from 'node:crypto';
import type { XmlValue } from '../xml/parse';
import { messageId, type CallbackMessage } from './normalize';

export interface DedupeOptions {
	/** Default 5,000 keys; the oldest are dropped first. */
	maxEntries?: number;
	/** How long a key is remembered after its answer, default 5 minutes (WeChat's retries span about 20 s). */
	ttlMs?: number;
	/** Clock in milliseconds, injectable for tests. */
	now?: () => number;
}

export type DedupeCheck<Answer> =
	| {
			first: true;
			/** The first delivery's answer: retries waiting for it get it, and so do later ones. */
			settle(answer: Answer): void;
			/**
			 * The first delivery could not be handled (no execution started): retries waiting now get `answer`, and
			 * the key is forgotten so that a later retry is handled as a first delivery.
			 */
			forget(answer: Answer): void;
	  }
	| {
			first: false;
			/**
			 * The first delivery's answer, or `fallback` when it has none within `withinMs` (a first delivery
			 * that never settles must not hold its retries forever). Never rejects.
			 */
			wait(withinMs: number, fallback: Answer): Promise<Answer>;
	  };

interface Entry<Answer> {
	expiresAt: number;
	answer: Promise<Answer>;
	resolve(answer: Answer): void;
	settled: boolean;
}

export class CallbackDedupe<Answer> {
	private readonly entries = new Map<string, Entry<Answer>>();
	private readonly maxEntries: number;
	private readonly ttlMs: number;
	private readonly now: () => number;

	constructor(options: DedupeOptions = {}) {
		this.maxEntries = Math.max(1, options.maxEntries ?? 5_000);
		this.ttlMs = options.ttlMs ?? 5 * 60_000;
		this.now = options.now ?? Date.now;
	}

	get size(): number {
		return this.entries.size;
	}

	check(key: string): DedupeCheck<Answer> {
		const now = this.now();
		this.dropExpired(now);
		const existing = this.entries.get(key);
		if (existing && existing.expiresAt > now) {
			return { first: false, wait: (withinMs, fallback) => waitFor(existing, withinMs, fallback) };
		}

		let resolve: (answer: Answer) => void = () => undefined;
		const answer = new Promise<Answer>((done) => (resolve = done));
		const entry: Entry<Answer> = { expiresAt: now + this.ttlMs, answer, resolve, settled: false };
		// Delete first so a re-used key moves to the end of the insertion order that eviction follows.
		this.entries.delete(key);
		this.entries.set(key, entry);
		while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);

		return {
			first: true,
			settle: (value) => {
				if (entry.settled) return;
				entry.settled = true;
				entry.expiresAt = this.now() + this.ttlMs;
				entry.resolve(value);
			},
			forget: (value) => {
				if (entry.settled) return;
				entry.settled = true;
				entry.resolve(value);
				if (this.entries.get(key) === entry) this.entries.delete(key);
			},
		};
	}

	/** Drops every expired key (a full pass, for an occasional sweep) and says how many remain. */
	prune(): number {
		const now = this.now();
		for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
		return this.entries.size;
	}

	/** Drops the `count` oldest keys: a budget shared with other stores ran out. */
	evictOldest(count: number): void {
		for (const key of this.entries.keys()) {
			if (count-- <= 0) return;
			this.entries.delete(key);
		}
	}

	/** Oldest first: stops at the first live entry, so the cost is paid once per expired key. */
	private dropExpired(now: number): void {
		for (const [key, entry] of this.entries) {
			if (entry.expiresAt > now) return;
			this.entries.delete(key);
		}
	}
}

function waitFor<Answer>(entry: Entry<Answer>, withinMs: number, fallback: Answer): Promise<Answer> {
	if (entry.settled) return entry.answer;
	return new Promise<Answer>((resolve) => {
		const timer = setTimeout(() => resolve(fallback), withinMs);
		timer.unref();
		void entry.answer.then((answer) => {
			clearTimeout(timer);
			resolve(answer);
		});
	});
}

function canonical(value: XmlValue): string {
	if (typeof value === 'string') return JSON.stringify(value);
	if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
	const names = Object.keys(value).sort();
	return `{${names.map((name) => `${JSON.stringify(name)}:${canonical(value[name])}`).join(',')}}`;
}

/**
 * The key of one delivery: `MsgId` (or `MsgID`) when the message has one. Events have none; WeChat's advice is
 * FromUserName + CreateTime (+ Event, EventKey), but WeCom sends many events from FromUserName `sys` within one
 * second (a batch of change_contact, change_external_contact, batch_job_result events) that differ only in other
 * fields, so the key covers every field: a retry repeats the same XML, a different event never shares a key.
 */
export function dedupeKey(message: CallbackMessage): string {
	const id = messageId(message);
	if (id !== undefined) return `id:${id}`;
	return `ev:${hash('sha1', canonical(message), 'hex')}`;
}
