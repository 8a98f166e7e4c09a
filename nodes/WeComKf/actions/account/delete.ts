/** Delete a customer service account (kf/account/del). */
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { openKfidProperty, requireOpenKfid, optionsField } from '../fields';

export const description = scoped({ resource: ['account'], operation: ['delete'] }, [
	{ ...openKfidProperty, default: '' },
	optionsField(),
]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const openKfid = requireOpenKfid(run.item(itemIndex));
	await callJson(run.connection.client, {
		method: 'POST',
		path: '/cgi-bin/kf/account/del',
		json: { open_kfid: openKfid },
		kind: 'write',
	});
	return { json: { open_kfid: openKfid, deleted: true } };
};
