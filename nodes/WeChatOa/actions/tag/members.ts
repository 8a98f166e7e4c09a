/**
 * Tag or untag followers (批量为用户打标签 / 取消标签): WeChat takes at most 50 openids a call, so a longer list
 * is split into consecutive calls. Both are idempotent (tagging a tagged follower changes nothing), so a call
 * whose outcome is unknown may be sent again.
 */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { inBatches, openidList, openIdsField } from '../../../shared/oa/batches';
import { tagId, tagIdField } from './fields';

const TAGGING_BATCH = 50;

export function memberOperation(operation: string, path: string, done: string): Operation<OaRun> {
	return {
		description: scoped({ resource: ['tag'], operation: [operation] }, [tagIdField, openIdsField(TAGGING_BATCH)]),
		async execute(run, itemIndex) {
			const ctx = run.item(itemIndex);
			const tagid = tagId(ctx);
			const openids = openidList(ctx.param<unknown>('openIds', ''), 'OpenIDs');
			const calls = await inBatches(
				openids,
				TAGGING_BATCH,
				(openid_list) =>
					callJson(run.client, {
						method: 'POST',
						path,
						json: { openid_list, tagid },
						kind: 'write',
						deduplicated: true,
					}),
				done,
			);
			return { json: { tagid, openids, count: openids.length, calls: calls.length } };
		},
	};
}
