import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';
import { callbackSecretProperties, proxyProperty } from '../nodes/shared/descriptions/credentialFields';

/**
 * One WeCom AI bot (智能机器人) in callback-URL mode. There is no API base URL: every call the nodes make goes to
 * the absolute `response_url` WeCom puts in each message. The test button is the nodes' `testedBy` check
 * (nodes/shared/aibot/credentialTest.ts): callback mode has no WeCom endpoint that could check a Token or an
 * EncodingAESKey, so the check is the key's shape, made without any request.
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
			"The Token from the bot's API mode settings (API模式 → 接收消息 → Token)",
			"The 43-character EncodingAESKey from the bot's API mode settings (API模式 → 接收消息 → EncodingAESKey)",
		),
		proxyProperty(
			'An HTTP(S) proxy that replies through response_url and media downloads go through; empty for a direct connection',
		),
	];
}
