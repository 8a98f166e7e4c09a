/** Send to all followers or to a tag (根据标签进行群发, sendall). */
import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { buildMassContent, massContentProperties } from '../../../shared/descriptions/oaMass/content';
import { clientMessageIdOption } from '../../../shared/oa/clientMessageId';
import { FieldError } from '../../../shared/execution/errors';
import { submitMassJob } from '../../../shared/oa/massJob';

export const description = scoped({ resource: ['mass'], operation: ['sendAll'] }, [
	{
		displayName: 'Audience',
		name: 'audience',
		type: 'options',
		options: [
			{ name: 'All Followers', value: 'all' },
			{ name: 'Followers With a Tag', value: 'tag' },
		],
		default: 'tag',
	},
	{
		displayName: 'Tag ID',
		name: 'tagId',
		type: 'number',
		default: 0,
		required: true,
		description: 'From List Tags (标签ID)',
		displayOptions: { show: { audience: ['tag'] } },
	},
	...massContentProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [clientMessageIdOption],
	},
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	let filter: IDataObject = { is_to_all: true };
	if (ctx.param<string>('audience', 'tag') === 'tag') {
		const tagId = Number(ctx.param<unknown>('tagId', 0));
		if (!Number.isInteger(tagId) || tagId < 0)
			throw new FieldError('Tag ID', `${tagId} is not a tag ID`, 'Use a tag ID from List Tags.');
		filter = { is_to_all: false, tag_id: tagId };
	}
	const body = { filter, ...(await buildMassContent(ctx, 'sendAll')) };
	return {
		json: { ...(await submitMassJob(this, run, ctx, '/cgi-bin/message/mass/sendall', body)), audience: filter },
	};
};
