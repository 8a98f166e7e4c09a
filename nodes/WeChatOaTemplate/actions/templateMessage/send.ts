/**
 * Send a template message (发送模板消息). Keywords are checked against the chosen template before sending;
 * values that break WeChat's 2023-05 rules are sent anyway and reported under `warnings`. A client message
 * ID (given, or derived from the execution and item) lets WeChat drop a replay, so network faults are retried.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { buildTemplateData, templateDataProperties } from '../../../shared/descriptions/oaTemplateData';
import { concurrencyOption } from '../../../shared/descriptions/options';
import { requireText, type ItemContext } from '../../../shared/execution/itemContext';
import { FieldError } from '../../../shared/execution/errors';
import { callWithinQuotaLogged, rateLimitedField } from '../../../shared/execution/quota';
import { templateKeywords, templateWarnings } from '../../../shared/oa/templates';
import { clientMessageId, clientMessageIdOption } from '../../../shared/oa/clientMessageId';
import { requireUrl } from '../../../shared/descriptions/wecomMessage/urls';

const dataOptions = { keywordsMethod: 'getTemplateKeywords', colors: true };

export const description = scoped({ resource: ['templateMessage'], operation: ['send'] }, [
	{
		displayName: 'Recipient OpenID',
		name: 'toUser',
		type: 'string',
		default: '',
		required: true,
		description: "The follower's openid (touser)",
	},
	{
		displayName: 'Template Name or ID',
		name: 'templateId',
		type: 'options',
		typeOptions: { loadOptionsMethod: 'getTemplates' },
		default: '',
		required: true,
		description:
			'A template of this account (模板ID). Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
	},
	...templateDataProperties(dataOptions),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				displayName: 'Mini Program App ID',
				name: 'miniProgramAppId',
				type: 'string',
				default: '',
				description: 'Open this linked mini program on tap (wins over the URL)',
			},
			{
				displayName: 'Mini Program Page',
				name: 'miniProgramPagePath',
				type: 'string',
				default: '',
				placeholder: 'pages/order/detail',
			},
			{ displayName: 'URL', name: 'url', type: 'string', default: '', description: 'Page opened on tap' },
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [clientMessageIdOption, concurrencyOption],
	},
]);

async function checkKeywords(run: OaRun, templateId: string, keys: string[]): Promise<void> {
	let templates;
	try {
		templates = await run.templates();
	} catch {
		return; // the list is not readable (e.g. no permission): WeChat itself will judge the keywords
	}
	const template = templates.find((entry) => entry.template_id === templateId);
	if (!template) {
		throw new FieldError(
			'Template',
			`"${templateId}" is not a template of this account`,
			'Choose a template from the list, or add it first (Template → Add).',
		);
	}
	const keywords = templateKeywords(template.content);
	const unknown = keys.filter((key) => !keywords.includes(key));
	if (unknown.length) {
		throw new FieldError(
			'Data',
			`${unknown.map((key) => `"${key}"`).join(', ')} ${unknown.length === 1 ? 'is not a keyword' : 'are not keywords'} of "${template.title}"`,
			`Its keywords are: ${keywords.join(', ') || '(none)'}.`,
		);
	}
}

function jump(ctx: ItemContext): IDataObject {
	const extra = ctx.param<IDataObject>('additionalFields', {});
	const body: IDataObject = {};
	if (extra.url) body.url = requireUrl(String(extra.url), 'Additional Fields › URL');
	const appid = String(extra.miniProgramAppId ?? '').trim();
	if (appid)
		body.miniprogram = { appid, ...(extra.miniProgramPagePath ? { pagepath: String(extra.miniProgramPagePath) } : {}) };
	return body;
}

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const touser = requireText(ctx, 'toUser', 'Recipient OpenID', "Map the follower's openid.");
	const templateId = requireText(ctx, 'templateId', 'Template', 'Choose a template.');
	const data = buildTemplateData(ctx, dataOptions);
	await checkKeywords(run, templateId, Object.keys(data));
	const clientMsgId = clientMessageId(this, ctx);
	const body: IDataObject = { touser, template_id: templateId, ...jump(ctx), data, client_msg_id: clientMsgId };
	// A minute-quota refusal (45011) is waited out and sent again; a 45009 is the DAILY quota and fails at once.
	const outcome = await callWithinQuotaLogged(this, itemIndex, run.client, {
		method: 'POST',
		path: '/cgi-bin/message/template/send',
		json: body,
		kind: 'write',
		deduplicated: true,
	});
	return {
		json: {
			msgid: String(outcome.answer.msgid ?? ''),
			touser,
			template_id: templateId,
			client_msg_id: clientMsgId,
			warnings: templateWarnings(data),
			...rateLimitedField(outcome),
		},
	};
};
