/** Updates a sent template card (更新模版卡片消息): only the clicked button's text, or the whole card. */
import type { IDataObject } from 'n8n-workflow';
import type { WeComOperation } from '../types';
import { scoped } from '../../../shared/descriptions/scope';
import { templateCardProperties } from '../../../shared/descriptions/templateCard/properties';
import { buildTemplateCard } from '../../../shared/descriptions/templateCard/build';
import { idList } from '../../../shared/descriptions/wecomRecipients';
import { requireText, type ItemContext } from '../../../shared/execution/itemContext';
import { FieldError } from '../../../shared/execution/errors';
import { callJson } from '../../../shared/transport/client';
import { agentIdOption, concurrencyOption, resolveAgentId } from '../options';

const show = { resource: ['message'], operation: ['updateTemplateCard'] };

export const description = [
	...scoped(show, [
		{
			displayName: 'Response Code',
			name: 'responseCode',
			type: 'string',
			default: '',
			required: true,
			description: 'Response_code from the send or from the template_card_event callback; valid 72 hours, usable once',
		},
		{
			displayName: 'Update',
			name: 'updateMode',
			type: 'options',
			options: [
				{
					name: 'Button Text Only',
					value: 'button',
					description: 'Replace the clicked button with a text such as "已处理"',
				},
				{ name: 'Whole Card', value: 'card', description: 'Replace the card with a new one' },
			],
			default: 'button',
		},
		{
			displayName: 'Replacement Text',
			name: 'replaceName',
			type: 'string',
			default: '已处理',
			required: true,
			displayOptions: { show: { updateMode: ['button'] } },
		},
		{
			displayName: 'Whose Card',
			name: 'updateTarget',
			type: 'options',
			options: [
				{ name: 'Everyone Who Received It', value: 'all' },
				{ name: 'Chosen Members, Departments or Tags', value: 'some' },
			],
			default: 'all',
		},
		{
			displayName: 'Member IDs',
			name: 'userids',
			type: 'string',
			default: '',
			placeholder: 'zhangsan|lisi',
			displayOptions: { show: { updateTarget: ['some'] } },
		},
		{
			displayName: 'Department IDs',
			name: 'partyids',
			type: 'string',
			default: '',
			displayOptions: { show: { updateTarget: ['some'] } },
		},
		{
			displayName: 'Tag IDs',
			name: 'tagids',
			type: 'string',
			default: '',
			displayOptions: { show: { updateTarget: ['some'] } },
		},
	]),
	...scoped({ ...show, updateMode: ['card'] }, [
		...templateCardProperties,
		{
			displayName: 'Submitted Text',
			name: 'replaceText',
			type: 'string',
			default: '',
			description: 'Vote and multiple cards: the text shown instead of the submit button (e.g. "已提交")',
		},
	]),
	...scoped(show, [
		{
			displayName: 'Options',
			name: 'options',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			options: [
				agentIdOption,
				concurrencyOption,
				{
					displayName: 'Enable ID Translation',
					name: 'enableIdTrans',
					type: 'boolean',
					default: false,
					description: 'Whether ID placeholders are translated (third-party apps only)',
				},
			],
		},
	]),
];

function targets(ctx: ItemContext): IDataObject {
	if (ctx.param<string>('updateTarget', 'all') === 'all') return { atall: 1 };
	const numbers = (name: string, field: string): number[] =>
		idList(ctx.param<unknown>(name, '')).map((id) => {
			if (!/^\d+$/.test(id))
				throw new FieldError(field, `"${id}" is not a numeric ID`, 'Use numeric department/tag IDs.');
			return Number(id);
		});
	const userids = idList(ctx.param<unknown>('userids', ''));
	const partyids = numbers('partyids', 'Department IDs');
	const tagids = numbers('tagids', 'Tag IDs');
	if (!userids.length && !partyids.length && !tagids.length) {
		throw new FieldError(
			'Whose Card',
			'no member, department or tag is set',
			'Fill in at least one ID, or choose Everyone Who Received It.',
		);
	}
	return { ...(userids.length && { userids }), ...(partyids.length && { partyids }), ...(tagids.length && { tagids }) };
}

export const execute: WeComOperation['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const options = ctx.param<IDataObject>('options', {});
	const body: IDataObject = {
		...targets(ctx),
		agentid: resolveAgentId(run.connection, options.agentId),
		response_code: requireText(
			ctx,
			'responseCode',
			'Response Code',
			'Map response_code from the send output or the card click event.',
		),
	};
	if (options.enableIdTrans) body.enable_id_trans = 1;
	if (ctx.param<string>('updateMode', 'button') === 'button') {
		body.button = {
			replace_name: requireText(
				ctx,
				'replaceName',
				'Replacement Text',
				'Enter the text the button shows after the update.',
			),
		};
	} else {
		const card = buildTemplateCard(ctx, { allowReplaceText: true });
		const replaceText = ctx.text('replaceText');
		if (replaceText) card.replace_text = replaceText;
		body.template_card = card;
	}
	const answer = await callJson(run.connection.client, {
		method: 'POST',
		path: '/cgi-bin/message/update_template_card',
		json: body,
		kind: 'write',
	});
	// WeCom documents invaliduser here as a list, unlike message/send's "a|b": output the same "a|b" form.
	return { json: { updated: true, invaliduser: idList(answer.invaliduser).join('|') } };
};
