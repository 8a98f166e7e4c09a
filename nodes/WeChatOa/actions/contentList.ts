/**
 * Draft: List and Publish: List are the same operation on two endpoints (draft/batchget, freepublish/batchget):
 * offset/count pages and the no_content switch.
 */
import type { Operation } from '../../shared/execution/router';
import type { OaRun } from '../../shared/oa/run';
import { scoped } from '../../shared/descriptions/scope';
import { pagingProperties, readOffsetPages } from './paging';

export function contentListOperation(resource: string, path: string): Operation<OaRun> {
	return {
		description: scoped({ resource: [resource], operation: ['list'] }, [
			...pagingProperties,
			{
				displayName: 'Without Content',
				name: 'noContent',
				type: 'boolean',
				default: false,
				description:
					'Whether to leave out the HTML of each article (no_content=1): smaller answers when only titles matter',
			},
		]),
		async execute(run, itemIndex) {
			const ctx = run.item(itemIndex);
			const noContent = ctx.param<boolean>('noContent', false) ? 1 : 0;
			return await readOffsetPages(run.client, ctx, (page) => ({
				method: 'POST',
				path,
				json: { ...page, no_content: noContent },
				kind: 'read',
			}));
		},
	};
}
