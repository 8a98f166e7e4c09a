import type { INodeProperties } from 'n8n-workflow';
import { operationFields, operationPicker } from '../../../shared/descriptions/operationPicker';
import * as uploadMedia from './uploadMedia';
import * as uploadImage from './uploadImage';
import * as downloadMedia from './downloadMedia';

export const operations = { uploadMedia, uploadImage, downloadMedia };

export const description: INodeProperties[] = [
	operationPicker(
		'media',
		[
			{
				name: 'Download Media',
				value: 'downloadMedia',
				action: 'Download media',
				description: 'Download temporary media to a binary property (获取临时素材)',
			},
			{
				name: 'Upload Image',
				value: 'uploadImage',
				action: 'Upload an image',
				description: 'Upload an image for a permanent URL (上传图片)',
			},
			{
				name: 'Upload Media',
				value: 'uploadMedia',
				action: 'Upload temporary media',
				description: 'Upload an image, voice, video or file for a media_id valid 3 days (上传临时素材)',
			},
		],
		'uploadMedia',
	),
	...operationFields({ media: operations }),
];
