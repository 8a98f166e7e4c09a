/** The Permanent Material resource (永久素材): images, voice, video and thumbnails kept until deleted. */
import { operationPicker } from '../../../shared/descriptions/operationPicker';
import type { OaResourceModule } from '../resourceModule';
import * as upload from './upload';
import * as get from './get';
import * as deleteMaterial from './delete';
import * as count from './count';
import * as list from './list';

export const materialResource: OaResourceModule = {
	option: {
		name: 'Permanent Material',
		value: 'material',
		description: 'Images, voice, video and thumbnails kept until deleted: covers for drafts (永久素材)',
	},
	picker: operationPicker(
		'material',
		[
			{
				name: 'Count',
				value: 'count',
				action: 'Count permanent material',
				description: 'How many of each type (获取素材总数)',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete permanent material',
				description: 'Delete material (删除永久素材)',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get permanent material',
				description: 'Download an image, voice or thumbnail; a video as its download URL (获取永久素材)',
			},
			{
				name: 'List',
				value: 'list',
				action: 'List permanent material',
				description: 'Material of one type (获取素材列表)',
			},
			{
				name: 'Upload',
				value: 'upload',
				action: 'Upload permanent material',
				description: 'Upload an image, voice, video or thumbnail (新增永久素材)',
			},
		],
		'upload',
	),
	operations: { upload, get, delete: deleteMaterial, count, list },
};
