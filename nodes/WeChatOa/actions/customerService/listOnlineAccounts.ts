/** The customer-service accounts online now, with how many sessions each is serving (获取在线客服列表). */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { listOf } from './lists';

export const description = scoped({ resource: ['customerService'], operation: ['listOnlineAccounts'] }, []);

export const execute: Operation<OaRun>['execute'] = async function (run) {
	const answer = await callJson(run.client, {
		method: 'GET',
		path: '/cgi-bin/customservice/getonlinekflist',
		kind: 'read',
	});
	return listOf(answer, 'kf_online_list');
};
