/** Upload temporary media (新增临时素材): image, voice, video or thumbnail, valid 3 days. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { readBinary } from '../../../shared/execution/binary';
import { uploadOaTemporaryMedia } from '../../../shared/oa/upload';
import type { OaMediaType } from '../../../shared/media/limits';

export const description = scoped({ resource: ['upload'], operation: ['uploadMedia'] }, [
	{
		displayName: 'Media Type',
		name: 'mediaType',
		type: 'options',
		options: [
			{ name: 'Image (JPG/PNG/GIF, ≤10 MB)', value: 'image' },
			{ name: 'Thumbnail (JPG, ≤64 KB)', value: 'thumb' },
			{ name: 'Video (MP4, ≤10 MB)', value: 'video' },
			{ name: 'Voice (AMR/MP3, ≤2 MB)', value: 'voice' },
		],
		default: 'image',
	},
	{ displayName: 'Input Binary Field', name: 'binaryPropertyName', type: 'string', default: 'data', required: true },
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const type = ctx.param<OaMediaType>('mediaType', 'image');
	const file = await readBinary(this, itemIndex, ctx.text('binaryPropertyName'), 'Input Binary Field');
	const answer = await uploadOaTemporaryMedia(run.client, type, file, 'Input Binary Field');
	return {
		json: {
			type: String(answer.type ?? type),
			// Thumbnails come back as thumb_media_id on the real servers.
			media_id: String(answer.thumb_media_id ?? answer.media_id),
			created_at: String(answer.created_at ?? ''),
			fileName: file.fileName,
			size: file.data.length,
		},
	};
};
