/**
 * Web authorisation (网页授权, OAuth 2.0) of an Official Account. These calls never use the app's cached
 * access_token: the code exchange and refresh authenticate with appid + secret, the user calls with the user's
 * own OAuth token, which is never cached (it belongs to one user and one run).
 */
import type { IDataObject } from 'n8n-workflow';
import { callWithoutToken, type JsonObject, type TokenClient } from '../transport/client';
import { WeChatApiError, type ErrcodeInfo } from '../transport/errors';

export type OAuthScope = 'snsapi_base' | 'snsapi_userinfo';

export const DEFAULT_AUTHORIZE_BASE_URL = 'https://open.weixin.qq.com';

export interface AuthorizeUrlInput {
	authorizeBaseUrl: string;
	appId: string;
	redirectUri: string;
	scope: OAuthScope;
	state: string;
}

/** WeChat's consent page; `#wechat_redirect` is required by WeChat (without it the page may not open). */
export function authorizeUrl(input: AuthorizeUrlInput): string {
	const query = new URLSearchParams({
		appid: input.appId,
		redirect_uri: input.redirectUri,
		response_type: 'code',
		scope: input.scope,
		state: input.state,
	});
	const base = input.authorizeBaseUrl.trim().replace(/\/+$/, '') || DEFAULT_AUTHORIZE_BASE_URL;
	return `${base}/connect/oauth2/authorize?${query.toString()}#wechat_redirect`;
}

const USER_TOKEN_HINT =
	"The user's web-authorisation token is invalid or expired (2 hours): use Refresh with the refresh_token, or send the user through Build Authorize URL again.";

/** The same errcodes mean something else when the token is the user's: nothing refreshes it by itself. */
const USER_TOKEN_ERRCODES: Record<number, ErrcodeInfo> = {
	40001: { en: 'invalid user OAuth access_token', zh: '网页授权access_token无效', hint: USER_TOKEN_HINT },
	40014: { en: 'invalid user OAuth access_token', zh: '不合法的网页授权access_token', hint: USER_TOKEN_HINT },
	42001: { en: 'user OAuth access_token expired', zh: '网页授权access_token超时', hint: USER_TOKEN_HINT },
	42007: {
		en: "the user's OAuth tokens were revoked (password changed or authorisation withdrawn)",
		zh: '用户修改微信密码，access_token和refresh_token失效',
		hint: 'Send the user through Build Authorize URL again.',
	},
};

async function snsCall(
	client: TokenClient,
	path: string,
	query: Record<string, string>,
	userToken: boolean,
): Promise<JsonObject> {
	try {
		return await callWithoutToken('oa', client.connection, { method: 'GET', path, query, kind: 'read' });
	} catch (error) {
		const known = userToken && error instanceof WeChatApiError ? USER_TOKEN_ERRCODES[error.errcode] : undefined;
		if (!known || !(error instanceof WeChatApiError)) throw error;
		throw new WeChatApiError('oa', error.api, error.errcode, error.errmsg, error.details, known);
	}
}

/**
 * code → the user's token and openid. A code works once (40163 after) and for 5 minutes, so a lost answer is
 * never replayed: `callWithoutToken` retries only what certainly did not reach WeChat for a write.
 */
export async function exchangeCode(client: TokenClient, code: string): Promise<JsonObject> {
	return await callWithoutToken('oa', client.connection, {
		method: 'GET',
		path: '/sns/oauth2/access_token',
		query: { appid: client.source.id, secret: client.source.secret, code, grant_type: 'authorization_code' },
		kind: 'write',
	});
}

export async function refreshUserToken(client: TokenClient, refreshToken: string): Promise<JsonObject> {
	return await snsCall(
		client,
		'/sns/oauth2/refresh_token',
		{ appid: client.source.id, grant_type: 'refresh_token', refresh_token: refreshToken },
		false,
	);
}

export async function userInfo(
	client: TokenClient,
	accessToken: string,
	openid: string,
	lang: string,
): Promise<JsonObject> {
	return await snsCall(client, '/sns/userinfo', { access_token: accessToken, openid, lang }, true);
}

/** The errcodes sns/auth answers for a token that is simply not (or no longer) valid for this openid. */
const NOT_VALID = new Set([40001, 40003, 40014, 42001, 42007]);

export interface TokenCheck extends IDataObject {
	valid: boolean;
	errcode: number;
	errmsg: string;
}

/** sns/auth: a token that is not valid is an answer, not a failure; other errcodes (busy, IP) still throw. */
export async function checkUserToken(client: TokenClient, accessToken: string, openid: string): Promise<TokenCheck> {
	try {
		const answer = await snsCall(client, '/sns/auth', { access_token: accessToken, openid }, true);
		return { valid: true, errcode: 0, errmsg: String(answer.errmsg ?? 'ok') };
	} catch (error) {
		if (error instanceof WeChatApiError && NOT_VALID.has(error.errcode)) {
			return { valid: false, errcode: error.errcode, errmsg: error.errmsg };
		}
		throw error;
	}
}
