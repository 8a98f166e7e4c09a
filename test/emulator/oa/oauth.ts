/**
 * Web authorisation (网页授权, reference I2): the consent page on open.weixin.qq.com that redirects with a code,
 * and the sns/* calls on the API host. A code works once (40163) and for 5 minutes (then 40029); the user's
 * access token lasts 2 hours and is kept apart from the account's own tokens; the refresh token lasts 30 days.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../core/clock';
import { randomId } from '../core/ids';
import { nonEmptyString, type JsonObject } from '../core/json';
import type { ApiReply, ApiRequest, PublicRoute } from '../core/router';
import type { OaAccount } from './accounts';
import type { OaContext } from './context';
import { OaErrcode, oaBare, oaOk, refuse, violation } from './errors';

export const OAUTH_CODE_TTL_MS = 5 * 60_000;
export const USER_TOKEN_TTL_SECONDS = 7200;
export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600_000;

type Scope = 'snsapi_base' | 'snsapi_userinfo';

interface Grant {
	appId: string;
	openid: string;
	scope: Scope;
	expiresAt: number;
}

interface Code extends Grant {
	used: boolean;
}

/** Who is "signed in to WeChat" when the consent page opens, and whether they decline (set by tests). */
export interface OAuthVisitor {
	openid: string;
	decline: boolean;
}

export class OaOAuthState {
	readonly codes = new Map<string, Code>();
	readonly tokens = new Map<string, Grant>();
	readonly refreshTokens = new Map<string, Grant>();
	readonly visitors = new Map<string, OAuthVisitor>();

	constructor(private readonly clock: Clock) {}

	issueCode(appId: string, openid: string, scope: Scope): string {
		const code = randomId(24);
		this.codes.set(code, { appId, openid, scope, expiresAt: this.clock.now() + OAUTH_CODE_TTL_MS, used: false });
		return code;
	}

	reset(): void {
		this.codes.clear();
		this.tokens.clear();
		this.refreshTokens.clear();
		this.visitors.clear();
	}
}

/** The same person has the same unionid under every app of one Open Platform account: derived from the openid. */
function unionidOf(openid: string): string {
	return `o6_${createHash('sha256').update(openid).digest('base64url').slice(0, 25)}`;
}

function isScope(value: unknown): value is Scope {
	return value === 'snsapi_base' || value === 'snsapi_userinfo';
}

/** WeChat shows an error page (not JSON) in the user's browser when the authorize link is wrong. */
function errorPage(text: string): ApiReply {
	return {
		kind: 'binary',
		status: 200,
		contentType: 'text/html; charset=utf-8',
		headers: {},
		body: Buffer.from(`<html><body><h2>${text}</h2></body></html>`),
	};
}

function withQuery(url: string, params: Record<string, string>): string {
	const target = new URL(url);
	for (const [key, value] of Object.entries(params)) target.searchParams.set(key, value);
	return target.toString();
}

/** GET /connect/oauth2/authorize: the user consents (or declines) and the browser is sent to redirect_uri. */
function authorizeRoute(ctx: OaContext, state: OaOAuthState): PublicRoute {
	return {
		method: 'GET',
		path: '/connect/oauth2/authorize',
		platform: ctx.platform,
		auth: 'none',
		handle(req) {
			const { appid, redirect_uri: redirectUri, response_type: responseType, scope } = req.query;
			const account = nonEmptyString(appid) ? ctx.accounts.get(appid) : undefined;
			if (account === undefined) return errorPage('appid 参数错误');
			if (responseType !== 'code') return errorPage('response_type 参数错误');
			if (!isScope(scope)) return errorPage('Scope 参数错误或没有 Scope 权限');
			let target: URL;
			try {
				target = new URL(redirectUri ?? '');
			} catch {
				return errorPage('redirect_uri 参数错误');
			}
			const visitor = state.visitors.get(account.appId) ?? {
				openid: account.followers[0] ?? `o_visitor_${account.appId}`,
				decline: false,
			};
			const stateValue = req.query.state ?? '';
			const params: Record<string, string> = visitor.decline
				? { state: stateValue }
				: { code: state.issueCode(account.appId, visitor.openid, scope), state: stateValue };
			return {
				kind: 'binary',
				status: 302,
				contentType: 'text/html; charset=utf-8',
				headers: { Location: withQuery(target.toString(), params) },
				body: Buffer.alloc(0),
			};
		},
	};
}

/** appid and secret as the code exchange checks them: 41002, 41004, 40013, 40125. */
function appOf(ctx: OaContext, req: ApiRequest, withSecret: boolean): OaAccount | ApiReply {
	const { appid, secret } = req.query;
	if (!nonEmptyString(appid)) return refuse(violation(OaErrcode.missingAppId));
	if (withSecret && !nonEmptyString(secret)) return refuse(violation(OaErrcode.missingSecret));
	const account = ctx.accounts.get(appid);
	if (account === undefined) return refuse(violation(OaErrcode.invalidAppId));
	if (withSecret && account.appSecret !== secret) return refuse(violation(OaErrcode.invalidAppSecret));
	return account;
}

