/** Create a department (创建部门): department/create → its id. Needs the contact-sync secret. */
import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { FieldError } from '../../../shared/execution/errors';
import { checkDepartmentId } from '../fields';
import { changeFields, departmentChanges } from './fields';

const [nameField, nameEnField, parentField, orderField] = changeFields;

export const description = scoped({ resource: ['department'], operation: ['create'] }, [
	{ ...nameField, required: true },
	{ ...parentField, required: true },
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			nameEnField,
			orderField,
			{
				displayName: 'Department ID',
				name: 'id',
				type: 'number',
				default: 2,
				description: 'Your own ID for the new department (greater than 1); WeCom picks one when not set',
			},
		],
	},
]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const extra = ctx.param<IDataObject>('additionalFields', {});
	const body = departmentChanges({
		name: ctx.param<string>('name', ''),
		parentId: ctx.param<number>('parentId', 1),
		nameEn: extra.nameEn,
		order: extra.order,
	});
	if (extra.id !== undefined) {
		const id = checkDepartmentId(extra.id, 'Department ID');
		if (id === 1) throw new FieldError('Department ID', 'is 1, the root', 'Pick an ID greater than 1, or leave it unset.');
		body.id = id;
	}
	// Not replayed after an unknown outcome: a second create would make a second department.
	const answer = await callJson(run.connection.client, {
		method: 'POST',
		path: '/cgi-bin/department/create',
		json: body,
		kind: 'write',
	});
	return { json: { id: Number(answer.id), ...body } };
};
