/** Reads the weChatOaApi credential for a node run and builds its client: one place checks the fields. */
import type { IDataObject } from 'n8n-workflow';
import { oaClient } from '../transport/oa';
import type { TokenClient } from '../transport/client';
import type { StaticDataBag } from '../transport/token';
import { FieldError } from '../execution/errors';

/** Works from execute() and from loadOptions (which has no static data: memory caching only). */
export function oaClientFromCredentials(credentials: IDataObject, staticData?: StaticDataBag): TokenClient {
	const appId = String(credentials.appId ?? '').trim();
	const appSecret = String(credentials.appSecret ?? '').trim();
	if (!appId) throw new FieldError('App ID (credential)', 'is empty', 'Fill in the AppID from 设置与开发 → 基本配置.');
	if (!appSecret)
		throw new FieldError('App Secret (credential)', 'is empty', 'Fill in the AppSecret from 设置与开发 → 基本配置.');
	return oaClient(
		{ appId, appSecret, baseUrl: String(credentials.baseUrl ?? ''), proxyUrl: String(credentials.proxyUrl ?? '') },
		staticData,
	);
}
