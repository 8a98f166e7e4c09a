import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { handleCallback } from '../shared/webhook/handleCallback';
import { callbackTriggerProperties, callbackWebhooks, manualWebhookMethods } from '../shared/webhook/triggerProperties';
import { triggerOnOptions } from '../shared/webhook/filters';

const MESSAGE_TYPES = ['text', 'image', 'voice', 'video', 'location', 'link'];
const EVENTS: Array<[string, string]> = [
	['subscribe', '关注应用'],
	['unsubscribe', '取消关注'],
	['enter_agent', '进入应用'],
	['LOCATION', '上报地理位置'],
	['click', '菜单点击'],
	['view', '菜单跳转'],
	['scancode_push', ''],
	['scancode_waitmsg', ''],
	['pic_sysphoto', ''],
	['pic_photo_or_album', ''],
	['pic_weixin', ''],
	['location_select', ''],
	['template_card_event', '模板卡片点击'],
	['template_card_menu_event', ''],
	['taskcard_click', ''],
	['change_contact', '通讯录变更'],
	['batch_job_result', '异步任务完成'],
	['open_approval_change', '审批状态变化'],
	['sys_approval_change', ''],
	['change_external_contact', '客户变更'],
	['change_external_chat', '客户群变更'],
	['change_external_tag', ''],
	['kf_msg_or_event', '微信客服'],
	['share_agent_change', ''],
	['close_inactive_agent', ''],
	['reopen_inactive_agent', ''],
];

export class WeComTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeCom Trigger',
		name: 'weComTrigger',
		icon: { light: 'file:../../icons/wecom.svg', dark: 'file:../../icons/wecom.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["reply"] === "replyNode" ? "passive reply" : "answers success" }}',
		description:
			'Starts the workflow on messages and events sent to a WeCom (企业微信) app: change_contact, enter_agent, template card clicks and more',
		defaults: { name: 'WeCom Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'weComApi', required: true }],
		webhooks: callbackWebhooks(),
		properties: callbackTriggerProperties(
			'wecom',
			triggerOnOptions(MESSAGE_TYPES, EVENTS),
			'WeCom Send (Callback Reply)',
			'应用管理 → your app → 接收消息 → 设置API接收 (URL)',
		),
	};

	webhookMethods = manualWebhookMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleCallback(this, {
			platform: 'wecom',
			credentialType: 'weComApi',
			receiveIdField: 'corpId',
			label: 'WeCom Trigger',
		});
	}
}
