/** Delete a department (删除部门): WeCom refuses one that still has members or sub-departments. */
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { FieldError } from '../../../shared/execution/errors';
import { departmentId } from '../fields';
import { idField } from './fields';

export const description = scoped({ resource: ['department'], operation: ['delete'] }, [idField]);

/** "部门ID不存在" on a replay: the first attempt deleted it. */
const GONE = new Set([60003]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const id = departmentId(run.item(itemIndex), 'departmentId', 'Department ID');
	if (id === 1) throw new FieldError('Department ID', 'is 1, the root department', 'The root department cannot be deleted.');
	await callJson(run.connection.client, {
		method: 'GET',
		path: '/cgi-bin/department/delete',
		query: { id },
		kind: 'write',
		deduplicated: true,
		doneOnReplay: GONE,
	});
	return { json: { id, deleted: true } };
};
