/** The followers waiting for a customer-service account (获取未接入会话列表), longest-waiting first, one item each. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { getList } from './requests';

export const description = scoped({ resource: ['customerService'], operation: ['listWaiting'] }, []);

export const execute: Operation<OaRun>['execute'] = async function (run) {
	// WeChat lists at most 100; `count` is how many wait in all.
	return await getList(run, '/customservice/kfsession/getwaitcase', 'waitcaselist', {
		extra: (answer) => ({ waiting: Number(answer.count ?? 0) }),
	});
};
