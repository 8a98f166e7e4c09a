/** The operation pickers of the four resources; each operation's fields live in its own file. */
import type { INodeProperties } from 'n8n-workflow';
import { operationFields, operationPicker } from '../../shared/descriptions/operationPicker';
import * as templateMessageSend from './templateMessage/send';
import * as templateList from './template/list';
import * as templateAdd from './template/add';
import * as templateDelete from './template/delete';
import * as industryGet from './industry/get';
import * as industrySet from './industry/set';
import * as subscribeSend from './subscribeMessage/send';

export const operations = {
	templateMessage: { send: templateMessageSend },
	template: { list: templateList, add: templateAdd, delete: templateDelete },
	industry: { get: industryGet, set: industrySet },
	subscribeMessage: { send: subscribeSend },
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Industry',
				value: 'industry',
				description: 'The industries that decide which templates are available (所属行业)',
			},
			{ name: 'Subscription Message', value: 'subscribeMessage', description: 'Subscription notices (订阅通知)' },
			{ name: 'Template', value: 'template', description: "The account's templates (模板管理)" },
			{ name: 'Template Message', value: 'templateMessage', description: 'Template messages (模板消息)' },
		],
		default: 'templateMessage',
	},
	operationPicker(
		'templateMessage',
		[
			{
				name: 'Send',
				value: 'send',
				action: 'Send a template message',
				description: 'Send a template message to a follower (发送模板消息)',
			},
		],
		'send',
	),
	operationPicker(
		'template',
		[
			{
				name: 'Add',
				value: 'add',
				action: 'Add a template',
				description: 'Add a template from the library (添加模板)',
			},
			{ name: 'Delete', value: 'delete', action: 'Delete a template', description: 'Delete a template (删除模板)' },
			{
				name: 'List',
				value: 'list',
				action: 'List templates',
				description: 'List the templates with their keywords (获取模板列表)',
			},
		],
		'list',
	),
	operationPicker(
		'industry',
		[
			{
				name: 'Get',
				value: 'get',
				action: 'Get the industries',
				description: 'Get the primary and secondary industry (获取行业)',
			},
			{
				name: 'Set',
				value: 'set',
				action: 'Set the industries',
				description: 'Set the two industries, once a month (设置行业)',
			},
		],
		'get',
	),
	operationPicker(
		'subscribeMessage',
		[
			{
				name: 'Send',
				value: 'send',
				action: 'Send a subscription message',
				description: 'Send a subscription notice (发送订阅通知)',
			},
		],
		'send',
	),
	...operationFields(operations),
];
