/**
 * Invite members (邀请成员): batch/invite sends each an SMS or e-mail invitation. At most 1,000 members, 100
 * departments and 100 tags a call; longer lists are refused before sending rather than split, because a split
 * call whose answer is lost could not be told from one that invited (and a replay invites twice).
 */
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { FieldError } from '../../../shared/execution/errors';
import { idList } from '../../../shared/descriptions/wecomRecipients';
import { checkMax, departmentIds, userIds } from '../fields';

export const description = scoped({ resource: ['member'], operation: ['invite'] }, [
	{
		displayName: 'User IDs',
		name: 'userIds',
		type: 'string',
		default: '',
		placeholder: 'zhangsan|lisi',
		description: 'UserIDs (账号) to invite, separated by | or commas; at most 1000',
	},
	{
		displayName: 'Department IDs',
		name: 'departmentIds',
		type: 'string',
		default: '',
		description: 'Invite everyone in these departments, separated by | or commas; at most 100',
	},
	{
		displayName: 'Tag IDs',
		name: 'tagIds',
		type: 'string',
		default: '',
		description: 'Invite everyone with these tags, separated by | or commas; at most 100',
	},
]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const user = userIds(ctx, 'userIds', 'User IDs');
	const party = departmentIds(ctx, 'departmentIds', 'Department IDs');
	const tag = [...new Set(idList(ctx.param<unknown>('tagIds', '')))].map((id) => {
		if (!/^\d{1,10}$/.test(id)) throw new FieldError('Tag IDs', `"${id}" is not a tag ID`, 'Use tag IDs from Tag → List.');
		return Number(id);
	});
	checkMax(user, 1000, 'User IDs');
	checkMax(party, 100, 'Department IDs');
	checkMax(tag, 100, 'Tag IDs');
	if (!user.length && !party.length && !tag.length)
		throw new FieldError('User IDs', 'no member, department or tag is set', 'Fill in User IDs, Department IDs or Tag IDs.');
	const body: Record<string, unknown> = {};
	if (user.length) body.user = user;
	if (party.length) body.party = party;
	if (tag.length) body.tag = tag;
	const answer = await callJson(run.connection.client, { method: 'POST', path: '/cgi-bin/batch/invite', json: body, kind: 'write' });
	return {
		json: {
			...body,
			invaliduser: answer.invaliduser ?? [],
			invalidparty: answer.invalidparty ?? [],
			invalidtag: answer.invalidtag ?? [],
		},
	};
};
