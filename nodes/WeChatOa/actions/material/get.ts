/**
 * Get permanent material (获取永久素材, material/get_material): an image, voice or thumbnail comes out as binary
 * with its file name; a video as JSON (title, description, down_url).
 */
import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callDownload } from '../../../shared/transport/client';
import { boundedDownload, maxDownloadSizeOption } from '../../../shared/execution/download';
import { materialIdProperty, readMaterialId } from './mediaId';

export const description = scoped({ resource: ['material'], operation: ['get'] }, [
	materialIdProperty,
	{
		displayName: 'Put Output File in Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The name of the output binary field for images, voice and thumbnails',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [maxDownloadSizeOption],
	},
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const mediaId = readMaterialId(ctx);
	const file = await boundedDownload(ctx, (maxBytes) =>
		callDownload(run.client, {
			method: 'POST',
			path: '/cgi-bin/material/get_material',
			json: { media_id: mediaId },
			kind: 'read',
			maxBytes,
		}),
	);
	if (file.contentType === 'application/json') {
		// Videos (and old article material) are answered as JSON, not as a file.
		return { json: { media_id: mediaId, ...(JSON.parse(file.data.toString('utf8')) as IDataObject) } };
	}
	const fileName = file.fileName ?? mediaId;
	const property = ctx.text('binaryPropertyName') || 'data';
	return {
		json: { media_id: mediaId, fileName, mimeType: file.contentType, size: file.data.length },
		binary: { [property]: await this.helpers.prepareBinaryData(file.data, fileName, file.contentType) },
	};
};
