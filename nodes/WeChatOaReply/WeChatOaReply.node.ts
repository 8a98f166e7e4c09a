import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { operations, properties } from './actions/resources';
import { defineResource, routeItems } from '../shared/execution/router';
import { openOaRun } from '../shared/oa/run';
import { operationSubtitle } from '../shared/descriptions/subtitle';

const resources = {
	// One HTTP answer per callback: items are answered in order.
	passiveReply: defineResource(operations.passiveReply, openOaRun, { concurrency: 1 }),
	customerService: defineResource(operations.customerService, openOaRun),
};

export class WeChatOaReply implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeChat OA Reply',
		name: 'weChatOaReply',
		icon: { light: 'file:../../icons/wechat.svg', dark: 'file:../../icons/wechat.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Answer a WeChat Official Account (公众号) message passively (encrypted when it came encrypted), or send customer-service messages',
		defaults: { name: 'WeChat OA Reply' },
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
