/** Upload permanent material (新增永久素材, material/add_material): image, voice, video or thumbnail, kept until deleted. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { readBinary } from '../../../shared/execution/binary';
import { checkBytes, requireText } from '../../../shared/execution/itemContext';
import { uploadOaPermanentMaterial, type VideoDescription } from '../../../shared/oa/upload';
import type { OaMediaType } from '../../../shared/media/limits';

export const description = scoped({ resource: ['material'], operation: ['upload'] }, [
	{
		displayName: 'Material Type',
		name: 'materialType',
		type: 'options',
		options: [
			{ name: 'Image (JPG/PNG/GIF/BMP, ≤10 MB)', value: 'image' },
			{ name: 'Thumbnail (JPG, ≤64 KB)', value: 'thumb' },
			{ name: 'Video (MP4, ≤10 MB)', value: 'video' },
			{ name: 'Voice (AMR/MP3, ≤2 MB, ≤60 Seconds)', value: 'voice' },
		],
		default: 'image',
	},
	{ displayName: 'Input Binary Field', name: 'binaryPropertyName', type: 'string', default: 'data', required: true },
	{
		displayName: 'Video Title',
		name: 'videoTitle',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show: { materialType: ['video'] } },
	},
	{
		displayName: 'Video Description',
		name: 'videoIntroduction',
		type: 'string',
		default: '',
		description: 'Introduction shown with the video (简介)',
		displayOptions: { show: { materialType: ['video'] } },
	},
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const type = ctx.param<OaMediaType>('materialType', 'image');
	let video: VideoDescription | undefined;
	if (type === 'video') {
		video = {
			title: requireText(ctx, 'videoTitle', 'Video Title', 'Give the video a title.'),
			introduction: ctx.text('videoIntroduction'),
		};
		checkBytes(video.title, 64 * 3, 'Video Title');
	}
	const file = await readBinary(this, itemIndex, ctx.text('binaryPropertyName'), 'Input Binary Field');
	const answer = await uploadOaPermanentMaterial(run.client, type, file, 'Input Binary Field', video);
	return {
		json: {
			type,
			media_id: String(answer.media_id),
			...(answer.url ? { url: String(answer.url) } : {}),
			fileName: file.fileName,
			size: file.data.length,
		},
	};
};
