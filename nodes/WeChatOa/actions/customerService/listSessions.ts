/** The followers a customer-service account is serving now (获取客服会话列表), one item each. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { kfAccount, kfAccountField } from './fields';
import { getList } from './requests';

export const description = scoped({ resource: ['customerService'], operation: ['listSessions'] }, [kfAccountField]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const account = kfAccount(run.item(itemIndex));
	return await getList(run, '/customservice/kfsession/getsessionlist', 'sessionlist', {
		query: { kf_account: account },
		extra: () => ({ kf_account: account }),
	});
};
