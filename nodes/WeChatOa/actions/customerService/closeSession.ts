/** End a follower's session with a customer-service account (关闭会话). */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { post } from './requests';
import { follower, followerField, kfAccount, kfAccountField } from './fields';

export const description = scoped({ resource: ['customerService'], operation: ['closeSession'] }, [
	kfAccountField,
	followerField,
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const body = { kf_account: kfAccount(ctx), openid: follower(ctx) };
	// Not replayed after an unknown outcome: a second close answers 65413 "no session".
	await post(run, '/customservice/kfsession/close', body, false);
	return { json: { ...body, closed: true } };
};
