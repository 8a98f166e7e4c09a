/**
 * Read a member (读取成员): user/get. Apps created since 2022-06-20 get no mobile, e-mail, avatar, gender or
 * address here (the member has to authorise them); the fields WeCom sent are passed on as they are.
 */
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { userId, userIdField, withoutStatus } from '../fields';

export const description = scoped({ resource: ['member'], operation: ['get'] }, [userIdField]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const userid = userId(run.item(itemIndex));
	const answer = await callJson(run.connection.client, {
		method: 'GET',
		path: '/cgi-bin/user/get',
		query: { userid },
		kind: 'read',
	});
	return { json: withoutStatus(answer) };
};
