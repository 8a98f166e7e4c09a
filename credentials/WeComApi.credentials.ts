import type {
	IAuthenticateGeneric,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { callbackSecretProperties, connectionProperties } from '../nodes/shared/descriptions/credentialFields';

/**
 * One WeCom self-built app (自建应用). The access token is not stored here: the nodes cache it themselves
 * (memory + sealed workflow static data) and refresh it on WeCom's token-invalid errcodes, which arrive as
 * HTTP 200 and so never trigger n8n's own 401-based refresh.
 */
export class WeComApi implements ICredentialType {
	name = 'weComApi';

	displayName = 'WeCom (企业微信应用) API';

	icon: Icon = { light: 'file:../icons/wecom.svg', dark: 'file:../icons/wecom.dark.svg' };

	documentationUrl = 'https://developer.work.weixin.qq.com/document/path/90665';

	properties: INodeProperties[] = [
		{
			displayName: 'Corp ID',
			name: 'corpId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'ww0123456789abcdef',
			description: 'Your company ID (企业ID): admin console → 我的企业 → 企业信息, at the bottom',
		},
		{
			displayName: 'Corp Secret',
			name: 'corpSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: "The app's Secret: 应用管理 → your self-built app → Secret (每个应用的Secret不同)",
		},
		{
			displayName: 'Agent ID',
			name: 'agentId',
			type: 'string',
			default: '',
			required: true,
			placeholder: '1000002',
			description: "The app's AgentId, shown next to its Secret (数字)",
		},
		...callbackSecretProperties(
			'Only for the WeCom Trigger: the Token from 接收消息 → 设置API接收',
			'Only for the WeCom Trigger: the 43-character EncodingAESKey from 接收消息 → 设置API接收',
		),
		...connectionProperties(
			'https://qyapi.weixin.qq.com',
			"Change only to call WeCom through a relay whose IP is in the app's trusted IPs (企业可信IP, errcode 60020); for a proxy, use Proxy URL below",
			'An HTTP(S) proxy with a trusted IP that every WeCom call goes through; empty for a direct connection',
		),
	];

	// Nothing is added to requests by n8n itself: the nodes attach the cached access token.
	authenticate: IAuthenticateGeneric = { type: 'generic', properties: {} };

	/**
	 * gettoken answers HTTP 200 with an errcode, so each failure errcode gets a rule with its meaning and fix.
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL:
				'={{ $credentials.baseUrl ? $credentials.baseUrl.replace(/\\/+$/, "") : "https://qyapi.weixin.qq.com" }}',
			url: '/cgi-bin/gettoken',
			qs: { corpid: '={{ $credentials.corpId }}', corpsecret: '={{ $credentials.corpSecret }}' },
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errcode',
					value: 40013,
					message: 'Wrong Corp ID (errcode 40013): copy 企业ID from 我的企业 → 企业信息.',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errcode',
					value: 40001,
					message: "Wrong Corp Secret (errcode 40001): copy the app's Secret again from 应用管理 → your app.",
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errcode',
					value: 40091,
					message: "Invalid Corp Secret (errcode 40091): copy the app's Secret again from 应用管理 → your app.",
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'errcode',
					value: 60020,
					message:
						"This server's IP is not a trusted IP of the app (errcode 60020): add it under 应用管理 → your app → 企业可信IP, or set API Base URL / Proxy URL to a relay that has one.",
				},
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'errcode', value: 41002, message: 'Corp ID is missing (errcode 41002).' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'errcode', value: 41004, message: 'Corp Secret is missing (errcode 41004).' },
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'errcode', value: -1, message: 'WeCom is busy (errcode -1): test again in a moment.' },
			},
		],
	};
}
