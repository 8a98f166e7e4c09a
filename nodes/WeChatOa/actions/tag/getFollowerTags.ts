/** A follower's tags (获取用户身上的标签列表): tags/getidlist → the tag IDs. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { requireText } from '../../../shared/execution/itemContext';
import { callJson } from '../../../shared/transport/client';

export const description = scoped({ resource: ['tag'], operation: ['getFollowerTags'] }, [
	{
		displayName: 'OpenID',
		name: 'openId',
		type: 'string',
		default: '',
		required: true,
		description: "The follower's openid",
	},
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const openid = requireText(
		run.item(itemIndex),
		'openId',
		'OpenID',
		"Enter the follower's openid, e.g. {{ $json.FromUserName }}.",
	);
	const answer = await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/tags/getidlist',
		json: { openid },
		kind: 'read',
	});
	return { json: { openid, tagid_list: Array.isArray(answer.tagid_list) ? answer.tagid_list : [] } };
};
