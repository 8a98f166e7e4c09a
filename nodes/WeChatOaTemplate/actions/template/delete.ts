/** Delete a template of the account (删除模板). */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { requireText } from '../../../shared/execution/itemContext';
import { callJson } from '../../../shared/transport/client';

export const description = scoped({ resource: ['template'], operation: ['delete'] }, [
	{
		displayName: 'Template ID',
		name: 'templateId',
		type: 'string',
		default: '',
		required: true,
		description: 'The template_id to delete',
	},
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const templateId = requireText(run.item(itemIndex), 'templateId', 'Template ID', 'Map the template_id to delete.');
	await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/template/del_private_template',
		json: { template_id: templateId },
		kind: 'write',
		deduplicated: true,
	});
	return { json: { template_id: templateId, deleted: true } };
};
