/**
 * Short key (短key托管, replacing the retired long-URL shortener): shorten/gen turns up to 4 KB of text into a
 * 15-character key that shorten/fetch turns back, for up to 30 days.
 */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { FieldError } from '../../../shared/execution/errors';
import { checkBytes } from '../../../shared/execution/itemContext';
import { callJson } from '../../../shared/transport/client';
import { MAX_EXPIRE_SECONDS } from './create';

export const description = scoped({ resource: ['qrCode'], operation: ['createShortKey'] }, [
	{
		displayName: 'Long Data',
		name: 'longData',
		type: 'string',
		typeOptions: { rows: 3 },
		default: '',
		required: true,
		description: 'The text to store (长信息): at most 4 KB, e.g. a URL with many parameters',
	},
	{
		displayName: 'Expire After (Seconds)',
		name: 'expireSeconds',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_EXPIRE_SECONDS },
		default: MAX_EXPIRE_SECONDS,
		description: 'How long the key works: up to 2592000 seconds (30 days)',
	},
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const longData = String(ctx.param<unknown>('longData', '') ?? '');
	if (!longData.trim()) throw new FieldError('Long Data', 'is empty', 'Enter the text to store.');
	checkBytes(longData, 4096, 'Long Data');
	const expire = Number(ctx.param<unknown>('expireSeconds', MAX_EXPIRE_SECONDS));
	if (!Number.isInteger(expire) || expire < 1 || expire > MAX_EXPIRE_SECONDS)
		throw new FieldError(
			'Expire After (Seconds)',
			`${expire} is not from 1 to ${MAX_EXPIRE_SECONDS}`,
			'Keys last at most 30 days.',
		);
	// A replay only makes a second key for the same text.
	const answer = await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/shorten/gen',
		json: { long_data: longData, expire_seconds: expire },
		kind: 'write',
		deduplicated: true,
	});
	return { json: { short_key: String(answer.short_key ?? ''), expire_seconds: expire } };
};
