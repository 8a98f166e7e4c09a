/** List permanent material of one type (获取素材列表, material/batchget_material), one page or all. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { pagingProperties, readOffsetPages } from '../paging';

export const description = scoped({ resource: ['material'], operation: ['list'] }, [
	{
		displayName: 'Material Type',
		name: 'listType',
		type: 'options',
		options: [
			{ name: 'Image', value: 'image' },
			{ name: 'News (Old Article Material)', value: 'news' },
			{ name: 'Video', value: 'video' },
			{ name: 'Voice', value: 'voice' },
		],
		default: 'image',
	},
	...pagingProperties,
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const type = ctx.param<string>('listType', 'image');
	return await readOffsetPages(run.client, ctx, (page) => ({
		method: 'POST',
		path: '/cgi-bin/material/batchget_material',
		json: { type, ...page },
		kind: 'read',
	}));
};
