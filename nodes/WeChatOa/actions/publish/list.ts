/** List published articles (获取成功发布列表, freepublish/batchget): one item per publish, one page or all. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { pagingProperties, readOffsetPages } from '../paging';
import { withoutContentProperty } from '../withoutContent';

export const description = scoped({ resource: ['publish'], operation: ['list'] }, [
	...pagingProperties,
	withoutContentProperty,
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const noContent = ctx.param<boolean>('noContent', false) ? 1 : 0;
	return await readOffsetPages(run.client, ctx, (page) => ({
		method: 'POST',
		path: '/cgi-bin/freepublish/batchget',
		json: { ...page, no_content: noContent },
		kind: 'read',
	}));
};
