import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { description as message, operations as messageOperations } from './actions/message/Message.resource';
import { description as media, operations as mediaOperations } from './actions/media/Media.resource';
import {
	description as callbackReply,
	operations as callbackReplyOperations,
} from './actions/callbackReply/CallbackReply.resource';
import { defineResource, routeItems } from '../shared/execution/router';
import { openWeComRun } from '../shared/wecom/run';
import { directoryLoadOptions } from '../shared/wecom/directoryOptions';
import { operationSubtitle } from '../shared/descriptions/subtitle';

const resources = {
	message: defineResource(messageOperations, openWeComRun),
	media: defineResource(mediaOperations, openWeComRun),
	// One HTTP answer per callback: items are answered in order.
	callbackReply: defineResource(callbackReplyOperations, openWeComRun, { concurrency: 1 }),
};

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Message', value: 'message', description: 'Application messages (应用消息)' },
			{ name: 'Media', value: 'media', description: 'Temporary media and images (素材)' },
			{
				name: 'Callback Reply',
				value: 'callbackReply',
				description: 'Passive reply to the message that started the workflow (WeCom Trigger, 被动回复)',
			},
		],
		default: 'message',
	},
	...message,
	...media,
	...callbackReply,
];

export class WeComSend implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeCom Send',
		name: 'weComSend',
		icon: { light: 'file:../../icons/wecom.svg', dark: 'file:../../icons/wecom.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Send WeCom (企业微信) application messages of every type, recall them, update template cards, and upload or download media',
		defaults: { name: 'WeCom Send' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'weComApi', required: true }],
		properties,
	};

	/** Members, departments and tags for the recipient pickers. */
	methods = { loadOptions: directoryLoadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeItems(this, resources);
	}
}
