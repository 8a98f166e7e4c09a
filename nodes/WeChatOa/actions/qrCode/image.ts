/**
 * A code's picture comes from showqrcode on mp.weixin.qq.com, not from the API host: the ticket is the whole
 * credential (no access_token). The host is the credential's QR Code Image Base URL; the Proxy URL applies.
 */
import { NodeApiError, type IExecuteFunctions, type INodeExecutionData, type JsonObject } from 'n8n-workflow';
import { httpRequest, TransportError, type HttpResponse } from '../../../shared/transport/http';
import { trimBaseUrl } from '../../../shared/transport/client';
import { withRetry } from '../../../shared/transport/retry';

const QR_IMAGE_BASE_URL = 'https://mp.weixin.qq.com';
const PATH = '/cgi-bin/showqrcode';

async function imageHost(exec: IExecuteFunctions): Promise<{ base: string; proxyUrl?: string }> {
	const credentials = await exec.getCredentials('weChatOaApi');
	return {
		base: trimBaseUrl(String(credentials.qrImageBaseUrl || QR_IMAGE_BASE_URL)),
		proxyUrl: String(credentials.proxyUrl ?? '').trim() || undefined,
	};
}

/** Where the picture can be shown from (an <img> src); the ticket is URL-encoded as WeChat requires. */
export async function qrImageUrl(exec: IExecuteFunctions, ticket: string): Promise<string> {
	return `${(await imageHost(exec)).base}${PATH}?ticket=${encodeURIComponent(ticket)}`;
}

function extension(mimeType: string): string {
	return mimeType === 'image/png' ? 'png' : mimeType === 'image/gif' ? 'gif' : 'jpg';
}

/** Downloads the picture into the item's binary property `property`. */
export async function withQrImage(
	exec: IExecuteFunctions,
	itemIndex: number,
	item: INodeExecutionData,
	ticket: string,
	property: string,
	name: string,
): Promise<INodeExecutionData> {
	const { base, proxyUrl } = await imageHost(exec);
	const response: HttpResponse = await withRetry(
		async () => {
			const answer = await httpRequest({ method: 'GET', url: `${base}${PATH}`, query: { ticket }, proxyUrl });
			if (answer.status >= 500)
				throw new TransportError(`${PATH}: HTTP ${answer.status} from the server`, 'maybe', { status: answer.status });
			return answer;
		},
		{ kind: 'read', deduplicated: false },
	);
	const mimeType = response.contentType.split(';')[0].trim().toLowerCase();
	if (response.status !== 200 || !mimeType.startsWith('image/')) {
		const message = `${PATH} answered HTTP ${response.status} (${mimeType || 'no content type'}) instead of an image`;
		const error = new NodeApiError(exec.getNode(), { message } as JsonObject, {
			itemIndex,
			message,
			description:
				"The ticket is unknown or has expired (temporary codes last at most 30 days), or the credential's QR Code Image Base URL does not point at WeChat's mp.weixin.qq.com.",
		});
		error.message = message;
		throw error;
	}
	const fileName = `${name}.${extension(mimeType)}`;
	return { ...item, binary: { [property]: await exec.helpers.prepareBinaryData(response.body, fileName, mimeType) } };
}
