import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { callbackSecretProperties, connectionProperties } from '../nodes/shared/descriptions/credentialFields';

/**
 * One WeChat Official Account (公众号). Tokens come from stable_token and are cached by the nodes
 * (memory + sealed workflow static data), so n8n never knocks out the token another system of the same
 * account holds.
 */
export class WeChatOaApi implements ICredentialType {
	name = 'weChatOaApi';

	displayName = 'WeChat Official Account (公众号) API';

	icon: Icon = { light: 'file:../icons/wechat.svg', dark: 'file:../icons/wechat.dark.svg' };

	documentationUrl = 'https://developers.weixin.qq.com/doc/offiaccount/Basic_Information/Get_access_token.html';

	properties: INodeProperties[] = [
		{
			displayName: 'App ID',
			name: 'appId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'wx0123456789abcdef',
			description: 'The AppID (开发者ID): 公众平台 → 设置与开发 → 基本配置',
		},
		{
			displayName: 'App Secret',
			name: 'appSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'The AppSecret (开发者密码), next to the AppID; resetting it there invalidates the old one',
		},
		...callbackSecretProperties(
			'Only for the WeChat OA Trigger: the Token from 设置与开发 → 基本配置 → 服务器配置',
			'Only for the WeChat OA Trigger in compatible or safe mode: the 43-character EncodingAESKey from 服务器配置',
		),
		...connectionProperties(
			'https://api.weixin.qq.com',
			'Change only to call WeChat through a relay whose IP is in the IP whitelist (IP白名单, errcode 40164); for a proxy, use Proxy URL below',
			'An HTTP(S) proxy with a whitelisted IP that every call goes through; empty for a direct connection',
		),
		// Hosts WeChat serves beside the API host, never through the relay above: the authorize page opens in the
		// user's browser, and QR images need no whitelisted IP. Change them only to point at a stand-in for WeChat (tests, demos).
		{
			displayName: 'Web Authorisation Base URL',
			name: 'authorizeBaseUrl',
			type: 'string',
			default: 'https://open.weixin.qq.com',
			description:
				'Where WeChat OA → Web Authorisation sends users to consent (网页授权, /connect/oauth2/authorize); keep the default unless your setup serves that page from another host',
		},
		{
			displayName: 'QR Code Image Base URL',
			name: 'qrImageBaseUrl',
			type: 'string',
			default: 'https://mp.weixin.qq.com',
			description:
				'Where WeChat OA → QR Code downloads code images (二维码, /cgi-bin/showqrcode?ticket=): a different host from the API, reached through the Proxy URL if one is set; keep the default unless your setup serves the images from another host',
		},
	];

	authenticate: IAuthenticateGeneric = { type: 'generic', properties: {} };

	/** stable_token in normal mode: testing the credential never invalidates a token in use elsewhere. */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ $credentials.baseUrl ? $credentials.baseUrl.replace(/\\/+$/, "") : "https://api.weixin.qq.com" }}',
			url: '/cgi-bin/stable_token',
			method: 'POST',
			body: {
				grant_type: 'client_credential',
				appid: '={{ $credentials.appId }}',
				secret: '={{ $credentials.appSecret }}',
				force_refresh: false,
			},
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errcode',
					value: 40013,
					message: 'Wrong App ID (errcode 40013): copy the AppID from 设置与开发 → 基本配置.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errcode',
					value: 40125,
					message: 'Wrong App Secret (errcode 40125): copy or reset the AppSecret in 设置与开发 → 基本配置.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errcode',
					value: 40001,
					message: 'Wrong App Secret (errcode 40001): copy or reset the AppSecret in 设置与开发 → 基本配置.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errcode',
					value: 40164,
					message:
						"This server's IP is not in the IP whitelist (errcode 40164): add it under 设置与开发 → 基本配置 → IP白名单, or set API Base URL / Proxy URL to a relay that is whitelisted.",
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errcode',
					value: 40243,
					message: 'The App Secret is frozen (errcode 40243): unfreeze or reset it in 设置与开发 → 基本配置.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errcode',
					value: 89503,
					message:
						"This server's IP waits for the admin's confirmation (errcode 89503): confirm it in the Official Account console.",
				},
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'errcode', value: -1, message: 'WeChat is busy (errcode -1): test again in a moment.' },
			},
		],
	};
}
