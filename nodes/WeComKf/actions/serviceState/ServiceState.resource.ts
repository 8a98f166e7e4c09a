import type { INodeProperties } from 'n8n-workflow';
import { operationFields, operationPicker } from '../../../shared/descriptions/operationPicker';
import * as get from './get';
import * as transfer from './transfer';

export const operations = { get, transfer };

export const description: INodeProperties[] = [
	operationPicker(
		'serviceState',
		[
			{
				name: 'Get',
				value: 'get',
				action: 'Get a session state',
				description: "A customer's session state (获取会话状态)",
			},
			{
				name: 'Transfer',
				value: 'transfer',
				action: 'Change a session state',
				description: 'Hand the customer to the bot, the queue or a servicer, or end the session (变更会话状态)',
			},
		],
		'get',
	),
	...operationFields({ serviceState: operations }),
];
