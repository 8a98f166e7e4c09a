/** What both AI-bot trigger nodes (callback URL and long connection) share: their look, and what starts a run and who answers. */
import type { INodeProperties, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { triggerOnOptions } from '../webhook/filters';

const MESSAGE_TYPES = ['text', 'image', 'mixed', 'voice', 'file'];
const EVENTS: Array<[string, string]> = [
	['enter_chat', '进入会话'],
	['template_card_event', '模板卡片事件'],
	['feedback_event', '用户反馈'],
];

export const aiBotSubtitle = '={{ $parameter["reply"] === "replyNode" ? "streamed reply" : "no reply" }}';

/** The rest of the look (n8n's lint wants the icon and subtitle written in each node). */
export const aiBotTriggerBase: Pick<INodeTypeDescription, 'group' | 'version' | 'inputs' | 'outputs' | 'credentials'> =
	{
		group: ['trigger'],
		version: 1,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'weComAiBotApi', required: true, testedBy: 'weComAiBotApiTest' }],
	};

const triggerOnProperty: INodeProperties = {
	displayName: 'Trigger On',
	name: 'triggerOn',
	type: 'multiOptions',
	options: triggerOnOptions(MESSAGE_TYPES, EVENTS),
	default: ['*'],
	description: 'Messages and events that start the workflow; others are dropped',
};

const replyProperty: INodeProperties = {
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

const downloadMediaOption: INodeProperties = {
	displayName: 'Download Media',
	name: 'downloadMedia',
	type: 'boolean',
	default: false,
	description:
		'Whether to download the images and files of a message and decrypt them (WeCom encrypts them) into binary properties image0, image1, … and file0',
};

/** The node's setup notice, then Trigger On, Reply and the options (Download Media, then `moreOptions`). */
export function aiBotTriggerProperties(notice: string, moreOptions: INodeProperties[] = []): INodeProperties[] {
	return [
		{ displayName: notice, name: 'setupNotice', type: 'notice', default: '' },
		triggerOnProperty,
		replyProperty,
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [downloadMediaOption, ...moreOptions],
		},
	];
}
