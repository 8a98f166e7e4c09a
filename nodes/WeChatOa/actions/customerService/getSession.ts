/** Which customer-service account is serving a follower now, if any (获取客户会话状态). */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { follower, followerField } from './fields';

export const description = scoped({ resource: ['customerService'], operation: ['getSession'] }, [followerField]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const openid = follower(run.item(itemIndex));
	const answer = await callJson(run.client, {
		method: 'GET',
		path: '/customservice/kfsession/getsession',
		query: { openid },
		kind: 'read',
	});
	// "如果不存在，则kf_account为空".
	const account = String(answer.kf_account ?? '');
	return { json: { openid, kf_account: account, createtime: answer.createtime ?? 0, inSession: account !== '' } };
};
