/**
 * WeChat Official Accounts (api.weixin.qq.com). Tokens come from stable_token in normal mode, which hands
 * every caller the same token and never knocks out the account's other integrations the way /cgi-bin/token
 * does. force_refresh is used only when the token WeChat just refused comes back again, and at most once per
 * 30 s per account (WeChat ignores faster forced refreshes and allows 20 a day).
 */
import { callWithoutToken, trimBaseUrl, type TokenClient } from './client';
import type { StaticDataBag } from './token';
import { cacheKey } from './token';
import { registerProcessState } from '../testSeam';

const OA_DEFAULT_BASE_URL = 'https://api.weixin.qq.com';
const FORCE_REFRESH_INTERVAL_MS = 30_000;

export interface OaCredentials {
	appId: string;
	appSecret: string;
	baseUrl?: string;
	proxyUrl?: string;
}

/** Last forced refresh per account (cache key), process-wide. */
const lastForced = new Map<string, number>();
registerProcessState(() => lastForced.clear());

export function oaClient(credentials: OaCredentials, staticData?: StaticDataBag): TokenClient {
	const connection = {
		baseUrl: trimBaseUrl(credentials.baseUrl || OA_DEFAULT_BASE_URL),
		proxyUrl: credentials.proxyUrl || undefined,
	};
	const source = {
		platform: 'oa' as const,
		baseUrl: connection.baseUrl,
		id: credentials.appId,
		secret: credentials.appSecret,
	};
	const stableToken = async (forceRefresh: boolean) => {
		const call = {
			method: 'POST' as const,
			path: '/cgi-bin/stable_token',
			json: {
				grant_type: 'client_credential',
				appid: credentials.appId,
				secret: credentials.appSecret,
				force_refresh: forceRefresh,
			},
			kind: 'read' as const,
			requires: 'access_token',
		};
		const body = await callWithoutToken('oa', connection, call);
		return { accessToken: String(body.access_token), expiresInSeconds: Number(body.expires_in) || 7200 };
	};
	return {
		platform: 'oa',
		connection,
		source,
		staticData,
		fetchToken: async (rejected) => {
			const fetched = await stableToken(false);
			if (!rejected || fetched.accessToken !== rejected) return fetched;
			const key = cacheKey(source);
			const now = Date.now();
			if (now - (lastForced.get(key) ?? 0) < FORCE_REFRESH_INTERVAL_MS) return fetched;
			lastForced.set(key, now);
			return await stableToken(true);
		},
	};
}
