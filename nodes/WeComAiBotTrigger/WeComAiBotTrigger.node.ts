import type {
	INodeType,
	INodeTypeDescription,
	ITriggerFunctions,
	ITriggerResponse,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { handleAiBotCallback } from '../shared/aibot/webhook';
import { startSocketTrigger } from '../shared/aibot/socketTrigger';
import { aiBotCredentialTest } from '../shared/aibot/credentialTest';
import { manualWebhookMethods, timestampWindowOption } from '../shared/webhook/triggerProperties';
import { triggerOnOptions } from '../shared/webhook/filters';

const MESSAGE_TYPES = ['text', 'image', 'mixed', 'voice', 'file'];
/**
 * One node for both connections. Its webhooks exist only in Callback URL mode: their httpMethod is empty in
 * Long Connection mode, and n8n registers no webhook for an empty method (so activation, the test listener and
 * the editor's URL panel have none), while trigger() opens the connection only in Long Connection mode.
 */
const ONLY_CALLBACK = (method: string) => `={{ $parameter["connection"] === "longConnection" ? "" : "${method}" }}`;
const HIDE_IN_SOCKET_MODE = '={{ $parameter["connection"] === "longConnection" }}';

const EVENTS: Array<[string, string]> = [
	['enter_chat', '进入会话'],
	['template_card_event', '模板卡片事件'],
	['feedback_event', '用户反馈'],
];

export class WeComAiBotTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeCom AI Bot Trigger',
		name: 'weComAiBotTrigger',
		icon: { light: 'file:../../icons/wecom.svg', dark: 'file:../../icons/wecom.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["reply"] === "replyNode" ? "streamed reply" : "no reply" }}',
		description:
			'Starts the workflow when someone talks to a WeCom AI bot (企业微信智能机器人) in a one-to-one or group chat, or opens its chat',
		defaults: { name: 'WeCom AI Bot Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'weComAiBotApi', required: true, testedBy: 'weComAiBotApiTest' }],
		webhooks: [
			{
				name: 'setup',
				httpMethod: ONLY_CALLBACK('GET'),
				path: 'callback',
				responseMode: 'onReceived',
				ndvHideUrl: HIDE_IN_SOCKET_MODE,
				ndvHideMethod: true,
			},
			{
				name: 'default',
				httpMethod: ONLY_CALLBACK('POST'),
				path: 'callback',
				ndvHideUrl: HIDE_IN_SOCKET_MODE,
				ndvHideMethod: true,
				// A welcome or card update is the HTTP answer, sent by the reply node later in the run.
				responseMode: '={{ $parameter["reply"] === "replyNode" ? "responseNode" : "onReceived" }}',
			},
		],
		properties: [
			{
				displayName: 'Connection',
				name: 'connection',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Callback URL',
						value: 'callback',
						description:
							"WeCom posts each message to this node's URL (API模式 → 接收消息); n8n must be reachable from the internet",
					},
					{
						name: 'Long Connection (长连接)',
						value: 'longConnection',
						description:
							'This n8n connects to WeCom over a WebSocket with the Bot ID and Secret (API模式 → 长连接): no public URL needed',
					},
				],
				default: 'callback',
			},
			{
				displayName:
					"Choose 长连接 in the bot's API mode settings (智能机器人 → your bot → API模式) and put its Secret in the credential's Bot Secret. Activate the workflow: n8n keeps one connection per bot, and another program connected with the same bot throws it out.",
				name: 'socketNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { connection: ['longConnection'] } },
			},
			{
				displayName:
					"Paste this node's Production URL into the bot's API mode settings (智能机器人 → your bot → API模式 → 接收消息 URL), with the Token and EncodingAESKey of the credential. Activate the workflow first: WeCom checks the URL when you save it.",
				name: 'setupNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { connection: ['callback'] } },
			},
			{
				displayName: 'Trigger On',
				name: 'triggerOn',
				type: 'multiOptions',
				options: triggerOnOptions(MESSAGE_TYPES, EVENTS),
				default: ['*'],
				description: 'Messages and events that start the workflow; others get an empty answer and are dropped',
			},
			{
				displayName: 'Reply',
				name: 'reply',
				type: 'options',
				options: [
					{
						name: 'None',
						value: 'none',
						description: 'WeCom gets an empty answer at once and shows nothing; the workflow runs on its own',
					},
					{
						name: 'From a WeCom AI Bot Reply Node',
						value: 'replyNode',
						description:
							'Messages get a stream at once (流式消息) that a WeCom AI Bot Reply node fills; enter_chat and card clicks wait for its welcome or card update',
					},
				],
				default: 'none',
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
							'Whether to download the images and files of a message and decrypt them (WeCom encrypts them with the EncodingAESKey) into binary properties image0, image1, … and file0',
					},
					timestampWindowOption,
				],
			},
		],
	};

	methods = { credentialTest: aiBotCredentialTest };

	webhookMethods = manualWebhookMethods;

	async trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
		// Callback URL mode has nothing to open: its webhooks do the work.
		if (this.getNodeParameter('connection', 'callback') !== 'longConnection') return {};
		return await startSocketTrigger(this);
	}

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await handleAiBotCallback(this);
	}
}
