/** Delete a conditional menu (删除个性化菜单): menu/delconditional with its menuid. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { FieldError } from '../../../shared/execution/errors';
import { requireText } from '../../../shared/execution/itemContext';
import { callJson } from '../../../shared/transport/client';

export const description = scoped({ resource: ['menu'], operation: ['deleteConditional'] }, [
	{
		displayName: 'Menu ID',
		name: 'menuId',
		type: 'string',
		default: '',
		required: true,
		description: 'The menuid from Add Conditional, or from Get (API Configuration)',
	},
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const menuid = requireText(run.item(itemIndex), 'menuId', 'Menu ID', 'Map the menuid from Add Conditional.');
	if (!/^\d+$/.test(menuid))
		throw new FieldError('Menu ID', `"${menuid}" is not a menuid`, 'A menuid is a number, e.g. 208379533.');
	await callJson(run.client, { method: 'POST', path: '/cgi-bin/menu/delconditional', json: { menuid }, kind: 'write' });
	return { json: { menuid, deleted: true } };
};
