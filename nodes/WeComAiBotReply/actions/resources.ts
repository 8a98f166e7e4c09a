/** The operation pickers of the two resources; each operation's fields live in its own file. */
import type { INodeProperties } from 'n8n-workflow';
import { operationFields, operationPicker } from '../../shared/descriptions/operationPicker';
import * as append from './stream/append';
import * as replace from './stream/replace';
import * as finish from './stream/finish';
import * as welcome from './message/welcome';
import * as updateCard from './message/updateCard';
import * as replyLater from './message/replyLater';

export const operations = {
	stream: { append, replace, finish },
	message: { welcome, updateCard, replyLater },
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Stream',
				value: 'stream',
				description: 'The streamed answer to a message (流式消息), which WeCom polls while the workflow writes it',
			},
			{
				name: 'Message',
				value: 'message',
				description: 'A welcome on enter_chat, a card update on a card click, or a later reply through response_url',
			},
		],
		default: 'stream',
	},
	operationPicker(
		'stream',
		[
			{ name: 'Append', value: 'append', action: 'Append to the streamed answer' },
			{
				name: 'Finish',
				value: 'finish',
				action: 'Finish the streamed answer',
				description: 'The last write: optionally more text and a template card',
			},
			{ name: 'Replace', value: 'replace', action: 'Replace the streamed answer' },
		],
		'finish',
	),
	operationPicker(
		'message',
		[
			{
				name: 'Reply Later',
				value: 'replyLater',
				action: 'Reply later through response url',
				description: "Markdown or a template card through the message's response_url (主动回复), once, within an hour",
			},
			{
				name: 'Update Card',
				value: 'updateCard',
				action: 'Update the clicked template card',
				description: "Answer a template_card_event with the card's new state (更新模板卡片)",
			},
			{
				name: 'Welcome',
				value: 'welcome',
				action: 'Welcome the user',
				description: 'Answer enter_chat with a text or a template card (欢迎语)',
			},
		],
		'welcome',
	),
	...operationFields(operations),
];
