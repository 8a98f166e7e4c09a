/** What a trigger puts in each item about the callback, so a reply node can answer it. No secrets. */
import type { MessageMode } from '../callback/inbound';
import type { Platform } from '../callback/platform';

export const CALLBACK_KEY = 'callback';

/** The guard answers "success" this long after receipt unless a reply node replied; WeChat waits 5 s. */
export const DEFAULT_GUARD_MS = 4_000;

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
