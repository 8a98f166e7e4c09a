/** Every customer-service account of the Official Account (获取所有客服账号), one item each. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { listOf } from './lists';

export const description = scoped({ resource: ['customerService'], operation: ['listAccounts'] }, []);

export const execute: Operation<OaRun>['execute'] = async function (run) {
	const answer = await callJson(run.client, { method: 'GET', path: '/cgi-bin/customservice/getkflist', kind: 'read' });
	return listOf(answer, 'kf_list');
};
