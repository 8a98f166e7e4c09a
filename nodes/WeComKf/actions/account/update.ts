/** Rename an account or change its avatar (kf/account/update); only what is set is sent. */
import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { mediaProperties, resolveMedia } from '../../../shared/descriptions/wecomMessage/media';
import { FieldError } from '../../../shared/execution/errors';
import { openKfidProperty, requireOpenKfid, optionsField } from '../fields';
import { accountName, nameProperty } from './name';

export const description = scoped({ resource: ['account'], operation: ['update'] }, [
	{ ...openKfidProperty, default: '' },
	{ ...nameProperty, description: 'New name, at most 16 characters; empty keeps the name' },
	{
		displayName: 'Change Avatar',
		name: 'changeAvatar',
		type: 'boolean',
		default: false,
		description: 'Whether to upload a new avatar',
	},
	...scoped({ changeAvatar: [true] }, mediaProperties('Avatar', 'avatar image (JPG/PNG)')),
	optionsField(),
]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const openKfid = requireOpenKfid(ctx);
	const name = accountName(ctx, false);
	const changeAvatar = ctx.param<boolean>('changeAvatar', false);
	if (!name && !changeAvatar)
		throw new FieldError('Name', 'is empty and the avatar stays', 'Enter a new name, or turn on Change Avatar.');
	const body: IDataObject = { open_kfid: openKfid };
	if (name) body.name = name;
	if (changeAvatar) body.media_id = await resolveMedia(ctx, 'image', 'Avatar');
	await callJson(run.connection.client, {
		method: 'POST',
		path: '/cgi-bin/kf/account/update',
		json: body,
		kind: 'write',
		deduplicated: true,
	});
	return { json: { ...body, updated: true } };
};
