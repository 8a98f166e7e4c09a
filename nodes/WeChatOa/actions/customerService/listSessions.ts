/** The followers a customer-service account is serving now (获取客服会话列表), one item each. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { kfAccount, kfAccountField } from './fields';
import { listOf } from './lists';

export const description = scoped({ resource: ['customerService'], operation: ['listSessions'] }, [kfAccountField]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const account = kfAccount(run.item(itemIndex));
	const answer = await callJson(run.client, {
		method: 'GET',
		path: '/customservice/kfsession/getsessionlist',
		query: { kf_account: account },
		kind: 'read',
	});
	return listOf(answer, 'sessionlist', { kf_account: account });
};
