import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { operations, properties } from './actions/resources';
import { defineResource, routeItems } from '../shared/execution/router';
import { openOaRun } from '../shared/oa/run';
import { operationSubtitle } from '../shared/descriptions/subtitle';

// Mass sends are rate limited (60 a minute) and counted per user per month: one at a time.
const resources = {
	mass: defineResource(operations.mass, openOaRun, { concurrency: 1 }),
	upload: defineResource(operations.upload, openOaRun, { concurrency: 2 }),
	audience: defineResource(operations.audience, openOaRun, { concurrency: 1 }),
};

export class WeChatOaMassSend implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeChat OA Mass Send',
		name: 'weChatOaMassSend',
		icon: { light: 'file:../../icons/wechat.svg', dark: 'file:../../icons/wechat.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Mass send WeChat Official Account (公众号) messages to all followers, a tag or a list of openids, with the uploads and targeting they need',
		defaults: { name: 'WeChat OA Mass Send' },
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
