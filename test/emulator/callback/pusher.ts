/**
 * The emulator's callback side: where each Official Account's events go (its "server configuration"), the
 * pushes made (a log), and the pushes still in flight (so tests can wait for them and close() can stop them).
 * An OA event is pushed after the API call that produced it has answered (fire-and-forget): WeChat sends
 * TEMPLATESENDJOBFINISH / MASSSENDJOBFINISH independently of the send request.
 */
import type { OaEvent, OaEventListener } from '../oa/events';
import { resolvePush, type PushOptions, type VerifyOptions } from './options';
import type { OaCallbackTarget } from './parse';
import { pushCallback, type PushRecord } from './push';
import { verifyCallbackUrl, type VerifyRecord } from './verify-url';
import { errorText } from './transport';

export interface LoggedPush extends PushRecord {
	/** 1, 2, … in the order pushes started since the emulator started. */
	seq: number;
	/** `event`: an OA event pushed to its configured target; `push`: asked for through `push()` or the control API. */
	source: 'event' | 'push';
	/** The account, for event pushes. */
	appId?: string;
	/** The pushed event's `Event`, for event pushes. */
	event?: string;
}

/** A configured target without its secrets, as listed. */
export interface OaTargetSummary {
	appId: string;
	url: string;
	mode: 'plain' | 'compatible' | 'safe';
	timeoutMs?: number;
	tries?: number;
}

/** In-process as `emulator.callbacks`. */
export interface CallbackControl {
	/** Sets (or with null removes) where the account's TEMPLATESENDJOBFINISH / MASSSENDJOBFINISH events go. Throws on a bad target. */
	configureOa(appId: string, target: OaCallbackTarget | null): void;
	oaTargets(): OaTargetSummary[];
	/** pushCallback, recorded in the log. */
	push(options: PushOptions): Promise<LoggedPush>;
	verify(options: VerifyOptions): Promise<VerifyRecord>;
	/** The recorded pushes, oldest first (the last 1000). */
	log(filter?: { appId?: string; source?: LoggedPush['source'] }): LoggedPush[];
	clearLog(): void;
	/** Resolves when no push is in flight (event pushes included). */
	idle(): Promise<void>;
}

/** Enough for any test run; an emulator left running with a busy target must not grow without bound. */
const MAX_LOG = 1000;
/** idle() waits for the pushes in flight, then again for any they caused; this bounds the rounds. */
const MAX_IDLE_ROUNDS = 100;

export class CallbackPusher {
	private targets = new Map<string, OaCallbackTarget>();
	private records: LoggedPush[] = [];
	private seq = 0;
	/** Bumped by reset(): a push that started before it is not logged after it. */
	private generation = 0;
	private inflight = new Set<Promise<unknown>>();
	private closing = new AbortController();

	constructor(subscribe: (listener: OaEventListener) => () => void) {
		subscribe((appId, event) => this.onOaEvent(appId, event));
	}

	readonly control: CallbackControl = {
		configureOa: (appId, target) => this.configureOa(appId, target),
		oaTargets: () => [...this.targets].map(([appId, target]) => ({ appId, url: target.url, mode: target.mode ?? 'plain', timeoutMs: target.timeoutMs, tries: target.tries })),
		push: (options) => this.track(this.run(options, { source: 'push' })),
		verify: (options) => this.track(verifyCallbackUrl({ ...options, signal: options.signal ?? this.closing.signal })),
		log: (filter = {}) => structuredClone(this.records.filter((record) => (filter.appId === undefined || record.appId === filter.appId) && (filter.source === undefined || record.source === filter.source))),
		clearLog: () => {
			this.records = [];
		},
		idle: async () => {
			for (let round = 0; round < MAX_IDLE_ROUNDS && this.inflight.size > 0; round++) await Promise.allSettled([...this.inflight]);
		},
	};

	private configureOa(appId: string, target: OaCallbackTarget | null): void {
		if (typeof appId !== 'string' || appId === '') throw new Error('appId is required');
		if (target === null) {
			this.targets.delete(appId);
			return;
		}
		// Checked now, with a stand-in message, so that a bad target fails the configuration, not a later push.
		resolvePush({ ...target, platform: 'oa', receiveId: appId, message: {} });
		this.targets.set(appId, { ...target });
	}

	private onOaEvent(appId: string, event: OaEvent): void {
		const target = this.targets.get(appId);
		if (target === undefined || this.closing.signal.aborted) return;
		const options: PushOptions = { ...target, platform: 'oa', receiveId: appId, message: event };
		// run() never rejects for events (see there), so nothing is left unhandled.
		void this.track(this.run(options, { source: 'event', appId, event: event.Event }));
	}

	private async run(options: PushOptions, meta: Pick<LoggedPush, 'source' | 'appId' | 'event'>): Promise<LoggedPush> {
		const generation = this.generation;
		const seq = ++this.seq;
		const record = await pushCallback({ ...options, signal: options.signal ?? this.closing.signal }).catch((error: unknown) => {
			// A caller's bad options are theirs to see (the control API answers 400); an event push has no caller,
			// and its target was checked when configured, so a throw here is an emulator bug: log it, never crash.
			if (meta.source !== 'event') throw error;
			return failedPush(options, error);
		});
		const logged: LoggedPush = { seq, ...meta, ...record };
		if (generation === this.generation) {
			this.records.push(logged);
			if (this.records.length > MAX_LOG) this.records.splice(0, this.records.length - MAX_LOG);
		}
		return structuredClone(logged);
	}

	private track<T>(work: Promise<T>): Promise<T> {
		const settled = work.then(
			() => undefined,
			() => undefined,
		);
		this.inflight.add(settled);
		void settled.then(() => this.inflight.delete(settled));
		return work;
	}

	/** Clears the log; targets stay, like the accounts' other configuration. */
	reset(): void {
		this.generation++;
		this.records = [];
	}

	/** Aborts what is in flight (their records end with `aborted`) and waits for it to wind down. */
	async close(): Promise<void> {
		this.closing.abort();
		await this.control.idle();
	}
}

function failedPush(options: PushOptions, error: unknown): PushRecord {
	return {
		platform: options.platform,
		mode: options.mode ?? 'plain',
		url: options.url,
		request: { query: {}, body: '', plaintext: '' },
		attempts: [],
		answer: { kind: 'invalid', problems: [`not pushed: ${errorText(error)}`] },
		startedAt: Date.now(),
		ms: 0,
	};
}
