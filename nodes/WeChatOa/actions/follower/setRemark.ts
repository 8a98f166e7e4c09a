/** Set a follower's remark (设置用户备注名): user/info/updateremark; verified service accounts only (48001). */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { requireText } from '../../../shared/execution/itemContext';
import { FieldError } from '../../../shared/execution/errors';
import { callJson } from '../../../shared/transport/client';
import { openIdField, OPENID_FIX } from './fields';

export const description = scoped({ resource: ['follower'], operation: ['setRemark'] }, [
	openIdField,
	{
		displayName: 'Remark',
		name: 'remark',
		type: 'string',
		default: '',
		description: 'The remark (备注名): under 30 bytes (at most 9 Chinese characters); empty clears it',
	},
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const openid = requireText(ctx, 'openId', 'OpenID', OPENID_FIX);
	const remark = ctx.text('remark');
	const bytes = Buffer.byteLength(remark, 'utf8');
	if (bytes >= 30)
		throw new FieldError(
			'Remark',
			`is ${bytes} bytes; WeChat wants under 30 (errcode 40092)`,
			'Shorten it (a Chinese character counts as 3 bytes).',
		);
	// Setting the same remark again changes nothing, so a replay is harmless.
	await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/user/info/updateremark',
		json: { openid, remark },
		kind: 'write',
		deduplicated: true,
	});
	return { json: { openid, remark } };
};
