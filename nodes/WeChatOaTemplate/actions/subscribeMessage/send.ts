/** Send a subscription message (发送订阅通知, bizsend), the successor WeChat recommends to template messages. */
import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { buildTemplateData, templateDataProperties } from '../../../shared/descriptions/oaTemplateData';
import { concurrencyOption } from '../../../shared/descriptions/options';
import { requireText } from '../../../shared/execution/itemContext';
import { callJson } from '../../../shared/transport/client';
import { requireUrl } from '../../../shared/descriptions/wecomMessage/urls';

const dataOptions = { colors: false };

export const description = scoped({ resource: ['subscribeMessage'], operation: ['send'] }, [
	{
		displayName: 'Recipient OpenID',
		name: 'toUser',
		type: 'string',
		default: '',
		required: true,
		description: 'The openid of a user who accepted this subscription',
	},
	{
		displayName: 'Template ID',
		name: 'templateId',
		type: 'string',
		default: '',
		required: true,
		description: 'The subscription template ID (订阅通知模板ID, priTmplId)',
	},
	...templateDataProperties(dataOptions),
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{ displayName: 'Mini Program App ID', name: 'miniProgramAppId', type: 'string', default: '' },
			{ displayName: 'Mini Program Page', name: 'miniProgramPagePath', type: 'string', default: '' },
			{
				displayName: 'Page URL',
				name: 'page',
				type: 'string',
				default: '',
				description: 'Web page opened on tap (the mini program wins when both are set)',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [concurrencyOption],
	},
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const extra = ctx.param<IDataObject>('additionalFields', {});
	const body: IDataObject = {
		touser: requireText(ctx, 'toUser', 'Recipient OpenID', "Map the subscriber's openid."),
		template_id: requireText(ctx, 'templateId', 'Template ID', 'Enter the subscription template ID.'),
		data: Object.fromEntries(
			Object.entries(buildTemplateData(ctx, dataOptions)).map(([key, { value }]) => [key, { value }]),
		),
	};
	if (extra.page) body.page = requireUrl(String(extra.page), 'Additional Fields › Page URL');
	if (extra.miniProgramAppId)
		body.miniprogram = {
			appid: String(extra.miniProgramAppId),
			...(extra.miniProgramPagePath ? { pagepath: String(extra.miniProgramPagePath) } : {}),
		};
	await callJson(run.client, { method: 'POST', path: '/cgi-bin/message/subscribe/bizsend', json: body, kind: 'write' });
	return { json: { touser: body.touser, template_id: body.template_id, sent: true } };
};
