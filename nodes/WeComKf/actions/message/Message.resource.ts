import type { INodeProperties } from 'n8n-workflow';
import { operationFields, operationPicker } from '../../../shared/descriptions/operationPicker';
import * as send from './send';
import * as sendOnEvent from './sendOnEvent';

export const operations = { send, sendOnEvent };

export const description: INodeProperties[] = [
	operationPicker(
		'message',
		[
			{
				name: 'Send',
				value: 'send',
				action: 'Send a message to a customer',
				description:
					"Text, media, link, mini program, menu or location (发送消息); within 48 h of the customer's last message, at most 5",
			},
			{
				name: 'Send on Event',
				value: 'sendOnEvent',
				action: 'Send a welcome message for an event',
				description: 'Welcome or closing words with an event code (发送欢迎语等事件响应消息)',
			},
		],
		'send',
	),
	...operationFields({ message: operations }),
];
