/** WeCom (qyapi.weixin.qq.com): how a token is fetched, and the client every WeCom operation calls through. */
import { callWithoutToken, trimBaseUrl, type TokenClient } from './client';
import type { StaticDataBag } from './token';

export const WECOM_DEFAULT_BASE_URL = 'https://qyapi.weixin.qq.com';

export interface WeComAppCredentials {
	corpId: string;
	corpSecret: string;
	baseUrl?: string;
	proxyUrl?: string;
}

export function weComClient(credentials: WeComAppCredentials, staticData?: StaticDataBag): TokenClient {
	const connection = {
		baseUrl: trimBaseUrl(credentials.baseUrl || WECOM_DEFAULT_BASE_URL),
		proxyUrl: credentials.proxyUrl || undefined,
	};
	return {
		platform: 'wecom',
		connection,
		source: { platform: 'wecom', baseUrl: connection.baseUrl, id: credentials.corpId, secret: credentials.corpSecret },
		staticData,
		fetchToken: async () => {
			const call = {
				method: 'GET' as const,
				path: '/cgi-bin/gettoken',
				query: { corpid: credentials.corpId, corpsecret: credentials.corpSecret },
				kind: 'read' as const,
			requires: 'access_token',
			};
			const body = await callWithoutToken('wecom', connection, call);
			return { accessToken: String(body.access_token), expiresInSeconds: Number(body.expires_in) || 7200 };
		},
	};
}
