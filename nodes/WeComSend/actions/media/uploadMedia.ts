/** Upload temporary media (上传临时素材): a media_id valid 3 days, usable by every app of the company. */
import type { WeComOperation } from '../types';
import { scoped } from '../../../shared/descriptions/scope';
import { readBinary } from '../../../shared/execution/binary';
import { uploadTemporaryMedia } from '../../../shared/wecom/upload';
import type { WeComMediaType } from '../../../shared/media/limits';
import { concurrencyOption } from '../options';

export const description = scoped({ resource: ['media'], operation: ['uploadMedia'] }, [
	{
		displayName: 'Media Type',
		name: 'mediaType',
		type: 'options',
		options: [
			{ name: 'File (≤20 MB)', value: 'file' },
			{ name: 'Image (JPG/PNG, ≤10 MB)', value: 'image' },
			{ name: 'Video (MP4, ≤10 MB)', value: 'video' },
			{ name: 'Voice (AMR, ≤2 MB, ≤60 Seconds)', value: 'voice' },
		],
		default: 'image',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The binary property of the input item that holds the file',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [concurrencyOption],
	},
]);

export const execute: WeComOperation['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const type = ctx.param<WeComMediaType>('mediaType');
	const file = await readBinary(this, itemIndex, ctx.param<string>('binaryPropertyName'), 'Input Binary Field');
	const answer = await uploadTemporaryMedia(run.connection.client, type, file, 'Input Binary Field');
	return {
		json: {
			type: String(answer.type ?? type),
			media_id: String(answer.media_id),
			created_at: String(answer.created_at ?? ''),
			fileName: file.fileName,
			size: file.data.length,
		},
	};
};
