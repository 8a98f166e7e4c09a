import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { operations, properties } from './actions/resources';
import { defineResource, routeItems } from '../shared/execution/router';
import { openAiBotRun } from '../shared/aibot/replyContext';
import { aiBotCredentialTest } from '../shared/aibot/credentialTest';
import { operationSubtitle } from '../shared/descriptions/subtitle';

const resources = {
	// A stream's writes and an event's one passive answer go in item order.
	stream: defineResource(operations.stream, openAiBotRun, { concurrency: 1 }),
	message: defineResource(operations.message, openAiBotRun, { concurrency: 1 }),
};

// Deliberately not usableAsTool (n8n-workflow's type only has `true` to set; leaving it out is "off"): the node
// answers the conversation its trigger started, which an AI Agent's tool call does not have.
// eslint-disable-next-line @n8n/community-nodes/node-usable-as-tool
export class WeComAiBotReply implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeCom AI Bot Reply',
		name: 'weComAiBotReply',
		icon: { light: 'file:../../icons/wecom.svg', dark: 'file:../../icons/wecom.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Answer a WeCom AI bot (企业微信智能机器人) conversation: a streamed answer, a welcome, a card update, or a later reply',
		defaults: { name: 'WeCom AI Bot Reply' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'weComAiBotApi', required: true, testedBy: 'weComAiBotApiTest' }],
		properties,
	};

	methods = { credentialTest: aiBotCredentialTest };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeItems(this, resources);
	}
}
