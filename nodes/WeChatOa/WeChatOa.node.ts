import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { properties, resources } from './actions/resources';
import { routeItems } from '../shared/execution/router';
import { operationSubtitle } from '../shared/descriptions/subtitle';

export class WeChatOa implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeChat OA',
		name: 'weChatOa',
		icon: { light: 'file:../../icons/wechat.svg', dark: 'file:../../icons/wechat.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Run a WeChat Official Account (公众号): drafts and publishing, permanent material, followers and tags, menus, QR codes, web authorisation, JS-SDK and customer-service accounts',
		defaults: { name: 'WeChat OA' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'weChatOaApi', required: true }],
		properties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeItems(this, resources);
	}
}
