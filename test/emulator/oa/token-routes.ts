import type { IssuedToken } from '../core/tokens';
import { isRecord, nonEmptyString } from '../core/json';
import type { ApiReply, ApiRequest, PublicRoute } from '../core/router';
import type { OaAccount } from './accounts';
import type { OaContext } from './context';
import { OaErrcode, oaBare, oaError, refuse, violation, type OaViolation } from './errors';

/** Classic /cgi-bin/token: "每日限额 2000 次". */
const CLASSIC_CALLS_PER_DAY = 2000;
/** Forced stable_token: "强制刷新模式每天限用20次". */
const FORCED_REFRESHES_PER_DAY = 20;

interface Credentials {
	grantType: unknown;
	appid: unknown;
	secret: unknown;
}

/**
 * What both token endpoints check, in order: grant_type (40002), appid and secret present (41002, 41004),
 * a known appid (40013), the caller's IP in the whitelist when one is set (40164), a secret that is not frozen
 * (40243) and right (40125).
 */
function authenticate(ctx: OaContext, req: ApiRequest, given: Credentials): OaAccount | ApiReply {
	if (given.grantType !== 'client_credential') return refuse(violation(OaErrcode.invalidGrantType));
	if (!nonEmptyString(given.appid)) return refuse(violation(OaErrcode.missingAppId));
	if (!nonEmptyString(given.secret)) return refuse(violation(OaErrcode.missingSecret));
	const account = ctx.accounts.get(given.appid);
	if (account === undefined) return refuse(violation(OaErrcode.invalidAppId));
	if (account.ipWhitelist !== null && !account.ipWhitelist.includes(req.remoteAddress)) {
		// WeChat quotes the caller's address: "invalid ip 1.2.3.4 ipv6 ::ffff:1.2.3.4, not in whitelist".
		return oaError(OaErrcode.ipNotWhitelisted, `invalid ip ${req.remoteAddress} ipv6 ::ffff:${req.remoteAddress}, not in whitelist`);
	}
	if (account.secretFrozen) return refuse(violation(OaErrcode.secretFrozen));
	if (account.appSecret !== given.secret) return refuse(violation(OaErrcode.invalidAppSecret));
	return account;
}

/** `{access_token, expires_in}` without errcode; expires_in is what the token really has left. */
function tokenAnswer(ctx: OaContext, issued: IssuedToken): ApiReply {
	return oaBare({ access_token: issued.token, expires_in: Math.ceil((issued.expiresAt - ctx.clock.now()) / 1000) });
}

function isReply(value: OaAccount | ApiReply): value is ApiReply {
	return 'kind' in value;
}

/** POST /cgi-bin/stable_token {grant_type, appid, secret, force_refresh?} (reference D2); JSON bodies only. */
export function stableTokenRoute(ctx: OaContext): PublicRoute {
	return {
		method: 'POST',
		path: '/cgi-bin/stable_token',
		platform: ctx.platform,
		auth: 'none',
		handle(req) {
			const body = req.json;
			// "该接口仅支持 POST JSON 形式的调用": a form or query body is not read.
			if (!isRecord(body)) return refuse(violation(OaErrcode.dataFormatError));
			if (body.force_refresh !== undefined && typeof body.force_refresh !== 'boolean') return refuse(violation(OaErrcode.dataFormatError, 'force_refresh must be a boolean'));
			const account = authenticate(ctx, req, { grantType: body.grant_type, appid: body.appid, secret: body.secret });
			if (isReply(account)) return account;
			let issued: IssuedToken;
			if (body.force_refresh === true) {
				const limit = forcedLimit(ctx, account);
				if (limit !== undefined) return refuse(limit);
				issued = ctx.issuer.forceRefresh(account.appId).issued;
				account.forceRefreshCalls += 1;
			} else {
				issued = ctx.issuer.stable(account.appId);
			}
			account.stableTokenCalls += 1;
			return tokenAnswer(ctx, issued);
		},
	};
}

/** 45009 once the day's 20 real forced refreshes are used (a call inside the 30-s interval refreshes nothing). */
function forcedLimit(ctx: OaContext, account: OaAccount): OaViolation | undefined {
	return ctx.issuer.daily.forced.count(account.appId, ctx.clock.now()) >= FORCED_REFRESHES_PER_DAY ? violation(OaErrcode.dailyQuota) : undefined;
}

/**
 * GET /cgi-bin/token?grant_type=client_credential&appid&secret (reference D1): a new token on every call; the
 * previous classic token keeps working for 5 minutes, then answers 40001. Shown to users as the reason the
 * nodes use stable_token: two systems sharing a secret knock each other's classic tokens out.
 */
export function classicTokenRoute(ctx: OaContext): PublicRoute {
	return {
		method: 'GET',
		path: '/cgi-bin/token',
		platform: ctx.platform,
		auth: 'none',
		handle(req) {
			const { grant_type: grantType, appid, secret } = req.query;
			const account = authenticate(ctx, req, { grantType, appid, secret });
			if (isReply(account)) return account;
			if (ctx.issuer.daily.classic.count(account.appId, ctx.clock.now()) >= CLASSIC_CALLS_PER_DAY) return refuse(violation(OaErrcode.dailyQuota));
			account.tokenCalls += 1;
			return tokenAnswer(ctx, ctx.issuer.classic(account.appId));
		},
	};
}
