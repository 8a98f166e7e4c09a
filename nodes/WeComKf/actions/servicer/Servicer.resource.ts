import type { INodeProperties } from 'n8n-workflow';
import { operationFields, operationPicker } from '../../../shared/descriptions/operationPicker';
import * as list from './list';
import * as add from './add';
import * as remove from './remove';

export const operations = { list, add, remove };

export const description: INodeProperties[] = [
	operationPicker(
		'servicer',
		[
			{
				name: 'Add',
				value: 'add',
				action: 'Add servicers to an account',
				description: 'Members or departments (添加接待人员)',
			},
			{ name: 'List', value: 'list', action: 'List the servicers of an account', description: '获取接待人员列表' },
			{ name: 'Remove', value: 'remove', action: 'Remove servicers from an account', description: '删除接待人员' },
		],
		'list',
	),
	...operationFields({ servicer: operations }),
];
