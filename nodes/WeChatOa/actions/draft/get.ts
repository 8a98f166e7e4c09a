/** Get a draft (获取草稿, draft/get): its articles. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { draftIdProperty, readDraftId } from './draftId';

export const description = scoped({ resource: ['draft'], operation: ['get'] }, [draftIdProperty]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const mediaId = readDraftId(run.item(itemIndex));
	const answer = await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/draft/get',
		json: { media_id: mediaId },
		kind: 'read',
	});
	return { json: { media_id: mediaId, news_item: Array.isArray(answer.news_item) ? answer.news_item : [] } };
};
