import type { INodeProperties } from 'n8n-workflow';
import { operationFields, operationPicker } from '../../../shared/descriptions/operationPicker';
import * as list from './list';
import * as getContactWay from './getContactWay';
import * as create from './create';
import * as update from './update';
import * as remove from './delete';

export const operations = { list, getContactWay, create, update, delete: remove };

export const description: INodeProperties[] = [
	operationPicker(
		'account',
		[
			{
				name: 'Create',
				value: 'create',
				action: 'Create a customer service account',
				description: 'A new account with a name and an avatar (添加客服账号)',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a customer service account',
				description: 'Delete an account (删除客服账号)',
			},
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
			{
				name: 'Update',
				value: 'update',
				action: 'Update a customer service account',
				description: 'Rename it or change its avatar (修改客服账号)',
			},
		],
		'list',
	),
	...operationFields({ account: operations }),
];
