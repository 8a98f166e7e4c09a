/**
 * Calls under WeChat's minute quotas. A minute-quota refusal (WeCom 45009, OA 45011) means WeChat did not
 * perform the call, so resending it never duplicates: the call waits out WeChat's block (WeCom: "按分钟拦截则
 * 被屏蔽60秒") and goes again, a bounded number of times. Optionally the calls are also paced under a per-minute
 * rate, per platform + corp/account + API, across executions of this process, so a batch meets no refusal.
 */
import { callJson, type ApiCall, type JsonObject, type TokenClient } from './client';
import { WeChatApiError, type Platform } from './errors';
import { blockUntil, takeSlot, whenUnblocked } from './pacer';
import { registerProcessState, timings } from '../testSeam';

/**
 * Waits per call before its refusal is an error. Three minutes of refusals are no longer a minute quota (WeCom's
 * hourly or daily quota, or another system using up the corp's), and an n8n item should not wait an hour.
 */
export const MAX_QUOTA_WAITS = 3;

/**
 * How each platform refuses a call for a minute quota. WeCom answers 45009 for every quota (a minute one is
 * the common case); an Official Account answers 45011 for a minute quota and 45009 for its DAILY quota, which
 * a wait of minutes cannot help, so an OA 45009 fails at once with the daily-quota hint.
 */
const MINUTE_REFUSALS: Partial<Record<Platform, ReadonlySet<number>>> = {
	wecom: new Set([45009]),
	oa: new Set([45011]),
};

export interface QuotaRule {
	/** Pace the calls to at most this many per minute; absent or 0: not paced. */
	perMinute?: number;
}

/** What waiting for the quota cost one call; only present when it waited. */
export interface RateLimited {
	waits: number;
	waitedMs: number;
}

export interface QuotaWait {
	api: string;
	errcode: number;
	/** The wait about to start (1-based); when giving up, the waits made. */
	wait: number;
	waitMs: number;
	/** The last wait was used up and WeChat still refuses: the call fails now. */
	givingUp: boolean;
}

export interface QuotaOutcome {
	answer: JsonObject;
	rateLimited?: RateLimited;
}

/** Once one call gave up, a refusal within this many minutes of it fails at once instead of waiting again. */
const GAVE_UP_MEMORY_MINUTES = 1;
const gaveUpAt = new Map<string, number>();
registerProcessState(() => gaveUpAt.clear());

/** Platform, base URL, corp or account ID and API: what WeChat counts its quota on. Never a secret. */
function quotaKey(client: TokenClient, path: string): string {
	return `${client.platform}|${client.connection.baseUrl}|${client.source.id}|${path}`;
}

export async function callWithinQuota(
	client: TokenClient,
	call: ApiCall,
	rule: QuotaRule = {},
	onWait: (wait: QuotaWait) => void = () => undefined,
): Promise<QuotaOutcome> {
	const key = quotaKey(client, call.path);
	let waits = 0;
	let waitedMs = 0;
	for (;;) {
		const started = Date.now();
		const slot = rule.perMinute
			? await takeSlot(key, { max: rule.perMinute, windowMs: timings.quotaMinuteMs })
			: undefined;
		if (!slot) await whenUnblocked(key);
		if (waits > 0) waitedMs += Date.now() - started;
		try {
			const answer = await callJson(client, call);
			gaveUpAt.delete(key);
			return waits > 0 ? { answer, rateLimited: { waits, waitedMs } } : { answer };
		} catch (error) {
			if (!(error instanceof WeChatApiError) || !MINUTE_REFUSALS[client.platform]?.has(error.errcode)) throw error;
			const now = Date.now();
			const recentGiveUp = now - (gaveUpAt.get(key) ?? -Infinity) < GAVE_UP_MEMORY_MINUTES * timings.quotaMinuteMs;
			const givingUp = waits >= MAX_QUOTA_WAITS || recentGiveUp;
			onWait({
				api: call.path,
				errcode: error.errcode,
				wait: givingUp ? waits : waits + 1,
				waitMs: givingUp ? 0 : timings.quotaMinuteMs,
				givingUp,
			});
			if (givingUp) {
				gaveUpAt.set(key, now);
				throw error;
			}
			waits++;
			blockUntil(key, now + timings.quotaMinuteMs);
		} finally {
			slot?.release();
		}
	}
}
