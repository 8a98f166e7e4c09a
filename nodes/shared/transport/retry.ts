/**
 * What may be retried, and how often. Token fetches and reads retry transient faults with backoff; writes are
 * replayed only when the request never left or when the API de-duplicates it (WeCom enable_duplicate_check,
 * OA clientmsgid / client_msg_id).
 */
import { TransportError } from './http';
import { WeChatApiError } from './errors';
import { timings } from '../testSeam';

export interface RetryPolicy {
	/** Tries after the first one. */
	retries: number;
	baseDelayMs: number;
	maxDelayMs: number;
}

/** WeCom asks to retry errcode -1 "no more than 3 times". */
const TRANSIENT_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 400, maxDelayMs: 4_000 };

export type CallKind = 'read' | 'write';

export interface RetryDecision {
	kind: CallKind;
	/** The API drops a replay of this exact write (duplicate check / client message id). */
	deduplicated: boolean;
}

export function isRetryable(error: unknown, call: RetryDecision): boolean {
	if (error instanceof TransportError) {
		if (error.sent === 'no') return true;
		return call.kind === 'read' || call.deduplicated;
	}
	if (error instanceof WeChatApiError && error.errcode === -1) {
		// "System busy" may come from a relay after the write went through: same rule as an unknown outcome.
		return call.kind === 'read' || call.deduplicated;
	}
	return false;
}

export async function withRetry<T>(
	task: () => Promise<T>,
	call: RetryDecision,
	policy: RetryPolicy = TRANSIENT_RETRY,
): Promise<T> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await task();
		} catch (error) {
			if (attempt >= policy.retries || !isRetryable(error, call)) throw error;
			const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt) * timings.retryScale;
			await new Promise((resolve) => setTimeout(resolve, delay));
		}
	}
}
