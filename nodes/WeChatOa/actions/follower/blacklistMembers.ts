/**
 * Blacklist or unblacklist followers (拉黑用户 / 取消拉黑用户): WeChat takes at most 20 openids a call, so a
 * longer list is split.
 */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { changeMembers, openidList, openIdsField } from '../../../shared/oa/batches';

const BLACKLIST_BATCH = 20;

export function blacklistOperation(operation: string, path: string, done: string): Operation<OaRun> {
	return {
		description: scoped({ resource: ['follower'], operation: [operation] }, [openIdsField(BLACKLIST_BATCH)]),
		async execute(run, itemIndex) {
			const openids = openidList(run.item(itemIndex).param<unknown>('openIds', ''), 'OpenIDs');
			return { json: { openids, ...(await changeMembers(run.client, path, openids, BLACKLIST_BATCH, {}, done)) } };
		},
	};
}