function isReply(value: OaAccount | ApiReply): value is ApiReply {
	return 'kind' in value;
}

function tokenAnswer(
	state: OaOAuthState,
	clock: Clock,
	grant: Omit<Grant, 'expiresAt'>,
	refreshToken: string,
): ApiReply {
	const accessToken = randomId(48);
	state.tokens.set(accessToken, { ...grant, expiresAt: clock.now() + USER_TOKEN_TTL_SECONDS * 1000 });
	const answer: JsonObject = {
		access_token: accessToken,
		expires_in: USER_TOKEN_TTL_SECONDS,
		refresh_token: refreshToken,
		openid: grant.openid,
		scope: grant.scope,
	};
	// "unionid…只有当scope为snsapi_userinfo时返回".
	if (grant.scope === 'snsapi_userinfo') answer.unionid = unionidOf(grant.openid);
	return oaBare(answer);
}

/** A user token valid for `openid`, or the errcode WeChat answers: 41009 no openid, 40001 unknown, 42001 expired, 40003 other user. */
function userGrant(ctx: OaContext, state: OaOAuthState, req: ApiRequest): Grant | ApiReply {
	const { access_token: token, openid } = req.query;
	if (!nonEmptyString(token)) return refuse(violation(OaErrcode.missingAccessToken));
	if (!nonEmptyString(openid)) return refuse(violation(OaErrcode.missingOpenid));
	const grant = state.tokens.get(token);
	if (grant === undefined) return refuse(violation(OaErrcode.invalidCredential));
	if (ctx.clock.now() >= grant.expiresAt) return refuse(violation(OaErrcode.accessTokenExpired));
	if (grant.openid !== openid) return refuse(violation(OaErrcode.invalidOpenid));
	return grant;
}

function isGrant(value: Grant | ApiReply): value is Grant {
	return 'openid' in value;
}

function snsRoute(ctx: OaContext, path: string, handle: (req: ApiRequest) => ApiReply): PublicRoute {
	return { method: 'GET', path, platform: ctx.platform, auth: 'none', handle };
}

export function oauthRoutes(ctx: OaContext, state: OaOAuthState): PublicRoute[] {
	return [
		authorizeRoute(ctx, state),
		snsRoute(ctx, '/sns/oauth2/access_token', (req) => {
			if (req.query.grant_type !== 'authorization_code') return refuse(violation(OaErrcode.invalidGrantType));
			const account = appOf(ctx, req, true);
			if (isReply(account)) return account;
			const { code } = req.query;
			if (!nonEmptyString(code)) return refuse(violation(OaErrcode.missingCode));
			const issued = state.codes.get(code);
			if (issued === undefined || issued.appId !== account.appId || ctx.clock.now() >= issued.expiresAt)
				return refuse(violation(OaErrcode.invalidCode));
			if (issued.used) return refuse(violation(OaErrcode.codeUsed));
			issued.used = true;
			const refreshToken = randomId(48);
			const grant = { appId: account.appId, openid: issued.openid, scope: issued.scope };
			state.refreshTokens.set(refreshToken, { ...grant, expiresAt: ctx.clock.now() + REFRESH_TOKEN_TTL_MS });
			return tokenAnswer(state, ctx.clock, grant, refreshToken);
		}),
		snsRoute(ctx, '/sns/oauth2/refresh_token', (req) => {
			if (req.query.grant_type !== 'refresh_token') return refuse(violation(OaErrcode.invalidGrantType));
			const account = appOf(ctx, req, false);
			if (isReply(account)) return account;
			const refreshToken = req.query.refresh_token;
			const grant = nonEmptyString(refreshToken) ? state.refreshTokens.get(refreshToken) : undefined;
			if (grant === undefined || grant.appId !== account.appId) return refuse(violation(OaErrcode.invalidRefreshToken));
			if (ctx.clock.now() >= grant.expiresAt) return refuse(violation(OaErrcode.refreshTokenExpired));
			return tokenAnswer(state, ctx.clock, grant, String(refreshToken));
		}),
		snsRoute(ctx, '/sns/userinfo', (req) => {
			const grant = userGrant(ctx, state, req);
			if (!isGrant(grant)) return grant;
			if (grant.scope !== 'snsapi_userinfo')
				return refuse(violation(OaErrcode.apiUnauthorized, 'scope is snsapi_base'));
			return oaBare({
				openid: grant.openid,
				nickname: `用户${grant.openid.slice(-4)}`,
				// Since WeChat's 2021 privacy change these come back empty.
				sex: 0,
				province: '',
				city: '',
				country: '',
				headimgurl: `https://thirdwx.qlogo.cn/mmopen/vi_32/${unionidOf(grant.openid)}/132`,
				privilege: [],
				unionid: unionidOf(grant.openid),
			});
		}),
		snsRoute(ctx, '/sns/auth', (req) => {
			const grant = userGrant(ctx, state, req);
			return isGrant(grant) ? oaOk() : grant;
		}),
	];
}
