/** The link customers open to chat with an account (kf/add_contact_way), optionally tagged with a scene. */
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { FieldError } from '../../../shared/execution/errors';
import { openKfidProperty, requireOpenKfid, optionsField } from '../fields';

export const description = scoped({ resource: ['account'], operation: ['getContactWay'] }, [
	{ ...openKfidProperty, default: '' },
	{
		displayName: 'Scene',
		name: 'scene',
		type: 'string',
		default: '',
		description:
			'Your own tag for where the link is shown (场景值), at most 32 of 0-9 a-z A-Z _ -; the enter_session event carries it back',
	},
	optionsField(),
]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const openKfid = requireOpenKfid(ctx);
	const scene = ctx.text('scene');
	if (scene && !/^[0-9A-Za-z_-]{1,32}$/.test(scene))
		throw new FieldError('Scene', `"${scene}" is not allowed`, 'Use at most 32 of 0-9 a-z A-Z _ -.');
	const answer = await callJson(run.connection.client, {
		method: 'POST',
		path: '/cgi-bin/kf/add_contact_way',
		json: { open_kfid: openKfid, ...(scene ? { scene } : {}) },
		kind: 'read',
	});
	return { json: { open_kfid: openKfid, ...(scene ? { scene } : {}), url: String(answer.url ?? '') } };
};
