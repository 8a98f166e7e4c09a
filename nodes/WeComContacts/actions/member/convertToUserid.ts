/** The member behind a WeCom openid (openid转userid): user/convert_to_userid. */
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { requireText } from '../../../shared/execution/itemContext';

export const description = scoped({ resource: ['member'], operation: ['convertToUserid'] }, [
	{
		displayName: 'OpenID',
		name: 'openId',
		type: 'string',
		default: '',
		required: true,
		description: 'An openid from User ID → OpenID or from WeChat Pay, of this company',
	},
]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const openid = requireText(run.item(itemIndex), 'openId', 'OpenID', 'Enter or map the openid.');
	const answer = await callJson(run.connection.client, {
		method: 'POST',
		path: '/cgi-bin/user/convert_to_userid',
		json: { openid },
		kind: 'read',
	});
	return { json: { openid, userid: String(answer.userid) } };
};
