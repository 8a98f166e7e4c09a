/** Add a customer-service account (添加客服账号); a WeChat user is then bound to it in 公众平台 → 客服. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { post } from './requests';
import { kfAccount, kfAccountField, nickname, nicknameField } from './fields';

export const description = scoped({ resource: ['customerService'], operation: ['addAccount'] }, [
	kfAccountField,
	nicknameField,
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const body = { kf_account: kfAccount(ctx), nickname: nickname(ctx) };
	// Not replayed after an unknown outcome: a second add answers 65406 "already exists".
	await post(run, '/customservice/kfaccount/add', body, false);
	return { json: { ...body, added: true } };
};
