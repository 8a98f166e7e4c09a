/**
 * Add or remove servicers (接待人员) of an account: kf/servicer/add|del take at most 100 members and 100
 * departments a call, so longer lists are split; WeCom answers one result per member or department.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { FieldError } from '../../../shared/execution/errors';
import type { ItemContext } from '../../../shared/execution/itemContext';
import { openKfidProperty, requireOpenKfid, optionsField } from '../fields';

const PER_CALL = 100;

function listOf(ctx: ItemContext, name: string): string[] {
	const value = ctx.param<unknown>(name, '');
	const parts = Array.isArray(value) ? value.map(String) : String(value ?? '').split(/[|,\s]+/);
	return [...new Set(parts.map((part) => part.trim()).filter(Boolean))];
}

function departments(ctx: ItemContext): number[] {
	return listOf(ctx, 'departmentIds').map((id) => {
		if (!/^\d{1,10}$/.test(id))
			throw new FieldError('Department IDs', `"${id}" is not a department ID`, 'Use numeric department IDs, e.g. 2|3.');
		return Number(id);
	});
}

const fields = (action: string): INodeProperties[] => [
	{ ...openKfidProperty, default: '' },
	{
		displayName: 'Member User IDs',
		name: 'userIds',
		type: 'string',
		default: '',
		placeholder: 'zhangsan|lisi',
		description: `WeCom members to ${action} as servicers (接待人员), separated by | or commas; lists over 100 are sent in parts`,
	},
	{
		displayName: 'Department IDs',
		name: 'departmentIds',
		type: 'string',
		default: '',
		placeholder: '2|3',
		description: `Departments whose members ${action === 'add' ? 'become' : 'stop being'} servicers`,
	},
	optionsField(),
];

export function servicerChange(operation: 'add' | 'remove'): Operation<WeComRun> {
	const path = operation === 'add' ? '/cgi-bin/kf/servicer/add' : '/cgi-bin/kf/servicer/del';
	return {
		description: scoped({ resource: ['servicer'], operation: [operation] }, fields(operation)),
		async execute(run, itemIndex) {
			const ctx = run.item(itemIndex);
			const openKfid = requireOpenKfid(ctx);
			const users = listOf(ctx, 'userIds');
			const parties = departments(ctx);
			if (users.length === 0 && parties.length === 0)
				throw new FieldError(
					'Member User IDs',
					'and Department IDs are empty',
					'Enter at least one member or department.',
				);
			const results: IDataObject[] = [];
			const calls = Math.max(Math.ceil(users.length / PER_CALL), Math.ceil(parties.length / PER_CALL));
			for (let call = 0; call < calls; call++) {
				const userid_list = users.slice(call * PER_CALL, (call + 1) * PER_CALL);
				const department_id_list = parties.slice(call * PER_CALL, (call + 1) * PER_CALL);
				const answer = await callJson(run.connection.client, {
					method: 'POST',
					path,
					json: {
						open_kfid: openKfid,
						...(userid_list.length ? { userid_list } : {}),
						...(department_id_list.length ? { department_id_list } : {}),
					},
					kind: 'write',
					// Adding or removing the same servicer again changes nothing.
					deduplicated: true,
				});
				if (Array.isArray(answer.result_list)) results.push(...(answer.result_list as IDataObject[]));
			}
			const failed = results.filter((result) => Number(result.errcode) !== 0);
			return { json: { open_kfid: openKfid, results, failed: failed.length } };
		},
	};
}
