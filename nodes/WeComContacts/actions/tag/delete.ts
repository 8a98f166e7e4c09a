/** Delete a tag (删除标签): tag/delete. */
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { tagId, tagIdField } from '../fields';

export const description = scoped({ resource: ['tag'], operation: ['delete'] }, [tagIdField]);

/** "不合法的标签ID" on a replay: the first attempt deleted it. */
const GONE = new Set([40068]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const tagid = tagId(run.item(itemIndex));
	await callJson(run.connection.client, {
		method: 'GET',
		path: '/cgi-bin/tag/delete',
		query: { tagid },
		kind: 'write',
		deduplicated: true,
		doneOnReplay: GONE,
	});
	return { json: { tagid, deleted: true } };
};
