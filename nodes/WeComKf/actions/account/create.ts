/** Create a customer service account (kf/account/add): a name and an avatar, uploaded from binary first. */
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { optionsField } from '../fields';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { mediaProperties, resolveMedia } from '../../../shared/descriptions/wecomMessage/media';
import { accountName, nameProperty } from './name';

export const description = scoped({ resource: ['account'], operation: ['create'] }, [
	{ ...nameProperty, required: true },
	...mediaProperties('Avatar', 'avatar image (JPG/PNG)'),
	optionsField(),
]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const name = accountName(ctx, true);
	const mediaId = await resolveMedia(ctx, 'image', 'Avatar');
	// Not replayed after an unknown outcome: a second add would make a second account.
	const answer = await callJson(run.connection.client, {
		method: 'POST',
		path: '/cgi-bin/kf/account/add',
		json: { name, media_id: mediaId },
		kind: 'write',
	});
	return { json: { open_kfid: String(answer.open_kfid ?? ''), name } };
};
