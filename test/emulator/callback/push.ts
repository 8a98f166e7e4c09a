/**
 * pushCallback: one callback delivered the way WeChat delivers it. The same request (same query, same body)
 * is sent again while no answer comes within the timeout, up to `tries` times in all (WeChat: 5 s, 3 times,
 * reference G8); the first answer of any kind ends it, and that answer is judged as WeChat would (reply.ts).
 */
import { resolvePush, type CallbackMode, type CallbackPlatform, type PushOptions } from './options';
import { interpretAnswer, type CallbackAnswer } from './reply';
import { buildCallback } from './request';
import { exchange, type PushAttempt } from './transport';

export interface PushRecord {
	platform: CallbackPlatform;
	mode: CallbackMode;
	/** The URL as requested, query included. */
	url: string;
	request: {
		query: Record<string, string>;
		/** The POSTed body. */
		body: string;
		/** The message before encryption. */
		plaintext: string;
	};
	/** Every try, in order. */
	attempts: PushAttempt[];
	/** The final answer, judged. */
	answer: CallbackAnswer;
	/** Wall clock ms when the first try started, and the whole push's duration. */
	startedAt: number;
	ms: number;
}

/** Throws only for options no WeChat push could have (see options.ts); a failing trigger is in the record. */
export async function pushCallback(options: PushOptions): Promise<PushRecord> {
	const push = resolvePush(options);
	const outgoing = buildCallback(push, options.message);
	const startedAt = Date.now();
	const started = performance.now();
	const attempts: PushAttempt[] = [];
	// Bounded: resolvePush allows at most 10 tries, each at most 60 s.
	while (attempts.length < push.tries) {
		const attempt = await exchange({ method: 'POST', url: outgoing.url, body: outgoing.body, timeoutMs: push.timeoutMs, signal: push.signal });
		attempts.push(attempt);
		if (attempt.status !== 0 || push.signal?.aborted === true) break;
	}
	const last = attempts[attempts.length - 1];
	const answer = interpretAnswer(
		last,
		{ platform: push.platform, mode: push.mode, token: push.token, encodingAesKey: push.encodingAesKey, receiveId: push.receiveId, toUserName: outgoing.toUserName, fromUserName: outgoing.fromUserName },
		describeNoAnswer(attempts, push.timeoutMs),
	);
	return {
		platform: push.platform,
		mode: push.mode,
		url: outgoing.url,
		request: { query: outgoing.query, body: outgoing.body, plaintext: outgoing.plaintext },
		attempts,
		answer,
		startedAt,
		ms: Math.round(performance.now() - started),
	};
}

function describeNoAnswer(attempts: readonly PushAttempt[], timeoutMs: number): string {
	const reasons = attempts.map((attempt) => (attempt.timedOut ? `no answer within ${timeoutMs} ms` : (attempt.error ?? 'no answer')));
	const tries = attempts.length === 1 ? '1 try' : `${attempts.length} tries`;
	return `no answer on ${tries}: ${[...new Set(reasons)].join('; ')}`;
}
