import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { handleAiBotCallback } from '../shared/aibot/webhook';
import { aiBotCredentialTest } from '../shared/aibot/credentialTest';
import { manualWebhookMethods, timestampWindowOption } from '../shared/webhook/triggerProperties';
import { aiBotSubtitle, aiBotTriggerBase, aiBotTriggerProperties } from '../shared/aibot/triggerProperties';

/**
 * Callback-URL mode only. The long connection is its own node (WeComAiBotLongConnectionTrigger): n8n's engine runs
 * a start node that has a trigger() as a trigger in a test run, even when a test webhook started the run, so a
 * node with both would wait for an emit that never comes whenever the editor listens for a test callback.
 */
export class WeComAiBotTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeCom AI Bot Trigger',
		name: 'weComAiBotTrigger',
		icon: { light: 'file:../../icons/wecom.svg', dark: 'file:../../icons/wecom.dark.svg' },
		subtitle: aiBotSubtitle,
		...aiBotTriggerBase,
		description:
			'Starts the workflow when someone talks to a WeCom AI bot (企业微信智能机器人) in a one-to-one or group chat, or opens its chat',
		defaults: { name: 'WeCom AI Bot Trigger' },
		webhooks: [
			{ name: 'setup', httpMethod: 'GET', path: 'callback', responseMode: 'onReceived' },
			{
				name: 'default',
				httpMethod: 'POST',
				path: 'callback',
				// A welcome or card update is the HTTP answer, sent by the reply node later in the run.
				responseMode: '={{ $parameter["reply"] === "replyNode" ? "responseNode" : "onReceived" }}',
			},
		],
		properties: aiBotTriggerProperties(
			"Paste this node's Production URL into the bot's API mode settings (智能机器人 → your bot → API模式 → 接收消息 URL), with the Token and EncodingAESKey of the credential. Activate the workflow first: WeCom checks the URL when you save it. No public URL? Use the WeCom AI Bot Long Connection Trigger (长连接).",
			[timestampWindowOption],
		),
	};

	methods = { credentialTest: aiBotCredentialTest };

	webhookMethods = manualWebhookMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleAiBotCallback(this);
	}
}
