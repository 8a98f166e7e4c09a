/**
 * The join QR code (获取加入企业二维码): corp/get_join_qrcode answers a picture URL, which is then downloaded
 * (through the credential's proxy) into a binary property. Needs the contact-sync secret.
 */
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { requireText } from '../../../shared/execution/itemContext';
import { boundedDownload, maxDownloadSizeOption } from '../../../shared/execution/download';
import { httpRequest, TransportError } from '../../../shared/transport/http';
import { withRetry } from '../../../shared/transport/retry';

const PATH = '/cgi-bin/corp/get_join_qrcode';

export const description = scoped({ resource: ['member'], operation: ['getJoinQrCode'] }, [
	{
		displayName: 'Size',
		name: 'sizeType',
		type: 'options',
		options: [
			{ name: '171 × 171', value: 1 },
			{ name: '399 × 399', value: 2 },
			{ name: '741 × 741', value: 3 },
			{ name: '2052 × 2052', value: 4 },
		],
		default: 2,
	},
	{
		displayName: 'Output Binary Field',
		name: 'outputBinaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		description: 'Where to put the picture',
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

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const property = requireText(ctx, 'outputBinaryPropertyName', 'Output Binary Field', 'Name the binary property, e.g. "data".');
	const size_type = Number(ctx.param<unknown>('sizeType', 2));
	const client = run.connection.client;
	const answer = await callJson(client, { method: 'GET', path: PATH, query: { size_type }, kind: 'read' });
	const url = String(answer.join_qrcode ?? '');
	if (!/^https?:\/\//.test(url)) throw new TransportError(`${PATH}: the answer has no join_qrcode URL`, 'no');
	const picture = await boundedDownload(ctx, (maxBytes) =>
		withRetry(
			async () => {
				const response = await httpRequest({ method: 'GET', url, proxyUrl: client.connection.proxyUrl || undefined, maxBytes });
				const mimeType = response.contentType.split(';')[0].trim().toLowerCase();
				if (response.status >= 500) throw new TransportError(`join QR code: HTTP ${response.status}`, 'maybe', { status: response.status });
				if (response.status !== 200 || !mimeType.startsWith('image/'))
					throw new TransportError(`join QR code: HTTP ${response.status} (${mimeType || 'no content type'}) instead of a picture`, 'no', { status: response.status });
				return { data: response.body, mimeType };
			},
			{ kind: 'read', deduplicated: false },
		),
	);
	const fileName = `join_qrcode.${picture.mimeType === 'image/png' ? 'png' : 'jpg'}`;
	return {
		json: { join_qrcode: url, size_type, mimeType: picture.mimeType, size: picture.data.length },
		binary: { [property]: await this.helpers.prepareBinaryData(picture.data, fileName, picture.mimeType) },
	};
};
