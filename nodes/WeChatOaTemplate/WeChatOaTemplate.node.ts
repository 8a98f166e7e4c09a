import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { operations, properties } from './actions/resources';
import { getTemplateKeywords, getTemplates } from './methods/loadOptions';
import { defineResource, routeItems } from '../shared/execution/router';
import { openOaRun } from '../shared/oa/run';
import { operationSubtitle } from '../shared/descriptions/subtitle';

const resources = {
	templateMessage: defineResource(operations.templateMessage, openOaRun),
	template: defineResource(operations.template, openOaRun, { concurrency: 1 }),
	industry: defineResource(operations.industry, openOaRun, { concurrency: 1 }),
	subscribeMessage: defineResource(operations.subscribeMessage, openOaRun),
};

export class WeChatOaTemplate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeChat OA Template',
		name: 'weChatOaTemplate',
		icon: { light: 'file:../../icons/wechat.svg', dark: 'file:../../icons/wechat.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Send WeChat Official Account (公众号) template and subscription messages, and manage templates and industries',
		defaults: { name: 'WeChat OA Template' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'weChatOaApi', required: true }],
		properties,
	};

	methods = { loadOptions: { getTemplates, getTemplateKeywords } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeItems(this, resources);
	}
}
