import type { INodeProperties } from 'n8n-workflow';
import { operationFields, operationPicker } from '../../../shared/descriptions/operationPicker';
import * as list from './list';
import * as getContactWay from './getContactWay';

export const operations = { list, getContactWay };

export const description: INodeProperties[] = [
	operationPicker(
		'account',
		[
			{
				name: 'Get Contact Link',
				value: 'getContactWay',
				action: 'Get the contact link of an account',
				description: 'The link customers open to chat (获取客服账号链接)',
			},
			{
				name: 'List',
				value: 'list',
				action: 'List customer service accounts',
				description: 'Every account with its open_kfid (获取客服账号列表)',
			},
		],
		'list',
	),
	...operationFields({ account: operations }),
];
