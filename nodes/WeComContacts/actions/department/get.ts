/** Get one department (获取单个部门详情): department/get. */
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { departmentId } from '../fields';
import { idField } from './fields';

export const description = scoped({ resource: ['department'], operation: ['get'] }, [idField]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const id = departmentId(run.item(itemIndex), 'departmentId', 'Department ID');
	const answer = await callJson(run.connection.client, {
		method: 'GET',
		path: '/cgi-bin/department/get',
		query: { id },
		kind: 'read',
	});
	return { json: { ...(answer.department as object) } };
};
