/** Download temporary media (获取临时素材) into a binary property, named as WeCom names it. */
import type { WeComOperation } from '../types';
import { scoped } from '../../../shared/descriptions/scope';
import { requireText } from '../../../shared/execution/itemContext';
import { callDownload } from '../../../shared/transport/client';
import { concurrencyOption } from '../options';
import { boundedDownload, maxDownloadSizeOption } from '../../../shared/execution/download';

export const description = scoped({ resource: ['media'], operation: ['downloadMedia'] }, [
	{
		displayName: 'Media ID',
		name: 'mediaId',
		type: 'string',
		default: '',
		required: true,
		description: 'A media_id from an upload or from a received message',
	},
	{
		displayName: 'Output Binary Field',
		name: 'outputBinaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'Where to put the downloaded file',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [concurrencyOption, maxDownloadSizeOption],
	},
]);

export const execute: WeComOperation['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const mediaId = requireText(ctx, 'mediaId', 'Media ID', 'Map the media_id to download.');
	const property = requireText(
		ctx,
		'outputBinaryPropertyName',
		'Output Binary Field',
		'Name the binary property, e.g. "data".',
	);
	const file = await boundedDownload(ctx, (maxBytes) =>
		callDownload(run.connection.client, {
			method: 'GET',
			path: '/cgi-bin/media/get',
			query: { media_id: mediaId },
			kind: 'read',
			maxBytes,
		}),
	);
	const binary = await this.helpers.prepareBinaryData(file.data, file.fileName ?? mediaId, file.contentType);
	return {
		json: {
			media_id: mediaId,
			fileName: binary.fileName ?? file.fileName ?? mediaId,
			mimeType: file.contentType,
			size: file.data.length,
		},
		binary: { [property]: binary },
	};
};
