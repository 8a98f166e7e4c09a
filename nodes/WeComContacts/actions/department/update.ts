/** Update a department (更新部门): rename, move or reorder; fields left out stay as they are. */
import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { FieldError } from '../../../shared/execution/errors';
import { departmentId } from '../fields';
import { changeFields, departmentChanges, idField } from './fields';

export const description = scoped({ resource: ['department'], operation: ['update'] }, [
	idField,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: changeFields,
	},
]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const id = departmentId(ctx, 'departmentId', 'Department ID');
	const changes = departmentChanges(ctx.param<IDataObject>('updateFields', {}));
	if (!Object.keys(changes).length)
		throw new FieldError('Update Fields', 'nothing to change', 'Add the name, parent or order to change.');
	if (changes.parentid === id)
		throw new FieldError('Parent Department ID', 'is the department itself', 'Pick another parent department.');
	// Setting the same values again changes nothing, so a replay after an unknown outcome is safe.
	await callJson(run.connection.client, {
		method: 'POST',
		path: '/cgi-bin/department/update',
		json: { id, ...changes },
		kind: 'write',
		deduplicated: true,
	});
	return { json: { id, updated: true, ...changes } };
};
