/** List departments (获取部门列表): department/list, one output item per department. */
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { listDepartments } from '../../../shared/wecom/directory';
import { optionalDepartmentId } from '../fields';
import { belowField } from './fields';

export const description = scoped({ resource: ['department'], operation: ['list'] }, [belowField]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const below = optionalDepartmentId(run.item(itemIndex), 'departmentId', 'Below Department ID');
	const departments = await listDepartments(run.connection.client, below);
	return departments.map((department) => ({ json: { ...department } }));
};
