/** The fields both AI-bot triggers show (callback URL and long connection): what starts a run, and who answers. */
import type { INodeProperties } from 'n8n-workflow';
import { triggerOnOptions } from '../webhook/filters';

const MESSAGE_TYPES = ['text', 'image', 'mixed', 'voice', 'file'];
const EVENTS: Array<[string, string]> = [
	['enter_chat', '进入会话'],
	['template_card_event', '模板卡片事件'],
	['feedback_event', '用户反馈'],
];

export const aiBotSubtitle = '={{ $parameter["reply"] === "replyNode" ? "streamed reply" : "no reply" }}';

export const triggerOnProperty: INodeProperties = {
	displayName: 'Trigger On',
	name: 'triggerOn',
	type: 'multiOptions',
	options: triggerOnOptions(MESSAGE_TYPES, EVENTS),
	default: ['*'],
	description: 'Messages and events that start the workflow; others are dropped',
};

export const replyProperty: INodeProperties = {
	displayName: 'Reply',
	name: 'reply',
	type: 'options',
	options: [
		{
			name: 'None',
			value: 'none',
			description: 'WeCom shows nothing; the workflow runs on its own',
		},
		{
			name: 'From a WeCom AI Bot Reply Node',
			value: 'replyNode',
			description:
				'Messages get a stream at once (流式消息) that a WeCom AI Bot Reply node fills; enter_chat and card clicks are answered by its Welcome or Update Card',
		},
	],
	default: 'none',
};

export const downloadMediaOption: INodeProperties = {
	displayName: 'Download Media',
	name: 'downloadMedia',
	type: 'boolean',
	default: false,
	description:
		'Whether to download the images and files of a message and decrypt them (WeCom encrypts them) into binary properties image0, image1, … and file0',
};
