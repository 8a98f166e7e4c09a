/**
 * Add or remove a tag's members (增加 / 删除标签成员): WeCom takes at most 1,000 UserIDs and 100 departments a
 * call, so longer lists are split into consecutive calls. Both are idempotent (tagging a tagged member changes
 * nothing), so a call whose outcome is unknown may be sent again. IDs WeCom refused (outside the app's scope or
 * unknown) are collected from every call's `invalidlist` / `invalidparty`.
 */
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { FieldError } from '../../../shared/execution/errors';
import { idList } from '../../../shared/descriptions/wecomRecipients';
import { callJson } from '../../../shared/transport/client';
import { chunks, departmentIds, tagId, tagIdField, userIds } from '../fields';

const USERS_PER_CALL = 1000;
const PARTIES_PER_CALL = 100;

export function memberOperation(operation: string, path: string): Operation<WeComRun> {
	return {
		description: scoped({ resource: ['tag'], operation: [operation] }, [
			tagIdField,
			{
				displayName: 'Member IDs',
				name: 'userIds',
				type: 'string',
				default: '',
				placeholder: 'zhangsan|lisi',
				description: 'UserIDs (账号), separated by | or commas, or a list from an expression; split 1,000 a call',
			},
			{
				displayName: 'Department IDs',
				name: 'departmentIds',
				type: 'string',
				default: '',
				placeholder: '2|3',
				description: 'Department IDs, separated by | or commas; split 100 a call',
			},
		]),
		async execute(run, itemIndex) {
			const ctx = run.item(itemIndex);
			const tagid = tagId(ctx);
			const users = userIds(ctx, 'userIds', 'Member IDs');
			const parties = departmentIds(ctx, 'departmentIds', 'Department IDs');
			if (!users.length && !parties.length)
				throw new FieldError('Member IDs', 'no member or department is set', 'Fill in Member IDs or Department IDs.');
			const userSlices = chunks(users, USERS_PER_CALL);
			const partySlices = chunks(parties, PARTIES_PER_CALL);
			const invalidUsers: string[] = [];
			const invalidParties: number[] = [];
			const calls = Math.max(userSlices.length, partySlices.length);
			for (let call = 0; call < calls; call++) {
				const body: Record<string, unknown> = { tagid };
				if (userSlices[call]) body.userlist = userSlices[call];
				if (partySlices[call]) body.partylist = partySlices[call];
				const answer = await callJson(run.connection.client, {
					method: 'POST',
					path,
					json: body,
					kind: 'write',
					deduplicated: true,
				});
				invalidUsers.push(...idList(answer.invalidlist));
				invalidParties.push(...((answer.invalidparty ?? []) as number[]));
			}
			return {
				json: { tagid, userlist: users, partylist: parties, invalidlist: invalidUsers, invalidparty: invalidParties, calls },
			};
		},
	};
}
