/** Publish a draft (发布草稿, freepublish/submit): starts a publish job; the result comes later. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { draftIdProperty, readDraftId } from '../draft/draftId';

export const description = scoped({ resource: ['publish'], operation: ['submit'] }, [
	{ ...draftIdProperty, description: 'The media_id of the draft to publish; the draft leaves the draft box' },
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const mediaId = readDraftId(run.item(itemIndex));
	// Never replayed after an unknown outcome: a second submit could publish the draft twice.
	const answer = await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/freepublish/submit',
		json: { media_id: mediaId },
		kind: 'write',
	});
	return {
		json: {
			publish_id: String(answer.publish_id),
			msg_data_id: answer.msg_data_id === undefined ? '' : String(answer.msg_data_id),
			media_id: mediaId,
			note: 'Submitted, not yet published: WeChat reports the result as a PUBLISHJOBFINISH event (WeChat OA Trigger) or through Publish: Get Status.',
		},
	};
};
