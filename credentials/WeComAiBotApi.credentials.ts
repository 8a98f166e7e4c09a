import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';
import { callbackSecretProperties, proxyProperty } from '../nodes/shared/descriptions/credentialFields';

/**
 * One WeCom AI bot (智能机器人), for either way WeCom talks to it: the callback URL (Token + EncodingAESKey) or the
 * long connection (长连接: Secret, WebSocket URL). There is no API base URL: callback-mode calls go to the absolute
 * `response_url` WeCom puts in each message. The test button is the nodes' `testedBy` check
 * (nodes/shared/aibot/credentialTest.ts): with a Secret it opens the long connection, subscribes and closes; without
 * one, callback mode has no WeCom endpoint that could check a Token or an EncodingAESKey, so it checks the key's shape.
 */
export class WeComAiBotApi implements ICredentialType {
	name = 'weComAiBotApi';

	displayName = 'WeCom AI Bot (智能机器人) API';

	icon: Icon = { light: 'file:../icons/wecom.svg', dark: 'file:../icons/wecom.dark.svg' };

	documentationUrl = 'https://developer.work.weixin.qq.com/document/path/100719';

	properties: INodeProperties[] = [
		{
			displayName: 'Bot ID',
			name: 'botId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'aibAbCdEfGh0123456789',
			description:
				"The bot's ID (Bot ID, the aibotid of its messages), shown on the bot's page in the WeCom admin console (智能机器人 → your bot); messages for another bot are refused",
		},
		...callbackSecretProperties(
			"Callback-URL mode only: the Token from the bot's API mode settings (API模式 → 接收消息 → Token)",
			"Callback-URL mode only: the 43-character EncodingAESKey from the bot's API mode settings (API模式 → 接收消息 → EncodingAESKey)",
		),
		{
			displayName: 'Bot Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description:
				"Long connection only (长连接): the bot's Secret from API模式 → 长连接 in the admin console (智能机器人 → your bot); empty for callback-URL mode",
		},
		{
			displayName: 'WebSocket URL',
			name: 'wsUrl',
			type: 'string',
			default: 'wss://openws.work.weixin.qq.com',
			description: "Long connection only: WeCom's long-connection endpoint; change it only for a test server",
		},
		proxyProperty(
			'An HTTP(S) proxy that replies through response_url, media downloads and the long connection go through; empty for a direct connection',
		),
	];
}
