/** List the customer service accounts (kf/account/list), every page: 100 a page, offset-based. */
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';

const PAGE = 100;
/** WeCom allows a few thousand accounts per corp; this bounds a misbehaving server's endless pages. */
const MAX_PAGES = 100;

export const description = scoped({ resource: ['account'], operation: ['list'] }, [
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{ name: 'One Item per Account', value: 'items' },
			{ name: 'One Item With All Accounts', value: 'single' },
		],
		default: 'items',
	},
]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const accounts: Array<Record<string, unknown>> = [];
	for (let page = 0; page < MAX_PAGES; page++) {
		const answer = await callJson(run.connection.client, {
			method: 'POST',
			path: '/cgi-bin/kf/account/list',
			json: { offset: page * PAGE, limit: PAGE },
			kind: 'read',
		});
		const list = Array.isArray(answer.account_list) ? (answer.account_list as Array<Record<string, unknown>>) : [];
		accounts.push(...list);
		if (list.length < PAGE) break;
	}
	const rows = accounts.map((account) => ({
		open_kfid: String(account.open_kfid ?? ''),
		name: String(account.name ?? ''),
		avatar: String(account.avatar ?? ''),
		manage_privilege: account.manage_privilege === true,
	}));
	if (run.item(itemIndex).param<string>('output', 'items') === 'single') return { json: { accounts: rows } };
	return rows.map((json) => ({ json }));
};
