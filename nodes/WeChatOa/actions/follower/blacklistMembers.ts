/**
 * Blacklist or unblacklist followers (拉黑用户 / 取消拉黑用户): WeChat takes at most 20 openids a call, so a
 * longer list is split. Both are idempotent, so a call whose outcome is unknown may be sent again.
 */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { inBatches, openidList, openIdsField } from '../../../shared/oa/batches';

const BLACKLIST_BATCH = 20;

export function blacklistOperation(operation: string, path: string, done: string): Operation<OaRun> {
	return {
		description: scoped({ resource: ['follower'], operation: [operation] }, [openIdsField(BLACKLIST_BATCH)]),
		async execute(run, itemIndex) {
			const openids = openidList(run.item(itemIndex).param<unknown>('openIds', ''), 'OpenIDs');
			const calls = await inBatches(
				openids,
				BLACKLIST_BATCH,
				(openid_list) =>
					callJson(run.client, { method: 'POST', path, json: { openid_list }, kind: 'write', deduplicated: true }),
				done,
			);
			return { json: { openids, count: openids.length, calls: calls.length } };
		},
	};
}
