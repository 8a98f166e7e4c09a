/** Which menu a follower sees (测试个性化菜单匹配结果): menu/trymatch with an openid or WeChat ID. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { requireText } from '../../../shared/execution/itemContext';
import { callJson } from '../../../shared/transport/client';

export const description = scoped({ resource: ['menu'], operation: ['tryMatch'] }, [
	{
		displayName: 'User',
		name: 'userId',
		type: 'string',
		default: '',
		required: true,
		description: "The follower's openid or WeChat ID (微信号)",
	},
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const userId = requireText(run.item(itemIndex), 'userId', 'User', "Enter the follower's openid or WeChat ID.");
	const answer = await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/menu/trymatch',
		json: { user_id: userId },
		kind: 'read',
	});
	return { json: { user_id: userId, button: Array.isArray(answer.button) ? answer.button : [] } };
};
