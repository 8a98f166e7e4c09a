/** Count permanent material by type (获取素材总数, material/get_materialcount). */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';

export const description = scoped({ resource: ['material'], operation: ['count'] }, []);

export const execute: Operation<OaRun>['execute'] = async function (run) {
	const answer = await callJson(run.client, {
		method: 'GET',
		path: '/cgi-bin/material/get_materialcount',
		kind: 'read',
	});
	const count = (key: string) => Number(answer[key] ?? 0);
	return {
		json: {
			image_count: count('image_count'),
			voice_count: count('voice_count'),
			video_count: count('video_count'),
			news_count: count('news_count'),
		},
	};
};
