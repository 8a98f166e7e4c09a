/** Delete a member (删除成员): user/delete; needs the contact-sync secret. */
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { userId, userIdField } from '../fields';

export const description = scoped({ resource: ['member'], operation: ['delete'] }, [userIdField]);

/** "UserID不存在" on a replay: the first attempt deleted the member. */
const GONE = new Set([60111]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const userid = userId(run.item(itemIndex));
	await callJson(run.connection.client, {
		method: 'GET',
		path: '/cgi-bin/user/delete',
		query: { userid },
		kind: 'write',
		deduplicated: true,
		doneOnReplay: GONE,
	});
	return { json: { userid, deleted: true } };
};
