/**
 * Canvas subtitles show display names ("Send Text · Message"), for every resource/operation pair of every action
 * node, by evaluating the subtitle expression the way the editor does (a JS expression over raw parameters).
 */
import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';
import { WeComSend } from '../../../../nodes/WeComSend/WeComSend.node';
import { WeComGroupChat } from '../../../../nodes/WeComGroupChat/WeComGroupChat.node';
import { WeComKf } from '../../../../nodes/WeComKf/WeComKf.node';
import { WeComContacts } from '../../../../nodes/WeComContacts/WeComContacts.node';
import { WeComAiBotReply } from '../../../../nodes/WeComAiBotReply/WeComAiBotReply.node';
import { WeChatOa } from '../../../../nodes/WeChatOa/WeChatOa.node';
import { WeChatOaMassSend } from '../../../../nodes/WeChatOaMassSend/WeChatOaMassSend.node';
import { WeChatOaReply } from '../../../../nodes/WeChatOaReply/WeChatOaReply.node';
import { WeChatOaTemplate } from '../../../../nodes/WeChatOaTemplate/WeChatOaTemplate.node';

function evaluate(subtitle: string, parameters: Record<string, string>): unknown {
	const match = /^=\{\{([\s\S]*)\}\}$/.exec(subtitle);
	if (!match) throw new Error(`not an expression: ${subtitle}`);
	return new Function('$parameter', `return (${match[1]});`)(parameters) as unknown;
}

function options(property: INodeProperties): INodePropertyOptions[] {
	return (property.options ?? []) as INodePropertyOptions[];
}

const nodes: INodeType[] = [
	new WeComSend(),
	new WeComGroupChat(),
	new WeComKf(),
	new WeComContacts(),
	new WeComAiBotReply(),
	new WeChatOa(),
	new WeChatOaMassSend(),
	new WeChatOaReply(),
	new WeChatOaTemplate(),
];

describe('node subtitles', () => {
	it('WeCom Send shows "Send Text · Message", not sendText', () => {
		const { subtitle } = new WeComSend().description;
		expect(evaluate(String(subtitle), { resource: 'message', operation: 'sendText' })).toBe('Send Text · Message');
	});

	it.each(nodes.map((node) => [node.description.displayName, node] as const))(
		'%s: every resource/operation pair in display names',
		(_name, node) => {
			const { properties, subtitle } = node.description;
			const resourceField = properties.find((property) => property.name === 'resource');
			expect(resourceField).toBeDefined();
			const shown: string[] = [];
			const expected: string[] = [];
			for (const resource of options(resourceField as INodeProperties)) {
				const operationFields = properties.filter(
					(property) =>
						property.name === 'operation' &&
						(property.displayOptions?.show?.resource ?? []).includes(resource.value as string),
				);
				expect(operationFields.length).toBeGreaterThan(0);
				for (const operation of operationFields.flatMap(options)) {
					shown.push(
						String(
							evaluate(String(subtitle), { resource: String(resource.value), operation: String(operation.value) }),
						),
					);
					expected.push(`${operation.name} · ${resource.name}`);
				}
			}
			expect(shown).toEqual(expected);
		},
	);

	it('an unknown operation falls back to its raw value', () => {
		const { subtitle } = new WeComSend().description;
		expect(evaluate(String(subtitle), { resource: 'message', operation: 'fromTheFuture' })).toBe(
			'fromTheFuture · Message',
		);
	});
});
