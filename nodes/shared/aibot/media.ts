/**
 * The images and files of an AI-bot message, fetched from their URLs and decrypted with the callback's
 * EncodingAESKey (WeCom encrypts them; the URLs are short-lived, so the trigger fetches them when asked).
 */
import { decodeAesKey, decryptMedia } from '../crypto/cipher';
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

export async function fetchMedia(url: string, encodingAesKey: string, proxyUrl?: string): Promise<FetchedMedia> {
	const response = await httpRequest({ method: 'GET', url, proxyUrl: proxyUrl || undefined });
	if (response.status !== 200) throw new Error(`media download answered HTTP ${response.status}`);
	const data = decryptMedia(decodeAesKey(encodingAesKey), response.body);
	return {
		data,
		fileName: fileNameFromDisposition(response.contentDisposition),
		mimeType: IMAGE_MIME[sniff(data)] ?? 'application/octet-stream',
	};
}
