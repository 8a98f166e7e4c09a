/**
 * Tag or untag followers (批量为用户打标签 / 取消标签): WeChat takes at most 50 openids a call, so a longer list
 * is split into consecutive calls.
 */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { changeMembers, openidList, openIdsField } from '../../../shared/oa/batches';
import { tagId, tagIdField } from './fields';

const TAGGING_BATCH = 50;

export function memberOperation(operation: string, path: string, done: string): Operation<OaRun> {
	return {
		description: scoped({ resource: ['tag'], operation: [operation] }, [tagIdField, openIdsField(TAGGING_BATCH)]),
		async execute(run, itemIndex) {
			const ctx = run.item(itemIndex);
			const tagid = tagId(ctx);
			const openids = openidList(ctx.param<unknown>('openIds', ''), 'OpenIDs');
			const sent = await changeMembers(run.client, path, openids, TAGGING_BATCH, { tagid }, done);
			return { json: { tagid, openids, ...sent } };
		},
	};
}
