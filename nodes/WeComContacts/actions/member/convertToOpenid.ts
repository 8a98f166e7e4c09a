/** A member's openid (userid转openid): user/convert_to_openid, for WeChat Pay and other WeChat services. */
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { userId, userIdField } from '../fields';

export const description = scoped({ resource: ['member'], operation: ['convertToOpenid'] }, [userIdField]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const userid = userId(run.item(itemIndex));
	const answer = await callJson(run.connection.client, {
		method: 'POST',
		path: '/cgi-bin/user/convert_to_openid',
		json: { userid },
		kind: 'read',
	});
	return { json: { userid, openid: String(answer.openid) } };
};
