import type { INodeType, INodeTypeDescription, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';
import { aiBotCredentialTest } from '../shared/aibot/credentialTest';
import { startSocketTrigger } from '../shared/aibot/socketTrigger';
import { aiBotSubtitle, aiBotTriggerBase, aiBotTriggerProperties } from '../shared/aibot/triggerProperties';

/**
 * The WeCom AI bot over the long connection (长连接): no public URL and no webhook; the trigger holds one
 * WebSocket per bot while the workflow is active (or while the editor waits for a test event). Same items and the
 * same reply node as the callback-URL WeCom AI Bot Trigger.
 */
export class WeComAiBotLongConnectionTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeCom AI Bot Long Connection Trigger',
		name: 'weComAiBotLongConnectionTrigger',
		icon: { light: 'file:../../icons/wecom.svg', dark: 'file:../../icons/wecom.dark.svg' },
		subtitle: aiBotSubtitle,
		...aiBotTriggerBase,
		description:
			'Starts the workflow when someone talks to a WeCom AI bot (企业微信智能机器人), over the long connection (长连接): no public URL needed',
		defaults: { name: 'WeCom AI Bot Long Connection Trigger' },
		properties: aiBotTriggerProperties(
			"Choose 长连接 in the bot's API mode settings (智能机器人 → your bot → API模式) and put its Secret in the credential's Bot Secret, then activate the workflow. WeCom keeps one connection per bot: another n8n or program connected with the same bot throws this one out.",
		),
	};

	methods = { credentialTest: aiBotCredentialTest };

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		return await startSocketTrigger(this);
	}
}
