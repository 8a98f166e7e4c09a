/**
 * Delete many members (批量删除成员): user/batchdelete takes at most 200 UserIDs a call, so a longer list is
 * split into consecutive calls. WeCom refuses a whole call when one UserID is unknown, so the calls stop at the
 * first refusal and the error says how many were already deleted.
 */
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { FieldError, toNodeError } from '../../../shared/execution/errors';
import { chunks, userIds } from '../fields';

const PER_CALL = 200;

export const description = scoped({ resource: ['member'], operation: ['deleteMany'] }, [
	{
		displayName: 'User IDs',
		name: 'userIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'zhangsan|lisi',
		description: 'UserIDs (账号), separated by | or commas, or a list from an expression; sent 200 a call',
	},
]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const users = userIds(run.item(itemIndex), 'userIds', 'User IDs');
	if (!users.length) throw new FieldError('User IDs', 'is empty', 'Enter or map the UserIDs to delete.');
	let deleted = 0;
	for (const useridlist of chunks(users, PER_CALL)) {
		try {
			await callJson(run.connection.client, {
				method: 'POST',
				path: '/cgi-bin/user/batchdelete',
				json: { useridlist },
				kind: 'write',
			});
		} catch (error) {
			const failure = toNodeError(this.getNode(), error, itemIndex);
			if (deleted > 0) failure.message += ` (the first ${deleted} UserIDs were deleted by earlier calls)`;
			throw failure;
		}
		deleted += useridlist.length;
	}
	return { json: { useridlist: users, deleted } };
};
