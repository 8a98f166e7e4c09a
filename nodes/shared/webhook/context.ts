/** What a trigger puts in each item about the callback, so a reply node can answer it. No secrets. */
import type { MessageMode } from '../callback/inbound';
import type { Platform } from '../callback/platform';

export const CALLBACK_KEY = 'callback';

/** The guard answers "success" this long after WeChat sent the message unless a reply node replied. */
export const DEFAULT_GUARD_MS = 4_000;

/**
 * WeChat waits 5 s from when it sent the message. Its timestamp is whole seconds, so the send may have been
 * up to 1 s after the second it shows, never before: counted from that second, 4.5 s still leaves the answer
 * 500 ms to leave a busy process and reach WeChat in the worst case.
 */
export const MAX_GUARD_MS = 4_500;
export const MIN_GUARD_MS = 500;

export interface CallbackContext {
	platform: Platform;
	mode: MessageMode;
	/** ms since the epoch. */
	receivedAt: number;
	/** Passive replies only: the slot the reply node claims, and until when it can (ms since the epoch). */
	replyId?: string;
	replyBy?: number;
}

export function readCallbackContext(json: Record<string, unknown>): CallbackContext | undefined {
	const raw = json[CALLBACK_KEY];
	if (!raw || typeof raw !== 'object') return undefined;
	const context = raw as Partial<CallbackContext>;
	if ((context.platform !== 'oa' && context.platform !== 'wecom') || typeof context.mode !== 'string') return undefined;
	return context as CallbackContext;
}
