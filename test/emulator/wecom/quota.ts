import { isRecord } from '../core/json';

/**
 * WeCom's quotas for application messages, as its 频率限制 page states them:
 * - a corp calls one API at most 10,000 times a minute ("每企业调用单个cgi/api不可超过1万次/分"); beyond it the call
 *   is refused with 45009 and the API stays blocked for a minute ("按分钟拦截则被屏蔽60秒");
 * - an app sends one member at most 30 messages a minute and 1,000 an hour; the rest "会被丢弃不下发": the call
 *   succeeds and nothing arrives. The emulator records each such drop so tests can see what WeCom hides.
 * The page also says message sends are counted apart from the base rate ("发消息频率不计入基础频率"), yet
 * self-built apps report 45009 on message/send under load: the emulator applies the per-API quota to
 * message/send, the stricter reading. Counts are sliding windows of `minuteMs` (an hour is 60 of them), so
 * tests run a "minute" in milliseconds.
 */
export interface WeComQuotaConfig {
	callsPerMinute: number;
	memberPerMinute: number;
	memberPerHour: number;
	minuteMs: number;
}

export const DEFAULT_WECOM_QUOTA: WeComQuotaConfig = {
	callsPerMinute: 10_000,
	memberPerMinute: 30,
	memberPerHour: 1_000,
	minuteMs: 60_000,
};

/** A message WeCom accepted but did not deliver to this member (over the per-member limit). */
export interface MemberDrop {
	corpId: string;
	agentId: number;
	member: string;
	msgid: string;
	at: number;
}

export interface WeComQuotaSnapshot {
	quota: WeComQuotaConfig;
	/** How many calls were answered 45009 for the per-corp quota. */
	quotaRefusals: number;
	memberDrops: MemberDrop[];
}

/** Ascending times with a moving start, so a window of 10,000 calls costs O(1) per call. */
class Window {
	private times: number[] = [];
	private head = 0;

	count(since: number): number {
		while (this.head < this.times.length && this.times[this.head] <= since) this.head++;
		if (this.head > 1024 && this.head * 2 > this.times.length) {
			this.times = this.times.slice(this.head);
			this.head = 0;
		}
		return this.times.length - this.head;
	}

	/** How many of the counted times are after `since` (within the span `count` keeps). */
	countAfter(since: number): number {
		let index = this.times.length;
		while (index > this.head && this.times[index - 1] > since) index--;
		return this.times.length - index;
	}

	add(time: number): void {
		this.times.push(time);
	}
}

export class WeComQuota {
	private config: WeComQuotaConfig;
	private calls = new Map<string, Window>();
	private blockedUntil = new Map<string, number>();
	private members = new Map<string, Window>();
	private refusals = 0;
	private drops: MemberDrop[] = [];

	constructor(config: WeComQuotaConfig = DEFAULT_WECOM_QUOTA) {
		this.config = { ...config };
	}

	/** Counts a call to `path` by the corp; false when WeCom would refuse it with 45009. */
	admitCall(corpId: string, path: string, now: number): boolean {
		const key = `${corpId}|${path}`;
		if (now < (this.blockedUntil.get(key) ?? 0)) {
			this.refusals++;
			return false;
		}
		const window = this.calls.get(key) ?? new Window();
		this.calls.set(key, window);
		if (window.count(now - this.config.minuteMs) >= this.config.callsPerMinute) {
			this.blockedUntil.set(key, now + this.config.minuteMs);
			this.refusals++;
			return false;
		}
		window.add(now);
		return true;
	}

	/** Counts a delivery to each member; returns the members WeCom would silently drop it for. */
	deliver(corpId: string, agentId: number, users: readonly string[], msgid: string, now: number): string[] {
		const dropped: string[] = [];
		for (const member of users) {
			const key = `${corpId}|${agentId}|${member}`;
			const window = this.members.get(key) ?? new Window();
			this.members.set(key, window);
			const lastHour = window.count(now - 60 * this.config.minuteMs);
			const lastMinute = window.countAfter(now - this.config.minuteMs);
			if (lastMinute >= this.config.memberPerMinute || lastHour >= this.config.memberPerHour) {
				dropped.push(member);
				this.drops.push({ corpId, agentId, member, msgid, at: now });
				continue;
			}
			window.add(now);
		}
		return dropped;
	}

	setConfig(config: WeComQuotaConfig): void {
		this.config = { ...config };
	}

	/** Forgets counts, blocks and drops; the configuration stays, like apps. */
	reset(): void {
		this.calls.clear();
		this.blockedUntil.clear();
		this.members.clear();
		this.refusals = 0;
		this.drops = [];
	}

	snapshot(): WeComQuotaSnapshot {
		return { quota: { ...this.config }, quotaRefusals: this.refusals, memberDrops: this.drops.map((drop) => ({ ...drop })) };
	}
}

/** Validates a partial quota configuration from the control API or the emulator options, over `base`. */
export function parseWeComQuota(value: unknown, base: WeComQuotaConfig = DEFAULT_WECOM_QUOTA): WeComQuotaConfig | string {
	if (!isRecord(value)) return 'a quota must be an object with callsPerMinute, memberPerMinute, memberPerHour and/or minuteMs';
	const config = { ...base };
	for (const field of ['callsPerMinute', 'memberPerMinute', 'memberPerHour', 'minuteMs'] as const) {
		const given = value[field];
		if (given === undefined) continue;
		if (typeof given !== 'number' || !Number.isInteger(given) || given < 1) return `${field} must be an integer >= 1`;
		config[field] = given;
	}
	return config;
}
