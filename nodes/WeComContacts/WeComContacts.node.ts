import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { properties, resources } from './actions/resources';
import { routeItems } from '../shared/execution/router';
import { directoryLoadOptions } from '../shared/wecom/directoryOptions';
import { operationSubtitle } from '../shared/descriptions/subtitle';

export class WeComContacts implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeCom Contacts',
		name: 'weComContacts',
		icon: { light: 'file:../../icons/wecom.svg', dark: 'file:../../icons/wecom.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Read and manage the WeCom (企业微信) directory (通讯录): members (成员), departments (部门) and tags (标签)',
		defaults: { name: 'WeCom Contacts' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'weComApi', required: true }],
		properties,
	};

	methods = { loadOptions: directoryLoadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeItems(this, resources);
	}
}
