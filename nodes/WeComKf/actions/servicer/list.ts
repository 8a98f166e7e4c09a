/** The servicers (接待人员) of an account (kf/servicer/list), with whether each is receiving (接待中). */
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { openKfidProperty, requireOpenKfid, optionsField } from '../fields';

export const description = scoped({ resource: ['servicer'], operation: ['list'] }, [
	{ ...openKfidProperty, default: '' },
	optionsField(),
]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const openKfid = requireOpenKfid(run.item(itemIndex));
	const answer = await callJson(run.connection.client, {
		method: 'GET',
		path: '/cgi-bin/kf/servicer/list',
		query: { open_kfid: openKfid },
		kind: 'read',
	});
	const list = Array.isArray(answer.servicer_list) ? (answer.servicer_list as Array<Record<string, unknown>>) : [];
	return {
		json: {
			open_kfid: openKfid,
			servicers: list.map((entry) => ({
				...(entry.userid !== undefined ? { userid: String(entry.userid) } : {}),
				...(entry.department_id !== undefined ? { department_id: Number(entry.department_id) } : {}),
				// 0 接待中 (receiving), 1 停止接待 (paused).
				...(entry.status !== undefined ? { receiving: Number(entry.status) === 0 } : {}),
			})),
		},
	};
};
