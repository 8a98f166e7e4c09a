/** Delete a customer-service account (删除客服账号). */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { post } from './requests';
import { kfAccount, kfAccountField } from './fields';

export const description = scoped({ resource: ['customerService'], operation: ['deleteAccount'] }, [kfAccountField]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const body = { kf_account: kfAccount(run.item(itemIndex)) };
	// Not replayed after an unknown outcome: a second delete answers 65401 and would hide that the first worked.
	await post(run, '/customservice/kfaccount/del', body, false);
	return { json: { ...body, deleted: true } };
};
