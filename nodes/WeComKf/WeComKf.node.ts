import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { description as message, operations as messageOperations } from './actions/message/Message.resource';
import { description as account, operations as accountOperations } from './actions/account/Account.resource';
import {
	description as serviceState,
	operations as serviceStateOperations,
} from './actions/serviceState/ServiceState.resource';
import { description as servicer, operations as servicerOperations } from './actions/servicer/Servicer.resource';
import { defineResource, routeItems } from '../shared/execution/router';
import { openWeComRun } from '../shared/wecom/run';
import { operationSubtitle } from '../shared/descriptions/subtitle';

const resources = {
	message: defineResource(messageOperations, openWeComRun),
	account: defineResource(accountOperations, openWeComRun),
	servicer: defineResource(servicerOperations, openWeComRun),
	serviceState: defineResource(serviceStateOperations, openWeComRun),
};

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Account', value: 'account', description: 'Customer service accounts (客服账号)' },
			{ name: 'Message', value: 'message', description: 'Messages to WeChat customers (发送消息)' },
			{ name: 'Servicer', value: 'servicer', description: 'Members who receive customers (接待人员)' },
			{ name: 'Service State', value: 'serviceState', description: 'Session states (会话状态)' },
		],
		default: 'message',
	},
	...message,
	...account,
	...servicer,
	...serviceState,
];

export class WeComKf implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeCom Customer Service',
		name: 'weComKf',
		icon: { light: 'file:../../icons/wecom.svg', dark: 'file:../../icons/wecom.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Answer WeChat users through WeChat Customer Service (微信客服) of a WeCom (企业微信) company: send messages, accounts, servicers, session states',
		defaults: { name: 'WeCom Customer Service' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'weComApi', required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeItems(this, resources);
	}
}
