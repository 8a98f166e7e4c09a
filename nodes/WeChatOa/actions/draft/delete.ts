/** Delete a draft (删除草稿, draft/delete); it cannot be recovered. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { draftIdProperty, readDraftId } from './draftId';

export const description = scoped({ resource: ['draft'], operation: ['delete'] }, [draftIdProperty]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const mediaId = readDraftId(run.item(itemIndex));
	// Not replayed: a retry after a lost answer would report 40007 for a draft that was in fact deleted.
	await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/draft/delete',
		json: { media_id: mediaId },
		kind: 'write',
	});
	return { json: { media_id: mediaId, deleted: true } };
};
