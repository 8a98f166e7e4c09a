import type { INodeType, INodeTypeDescription, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { handleCallback } from '../shared/webhook/handleCallback';
import { callbackWebhooks, manualWebhookMethods, timestampWindowOption } from '../shared/webhook/triggerProperties';
import { maxDownloadSizeOption } from '../shared/execution/download';
import { collectKfMessages } from './collect';

const EVENTS: Array<[string, string, string]> = [
	['enter_session', 'Customer Enters Session', '用户进入会话事件: carries welcome_code for Send on Event'],
	['msg_send_fail', 'Message Send Failed', '消息发送失败事件'],
	['servicer_status_change', 'Servicer Status Changed', '接待人员接待状态变更事件'],
	['session_status_change', 'Session Status Changed', '会话状态变更事件'],
	['user_recall_msg', 'Customer Recalled a Message', '用户撤回消息事件'],
	['servicer_recall_msg', 'Servicer Recalled a Message', '接待人员撤回消息事件'],
	['reject_customer_msg_switch_change', 'Reject Setting Changed', '拒收客户消息变更事件'],
];

export class WeComKfTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeCom Customer Service Trigger',
		name: 'weComKfTrigger',
		icon: { light: 'file:../../icons/wecom.svg', dark: 'file:../../icons/wecom.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ ($parameter["emit"] || []).join(", ") }}',
		description:
			'Starts the workflow on messages WeChat users send to WeChat Customer Service (微信客服) of a WeCom (企业微信) company',
		defaults: { name: 'WeCom Customer Service Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'weComApi', required: true }],
		webhooks: callbackWebhooks().map((webhook) => ({ ...webhook, responseMode: 'onReceived' })),
		properties: [
			{
				displayName:
					"Paste this node's Production URL into 应用管理 → the app set in 微信客服 → API → 可调用接口的应用 → 接收消息 → 设置API接收, with the credential's Token and EncodingAESKey. Activate the workflow first. Each kf_msg_or_event is answered at once; the new messages are then read with sync_msg and each one is an item of the run.",
				name: 'setupNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Emit',
				name: 'emit',
				type: 'multiOptions',
				options: [
					{ name: 'Customer Messages', value: 'customer', description: 'What WeChat users send (origin 3)' },
					{
						name: 'Servicer Messages',
						value: 'servicer',
						description: 'What servicers (接待人员) send from the WeCom client (origin 5)',
					},
					...EVENTS.map(([type, name, description]) => ({
						name: `Event: ${name}`,
						value: `event:${type}`,
						description,
					})),
				],
				default: ['customer'],
				description: 'Which messages and events become items; others are read and skipped',
			},
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					{
						displayName: 'Download Media',
						name: 'downloadMedia',
						type: 'boolean',
						default: false,
						description:
							'Whether to download images, voice, video and files (media/get) into a binary property of the item',
					},
					{
						displayName: 'Binary Property',
						name: 'binaryPropertyName',
						type: 'string',
						default: 'data',
						description: 'Where downloaded media go',
					},
					maxDownloadSizeOption,
					{
						displayName: 'Emit Backlog on First Pull',
						name: 'emitBacklog',
						type: 'boolean',
						default: false,
						description:
							'Whether the very first pull emits everything WeCom still keeps (up to 3 days). Off: only messages of the last 10 minutes; older ones are marked read.',
					},
					timestampWindowOption,
				],
			},
		],
	};

	webhookMethods = manualWebhookMethods;

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleCallback(this, {
			platform: 'wecom',
			credentialType: 'weComApi',
			receiveIdField: 'corpId',
			label: 'WeCom Customer Service Trigger',
			collect: collectKfMessages,
		});
	}
}
