/**
 * List department IDs (获取子部门ID列表): department/simplelist. Apps created since 2022-06-20 may not read
 * department names; this list works for them, one output item per department.
 */
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { listDepartmentIds } from '../../../shared/wecom/directory';
import { optionalDepartmentId } from '../fields';
import { belowField } from './fields';

export const description = scoped({ resource: ['department'], operation: ['listIds'] }, [belowField]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const below = optionalDepartmentId(run.item(itemIndex), 'departmentId', 'Below Department ID');
	const departments = await listDepartmentIds(run.connection.client, below);
	return departments.map((department) => ({ json: { ...department } }));
};
