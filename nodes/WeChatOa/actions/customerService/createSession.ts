/** Put a follower in a session with a customer-service account (创建会话); the account must be bound and online. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { post } from './requests';
import { follower, followerField, kfAccount, kfAccountField } from './fields';

export const description = scoped({ resource: ['customerService'], operation: ['createSession'] }, [
	kfAccountField,
	followerField,
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const body = { kf_account: kfAccount(ctx), openid: follower(ctx) };
	// "如果该客服和用户会话已存在，则直接返回0": creating it again is harmless, so a replay is safe.
	await post(run, '/customservice/kfsession/create', body, true);
	return { json: { ...body, created: true } };
};
