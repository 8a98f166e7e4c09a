/** Add a template from the library (添加模板) by its short ID, optionally choosing its keywords. */
import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { idList } from '../../../shared/descriptions/wecomRecipients';
import { requireText } from '../../../shared/execution/itemContext';
import { callJson } from '../../../shared/transport/client';

export const description = scoped({ resource: ['template'], operation: ['add'] }, [
	{
		displayName: 'Template Short ID',
		name: 'templateIdShort',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'TM00015',
		description: 'The library ID (模板库编号), e.g. TM00015 or OPENTM207498902',
	},
	{
		displayName: 'Keyword Names',
		name: 'keywordNames',
		type: 'string',
		default: '',
		placeholder: '订单编号|发货时间',
		description: 'For the newer library: the keyword names to include, separated by | or commas (keyword_name_list)',
	},
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const body: IDataObject = {
		template_id_short: requireText(ctx, 'templateIdShort', 'Template Short ID', 'Enter the library ID, e.g. TM00015.'),
	};
	const keywords = idList(ctx.param<unknown>('keywordNames', ''));
	if (keywords.length) body.keyword_name_list = keywords;
	const answer = await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/template/api_add_template',
		json: body,
		kind: 'write',
	});
	return { json: { template_id: String(answer.template_id), template_id_short: body.template_id_short } };
};
