import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { handleCallback } from '../shared/webhook/handleCallback';
import { callbackTriggerProperties, callbackWebhooks, manualWebhookMethods } from '../shared/webhook/triggerProperties';
import { triggerOnOptions } from '../shared/webhook/filters';

const MESSAGE_TYPES = ['text', 'image', 'voice', 'video', 'shortvideo', 'location', 'link'];
const EVENTS: Array<[string, string]> = [
	['subscribe', '关注'],
	['unsubscribe', '取消关注'],
	['SCAN', '扫码'],
	['LOCATION', '上报地理位置'],
	['CLICK', '菜单点击'],
	['VIEW', '菜单跳转'],
	['view_miniprogram', '菜单打开小程序'],
	['scancode_push', ''],
	['scancode_waitmsg', ''],
	['pic_sysphoto', ''],
	['pic_photo_or_album', ''],
	['pic_weixin', ''],
	['location_select', ''],
	['TEMPLATESENDJOBFINISH', '模板消息送达'],
	['MASSSENDJOBFINISH', '群发结果'],
	['PUBLISHJOBFINISH', '发布结果'],
	['subscribe_msg_popup_event', ''],
	['subscribe_msg_change_event', ''],
	['subscribe_msg_sent_event', ''],
	['user_info_modified', ''],
	['user_authorization_revoke', ''],
	['kf_create_session', ''],
	['kf_close_session', ''],
	['kf_switch_session', ''],
];

export class WeChatOaTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeChat OA Trigger',
		name: 'weChatOaTrigger',
		icon: { light: 'file:../../icons/wechat.svg', dark: 'file:../../icons/wechat.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["reply"] === "replyNode" ? "passive reply" : "answers success" }}',
		description:
			'Starts the workflow on WeChat Official Account (公众号) messages and events, in plaintext, compatible or safe mode',
		defaults: { name: 'WeChat OA Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'weChatOaApi', required: true }],
		webhooks: callbackWebhooks(),
		properties: callbackTriggerProperties(
			'oa',
			triggerOnOptions(MESSAGE_TYPES, EVENTS),
			'WeChat OA Reply',
			'公众平台 → 设置与开发 → 基本配置 → 服务器配置 (URL)',
		),
	};

	webhookMethods = manualWebhookMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleCallback(this, {
			platform: 'oa',
			credentialType: 'weChatOaApi',
			receiveIdField: 'appId',
			label: 'WeChat OA Trigger',
		});
	}
}
