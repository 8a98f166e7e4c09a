/** The operation pickers of the two resources; each operation's fields live in its own file. */
import type { INodeProperties } from 'n8n-workflow';
import { operationFields, operationPicker } from '../../shared/descriptions/operationPicker';
import * as text from './passiveReply/text';
import * as image from './passiveReply/image';
import * as voice from './passiveReply/voice';
import * as video from './passiveReply/video';
import * as music from './passiveReply/music';
import * as news from './passiveReply/news';
import * as send from './customerService/send';
import * as typing from './customerService/typing';

export const operations = {
	passiveReply: { text, image, voice, video, music, news },
	customerService: { send, typing },
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Customer-Service Message',
				value: 'customerService',
				description: "Messages within 48 h of the user's last message (客服消息)",
			},
			{
				name: 'Passive Reply',
				value: 'passiveReply',
				description: 'The answer to the message that started the workflow (被动回复)',
			},
		],
		default: 'passiveReply',
	},
	operationPicker(
		'passiveReply',
		[
			{ name: 'Reply With Image', value: 'image', action: 'Reply with an image' },
			{ name: 'Reply With Music', value: 'music', action: 'Reply with music' },
			{ name: 'Reply With News', value: 'news', action: 'Reply with news articles' },
			{ name: 'Reply With Text', value: 'text', action: 'Reply with text' },
			{ name: 'Reply With Video', value: 'video', action: 'Reply with a video' },
			{ name: 'Reply With Voice', value: 'voice', action: 'Reply with a voice message' },
		],
		'text',
	),
	operationPicker(
		'customerService',
		[
			{
				name: 'Send',
				value: 'send',
				action: 'Send a customer service message',
				description: 'Send text, media, news, a menu or a mini program page (message/custom/send)',
			},
			{
				name: 'Typing Status',
				value: 'typing',
				action: 'Set the typing status',
				description: 'Show or hide "typing…" (message/custom/typing)',
			},
		],
		'send',
	),
	...operationFields(operations),
];
