import type { Clock } from './clock';
import { randomId } from './ids';
import { isRecord, stableStringify } from './json';

/**
 * Who a token was issued to. One store serves every platform, and a token carries its owner, so a path both
 * platforms share (e.g. /cgi-bin/media/upload) is dispatched by the token. A platform adds its owner shape
 * to AnyTokenOwner and the fields it can be filtered by to TokenFilter.
 */
export type WeComTokenOwner = { platform: 'wecom'; corpId: string; agentId: number };

/**
 * Which OA endpoint issued the token: /cgi-bin/stable_token or the classic /cgi-bin/token. WeChat keeps the
 * two apart ("与getAccessToken获取的调用凭证完全隔离，互不影响"), so they are two owners.
 */
export type OaTokenSource = 'stable' | 'classic';

export type OaTokenOwner = { platform: 'oa'; appId: string; source: OaTokenSource };

/** The owner of any platform's token: what the store and the request pipeline handle. */
export type AnyTokenOwner = WeComTokenOwner | OaTokenOwner;

export type Platform = AnyTokenOwner['platform'];

/**
 * The owner of one platform's tokens. Without an argument it is WeCom's: the WeCom modules were written
 * against this name before a second platform existed, and keep compiling unchanged.
 */
export type TokenOwner<P extends Platform = 'wecom'> = Extract<AnyTokenOwner, { platform: P }>;

/** Selects tokens: every given field must equal the token's (owner fields are matched by name). */
export type TokenFilter = { token?: string; platform?: Platform; corpId?: string; agentId?: number; appId?: string; source?: OaTokenSource };

export interface IssuedToken {
	token: string;
	owner: AnyTokenOwner;
	issuedAt: number;
	expiresAt: number;
	/** Revoked before expiry: WeChat then answers 40014 (invalid) rather than 42001 (expired). */
	invalidated: boolean;
	/** Set when a newer token replaced this one: from then on it answers as invalidated (OA's 5-minute overlap). */
	supersededAt?: number;
}

export type TokenStatus = 'valid' | 'expired' | 'invalidated';

export type TokenCheck =
	| { status: 'missing' }
	| { status: 'unknown' }
	| { status: TokenStatus; owner: AnyTokenOwner; token: string };

export type TokenSnapshot = IssuedToken & { status: TokenStatus };

/** Bytes of entropy: 96 give 128 characters, comfortably "long and opaque" like WeChat's (clients reserve 512). */
const TOKEN_BYTES = 96;

export class TokenStore {
	/** Every token ever issued, so that an old token can still be told apart as expired rather than unknown. */
	private tokens = new Map<string, IssuedToken>();

	constructor(
		private readonly clock: Clock,
		private readonly ttlSeconds: number,
	) {}

	/**
	 * The owner's current token while it is valid, else a new one: WeCom's documented behaviour ("有效期内重复获取
	 * 返回相同结果，过期后获取会返回新的access_token") and OA stable_token's normal mode.
	 */
	currentOrIssue(owner: AnyTokenOwner): IssuedToken {
		const now = this.clock.now();
		for (const issued of this.tokens.values()) {
			if (sameOwner(issued.owner, owner) && statusOf(issued, now) === 'valid') return issued;
		}
		return this.issue(owner);
	}

	/** Always a new token, whatever the owner already holds (OA's /cgi-bin/token and forced stable_token). */
	issue(owner: AnyTokenOwner): IssuedToken {
		const now = this.clock.now();
		const issued: IssuedToken = {
			token: randomId(TOKEN_BYTES),
			owner,
			issuedAt: now,
			expiresAt: now + this.ttlSeconds * 1000,
			invalidated: false,
		};
		this.tokens.set(issued.token, issued);
		return issued;
	}

	/** The owner's tokens that are valid now, oldest first (a platform may keep several alive during a handover). */
	validFor(owner: AnyTokenOwner): IssuedToken[] {
		const now = this.clock.now();
		return [...this.tokens.values()].filter((issued) => sameOwner(issued.owner, owner) && statusOf(issued, now) === 'valid');
	}

	/**
	 * Schedules the end of a token that a newer one replaced: from `at` on it answers as invalidated, not
	 * expired (OA: "重复获取将导致上次获取的access_token失效", after a 5-minute overlap). Only ever moves earlier.
	 */
	supersede(token: string, at: number): void {
		const issued = this.tokens.get(token);
		if (issued === undefined || at >= issued.expiresAt) return;
		if (issued.supersededAt === undefined || at < issued.supersededAt) issued.supersededAt = at;
	}

	check(token: string | undefined): TokenCheck {
		if (token === undefined || token === '') return { status: 'missing' };
		const issued = this.tokens.get(token);
		if (issued === undefined) return { status: 'unknown' };
		return { status: statusOf(issued, this.clock.now()), owner: issued.owner, token };
	}

	/** Makes the matching valid tokens expired now; the next call with one gets 42001. Returns how many. */
	expire(filter: TokenFilter = {}): number {
		const now = this.clock.now();
		return this.update(filter, (issued) => {
			issued.expiresAt = now;
		});
	}

	/** Revokes the matching valid tokens; the next call with one gets 40014. Returns how many. */
	invalidate(filter: TokenFilter = {}): number {
		return this.update(filter, (issued) => {
			issued.invalidated = true;
		});
	}

	reset(): void {
		this.tokens.clear();
	}

	snapshot(): TokenSnapshot[] {
		const now = this.clock.now();
		return [...this.tokens.values()].map((issued) => ({ ...issued, status: statusOf(issued, now) }));
	}

	private update(filter: TokenFilter, change: (issued: IssuedToken) => void): number {
		const now = this.clock.now();
		let count = 0;
		for (const issued of this.tokens.values()) {
			if (statusOf(issued, now) === 'valid' && matches(issued, filter)) {
				change(issued);
				count++;
			}
		}
		return count;
	}
}

function statusOf(issued: IssuedToken, now: number): TokenStatus {
	if (issued.invalidated || (issued.supersededAt !== undefined && now >= issued.supersededAt)) return 'invalidated';
	return now >= issued.expiresAt ? 'expired' : 'valid';
}

/** Field-by-field, so owner shapes added for other platforms need no change here. */
function sameOwner(a: AnyTokenOwner, b: AnyTokenOwner): boolean {
	return stableStringify(a) === stableStringify(b);
}

function matches(issued: IssuedToken, filter: TokenFilter): boolean {
	const owner: Readonly<Record<string, unknown>> = issued.owner;
	return Object.entries(filter).every(([key, expected]) => {
		if (expected === undefined) return true;
		return key === 'token' ? issued.token === expected : owner[key] === expected;
	});
}

/** Validates a filter that came over the control API (absent body = every token). */
export function parseTokenFilter(value: unknown): TokenFilter | string {
	if (value === undefined) return {};
	if (!isRecord(value)) return 'a token filter must be an object';
	const filter: TokenFilter = {};
	for (const [key, field] of Object.entries(value)) {
		if (key === 'token' || key === 'corpId' || key === 'appId') {
			if (typeof field !== 'string') return `${key} must be a string`;
			filter[key] = field;
		} else if (key === 'platform') {
			if (field !== 'wecom' && field !== 'oa') return 'platform must be "wecom" or "oa"';
			filter.platform = field;
		} else if (key === 'source') {
			if (field !== 'stable' && field !== 'classic') return 'source must be "stable" or "classic"';
			filter.source = field;
		} else if (key === 'agentId') {
			if (!Number.isInteger(field)) return 'agentId must be an integer';
			filter.agentId = field as number;
		} else {
			return `unknown filter field ${key}`;
		}
	}
	return filter;
}
