/** Show or hide "typing…" in the user's chat (客服输入状态), while a slow reply is being prepared. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { requireText } from '../../../shared/execution/itemContext';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';

export const description = scoped({ resource: ['customerService'], operation: ['typing'] }, [
	{
		displayName: 'Recipient OpenID',
		name: 'toUser',
		type: 'string',
		default: '={{ $json.FromUserName }}',
		required: true,
	},
	{
		displayName: 'Status',
		name: 'command',
		type: 'options',
		options: [
			{ name: 'Typing', value: 'Typing' },
			{ name: 'Cancel Typing', value: 'CancelTyping' },
		],
		default: 'Typing',
	},
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const touser = requireText(ctx, 'toUser', 'Recipient OpenID', "Map the follower's openid.");
	const command = ctx.param<string>('command', 'Typing');
	await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/message/custom/typing',
		json: { touser, command },
		kind: 'write',
		deduplicated: true,
	});
	return { json: { touser, command } };
};
