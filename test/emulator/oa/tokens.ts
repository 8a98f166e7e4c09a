import type { Clock } from '../core/clock';
import type { IssuedToken, OaTokenOwner, TokenStore } from '../core/tokens';
import { perDay } from './quota';
import { isTokenInvalidErrcode, type OaTokenInvalidErrcode } from './token-errors';

/** stable_token normal mode: "普通模式下平台会提前5分钟更新access_token". */
const RENEW_BEFORE_MS = 5 * 60 * 1000;
/** /cgi-bin/token: "平台会保证在5分钟内，新老access_token都可用". */
const CLASSIC_OVERLAP_MS = 5 * 60 * 1000;
/** Forced stable_token: "连续使用该模式时，请保证调用时间隔至少为30s，否则不会刷新". */
const FORCE_INTERVAL_MS = 30 * 1000;

const owner = (appId: string, source: OaTokenOwner['source']): OaTokenOwner => ({ platform: 'oa', appId, source });

/**
 * How the OA issues tokens, on top of the core token store (reference D1/D2):
 * - stable_token, normal mode: the same token while it has more than 5 minutes left; in its last 5 minutes a
 *   new one, while the old one stays usable until its own expiry (the handover);
 * - stable_token, force_refresh: invalidates the account's stable tokens and issues a new one, unless the
 *   last forced refresh was under 30 s ago: then nothing is refreshed and the current token comes back;
 * - /cgi-bin/token: a new token on every call; the previous classic tokens stop working 5 minutes later
 *   (answering 40001 "not latest" from then on). Stable and classic tokens never affect each other.
 */
export class OaTokenIssuer {
	private lastForcedAt = new Map<string, number>();
	/** Tokens a test revoked with a specific answer (42007, 40014); other revoked tokens answer 40001. */
	private revokedAs = new Map<string, OaTokenInvalidErrcode>();
	/** Per account and China day: classic /cgi-bin/token calls (2000/day) and real forced refreshes (20/day). */
	readonly daily = { classic: perDay(), forced: perDay() };

	constructor(
		private readonly tokens: TokenStore,
		private readonly clock: Clock,
	) {}

	stable(appId: string): IssuedToken {
		const current = this.tokens.validFor(owner(appId, 'stable')).at(-1);
		if (current !== undefined && current.expiresAt - this.clock.now() > renewWindow(current)) return current;
		return this.tokens.issue(owner(appId, 'stable'));
	}

	/** Returns the token and whether a refresh really happened (false inside the 30-s interval). */
	forceRefresh(appId: string): { issued: IssuedToken; refreshed: boolean } {
		const now = this.clock.now();
		const last = this.lastForcedAt.get(appId);
		if (last !== undefined && now - last < FORCE_INTERVAL_MS) return { issued: this.stable(appId), refreshed: false };
		for (const previous of this.tokens.validFor(owner(appId, 'stable'))) this.tokens.invalidate({ token: previous.token });
		this.lastForcedAt.set(appId, now);
		this.daily.forced.add(appId, now);
		return { issued: this.tokens.issue(owner(appId, 'stable')), refreshed: true };
	}

	classic(appId: string): IssuedToken {
		this.daily.classic.add(appId, this.clock.now());
		const overlapEnd = this.clock.now() + CLASSIC_OVERLAP_MS;
		for (const previous of this.tokens.validFor(owner(appId, 'classic'))) this.tokens.supersede(previous.token, overlapEnd);
		return this.tokens.issue(owner(appId, 'classic'));
	}

	/**
	 * Revokes the account's valid tokens (optionally one token, or one source) so that their next use answers
	 * `errcode`: 40001 (not latest), 40014 (invalid) or 42007 (password changed). Returns how many.
	 */
	revoke(filter: { appId?: string; token?: string; source?: OaTokenOwner['source'] }, errcode: OaTokenInvalidErrcode): number {
		if (!isTokenInvalidErrcode(errcode)) throw new Error(`errcode must be 40001, 40014 or 42007, got ${String(errcode)}`);
		let count = 0;
		for (const issued of this.tokens.snapshot()) {
			if (issued.status !== 'valid' || issued.owner.platform !== 'oa') continue;
			if (filter.appId !== undefined && issued.owner.appId !== filter.appId) continue;
			if (filter.source !== undefined && issued.owner.source !== filter.source) continue;
			if (filter.token !== undefined && issued.token !== filter.token) continue;
			this.tokens.invalidate({ token: issued.token });
			this.revokedAs.set(issued.token, errcode);
			count++;
		}
		return count;
	}

	/** The answer a test chose for this revoked token, if any. */
	revokedAnswer(token: string | undefined): OaTokenInvalidErrcode | undefined {
		return token === undefined ? undefined : this.revokedAs.get(token);
	}

	reset(): void {
		this.lastForcedAt.clear();
		this.revokedAs.clear();
		this.daily.classic.reset();
		this.daily.forced.reset();
	}
}

/**
 * 5 minutes, or half the lifetime when tests run with very short tokens (tokenTtlSeconds: 1), so that a
 * fresh token is not immediately "in its last 5 minutes".
 */
function renewWindow(issued: IssuedToken): number {
	return Math.min(RENEW_BEFORE_MS, (issued.expiresAt - issued.issuedAt) / 2);
}
