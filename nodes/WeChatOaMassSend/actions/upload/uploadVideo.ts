/** Turn a video into a mass video (上传视频, uploadvideo): the media_id mpvideo sends need. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { mediaProperties, resolveMedia } from '../../../shared/descriptions/wecomMessage/media';
import { requireText } from '../../../shared/execution/itemContext';
import { callJson } from '../../../shared/transport/client';

export const description = scoped({ resource: ['upload'], operation: ['uploadVideo'] }, [
	...mediaProperties('Video', 'video (MP4, at most 10 MB)'),
	{ displayName: 'Title', name: 'title', type: 'string', default: '', required: true },
	{ displayName: 'Description', name: 'description', type: 'string', default: '', required: true },
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const body = {
		media_id: await resolveMedia(ctx, 'video', 'Video'),
		title: requireText(ctx, 'title', 'Title', 'Give the video a title.'),
		description: requireText(ctx, 'description', 'Description', 'Give the video a description.'),
	};
	const answer = await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/media/uploadvideo',
		json: body,
		kind: 'write',
		deduplicated: true,
	});
	return {
		json: {
			type: String(answer.type ?? 'video'),
			media_id: String(answer.media_id),
			created_at: String(answer.created_at ?? ''),
			source_media_id: body.media_id,
		},
	};
};
