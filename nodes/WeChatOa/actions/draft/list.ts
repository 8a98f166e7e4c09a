/** List drafts (获取草稿列表, draft/batchget): one item per draft, one page or all. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { pagingProperties, readOffsetPages } from '../paging';
import { withoutContentProperty } from '../withoutContent';

export const description = scoped({ resource: ['draft'], operation: ['list'] }, [
	...pagingProperties,
	withoutContentProperty,
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const noContent = ctx.param<boolean>('noContent', false) ? 1 : 0;
	return await readOffsetPages(run.client, ctx, (page) => ({
		method: 'POST',
		path: '/cgi-bin/draft/batchget',
		json: { ...page, no_content: noContent },
		kind: 'read',
	}));
};
