/** Preview a mass message on one phone (预览接口), by openid or WeChat ID; WeChat allows 100 a day. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { buildMassContent, massContentProperties } from '../../../shared/descriptions/oaMass/content';
import { FieldError } from '../../../shared/execution/errors';
import { callJson } from '../../../shared/transport/client';

export const description = scoped({ resource: ['mass'], operation: ['preview'] }, [
	{
		displayName: 'Preview To',
		name: 'previewTo',
		type: 'options',
		options: [
			{ name: 'OpenID', value: 'openid' },
			{ name: 'WeChat ID (微信号)', value: 'wxname' },
		],
		default: 'openid',
	},
	{
		displayName: 'Recipient',
		name: 'previewRecipient',
		type: 'string',
		default: '',
		required: true,
		description: 'The openid, or the WeChat ID (微信号) of a follower',
	},
	...massContentProperties,
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const recipient = ctx.text('previewRecipient');
	if (!recipient)
		throw new FieldError('Recipient', 'is empty', 'Enter the openid or WeChat ID that should see the preview.');
	const to = ctx.param<string>('previewTo', 'openid') === 'wxname' ? { towxname: recipient } : { touser: recipient };
	const content = await buildMassContent(ctx, 'preview');
	const body = { ...to, ...content };
	const answer = await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/message/mass/preview',
		json: body,
		kind: 'write',
	});
	return {
		json: {
			...to,
			msgtype: content.msgtype,
			msg_id: answer.msg_id === undefined ? '' : String(answer.msg_id),
			previewed: true,
		},
	};
};
