/** Update a member (更新成员): user/update with only the fields set; needs the contact-sync secret. */
import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { FieldError } from '../../../shared/execution/errors';
import { userId, userIdField } from '../fields';
import { checkMainDepartment, departmentsField, memberDepartments, memberName, nameField, profileBody, profileFields } from './profile';

export const description = scoped({ resource: ['member'], operation: ['update'] }, [
	userIdField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			...profileFields,
			departmentsField,
			{
				displayName: 'Enabled',
				name: 'enable',
				type: 'boolean',
				default: true,
				description: 'Whether the member may use WeCom (启用/禁用成员)',
			},
			nameField,
		],
	},
]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const userid = userId(ctx);
	const fields = ctx.param<IDataObject>('updateFields', {});
	const changes: IDataObject = profileBody(fields);
	if (fields.name !== undefined) changes.name = memberName(fields.name);
	if (fields.departmentIds !== undefined) changes.department = memberDepartments(fields.departmentIds);
	if (fields.enable !== undefined) changes.enable = fields.enable ? 1 : 0;
	if (!Object.keys(changes).length)
		throw new FieldError('Update Fields', 'nothing to change', 'Add the fields to change.');
	checkMainDepartment(changes);
	// Setting the same values again changes nothing, so a replay after an unknown outcome is safe.
	await callJson(run.connection.client, {
		method: 'POST',
		path: '/cgi-bin/user/update',
		json: { userid, ...changes },
		kind: 'write',
		deduplicated: true,
	});
	return { json: { userid, ...changes, updated: true } };
};
