/**
 * The members of a department. Details (读取部门成员详情, user/list) work with the app's own secret, within its
 * visibility scope, one department a call (sub-departments come from department/simplelist). IDs only (获取成员ID列表, user/list_id) is WeCom's newer cursor-paged API for
 * the whole company: it works only with the contact-sync secret, and every page is read. One output item per member.
 */
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { listDepartmentIds, listMemberIds, listMembers, membersOf } from '../../../shared/wecom/directory';
import { departmentId, optionalDepartmentId } from '../fields';

export const description = scoped({ resource: ['member'], operation: ['list'] }, [
	{
		displayName: 'Return',
		name: 'detail',
		type: 'options',
		options: [
			{
				name: 'Details',
				value: 'details',
				description: "Each member's fields (user/list): the app's own secret, members in its visible range",
			},
			{
				name: 'IDs Only',
				value: 'ids',
				description: 'UserIDs and their departments, every page (user/list_id): needs the contact-sync secret (通讯录同步 Secret)',
			},
		],
		default: 'details',
	},
	{
		displayName: 'Department ID',
		name: 'departmentId',
		type: 'number',
		default: 1,
		required: true,
		description: 'Members directly in this department (部门ID); 1 is the root',
		displayOptions: { show: { detail: ['details'] } },
	},
	{
		displayName: 'Include Sub-Departments',
		name: 'fetchChild',
		type: 'boolean',
		default: false,
		description: 'Whether to list the members of every department below it too, read department by department',
		displayOptions: { show: { detail: ['details'] } },
	},
	{
		displayName: 'Department ID',
		name: 'departmentId',
		type: 'number',
		default: 0,
		description: 'Only members directly in this department; 0 lists every member of the company',
		displayOptions: { show: { detail: ['ids'] } },
	},
]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const client = run.connection.client;
	if (ctx.param<string>('detail', 'details') === 'details') {
		const department = departmentId(ctx, 'departmentId', 'Department ID');
		const departments = ctx.param<boolean>('fetchChild', false)
			? (await listDepartmentIds(client, department)).map((entry) => entry.id)
			: [department];
		const members = await membersOf(departments, (id) => listMembers(client, id));
		return members.map((member) => ({ json: { ...member } }));
	}
	const only = optionalDepartmentId(ctx, 'departmentId', 'Department ID');
	// list_id answers one pair per member and department: fold them into one entry per member.
	const departments = new Map<string, number[]>();
	for (const pair of await listMemberIds(client)) {
		departments.set(pair.userid, [...(departments.get(pair.userid) ?? []), pair.department]);
	}
	return [...departments]
		.filter(([, ids]) => only === undefined || ids.includes(only))
		.map(([userid, department]) => ({ json: { userid, department } }));
};
