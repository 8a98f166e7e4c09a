/**
 * The images and files of an AI-bot message, fetched from their URLs and decrypted (WeCom encrypts them; the URLs
 * are short-lived, so the trigger fetches them when asked). The key: the callback's EncodingAESKey in callback-URL
 * mode, the `aeskey` WeCom puts next to each URL on the long connection.
 */
import { decryptMedia } from '../crypto/cipher';
import { httpRequest } from '../transport/http';
import { fileNameFromDisposition } from '../transport/client';
import { sniff } from '../media/sniff';

export interface FetchedMedia {
	data: Buffer;
	fileName?: string;
	mimeType: string;
}

const IMAGE_MIME: Record<string, string> = {
	jpeg: 'image/jpeg',
	png: 'image/png',
	gif: 'image/gif',
	bmp: 'image/bmp',
};

export async function fetchMedia(url: string, key: Buffer, proxyUrl?: string): Promise<FetchedMedia> {
	const response = await httpRequest({ method: 'GET', url, proxyUrl: proxyUrl || undefined });
	if (response.status !== 200) throw new Error(`media download answered HTTP ${response.status}`);
	const data = decryptMedia(key, response.body);
	return {
		data,
		fileName: fileNameFromDisposition(response.contentDisposition),
		mimeType: IMAGE_MIME[sniff(data)] ?? 'application/octet-stream',
	};
}
