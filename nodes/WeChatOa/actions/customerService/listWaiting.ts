/** The followers waiting for a customer-service account (获取未接入会话列表), longest-waiting first, one item each. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { listOf } from './lists';

export const description = scoped({ resource: ['customerService'], operation: ['listWaiting'] }, []);

export const execute: Operation<OaRun>['execute'] = async function (run) {
	const answer = await callJson(run.client, {
		method: 'GET',
		path: '/customservice/kfsession/getwaitcase',
		kind: 'read',
	});
	// WeChat returns at most 100 entries; `count` is how many wait in all.
	return listOf(answer, 'waitcaselist', { waiting: Number(answer.count ?? 0) });
};
