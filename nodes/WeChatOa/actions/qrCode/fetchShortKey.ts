/** Turn a short key back into its text (短key还原): shorten/fetch → long_data, create_time, seconds left. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { requireText } from '../../../shared/execution/itemContext';
import { callJson } from '../../../shared/transport/client';

export const description = scoped({ resource: ['qrCode'], operation: ['fetchShortKey'] }, [
	{
		displayName: 'Short Key',
		name: 'shortKey',
		type: 'string',
		default: '',
		required: true,
		description: 'The 15-character key from Create Short Key',
	},
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const shortKey = requireText(
		run.item(itemIndex),
		'shortKey',
		'Short Key',
		'Map the short_key from Create Short Key.',
	);
	const answer = await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/shorten/fetch',
		json: { short_key: shortKey },
		kind: 'read',
	});
	return {
		json: {
			short_key: shortKey,
			long_data: String(answer.long_data ?? ''),
			create_time: Number(answer.create_time),
			expire_seconds: Number(answer.expire_seconds),
		},
	};
};
