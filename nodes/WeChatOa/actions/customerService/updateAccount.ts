/** Rename a customer-service account (修改客服账号). */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { post } from './requests';
import { kfAccount, kfAccountField, nickname, nicknameField } from './fields';

export const description = scoped({ resource: ['customerService'], operation: ['updateAccount'] }, [
	kfAccountField,
	{ ...nicknameField, description: 'The new name followers see (客服昵称), at most 16 characters' },
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const body = { kf_account: kfAccount(ctx), nickname: nickname(ctx) };
	// Setting the same nickname twice changes nothing, so a replay is safe.
	await post(run, '/customservice/kfaccount/update', body, true);
	return { json: { ...body, updated: true } };
};
