/**
 * WeChat filters out every `<img>` of an article whose source is not on its own image CDN ("外部图片url将被过滤").
 * With Upload Images in Content on, every other source is uploaded through media/uploadimg and the `src` rewritten:
 * `binary:<property>` takes the input item's binary property, an http(s) URL is downloaded first. Each source is
 * uploaded once per item, however often it appears.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { readBinary, type BinaryFile } from '../../../shared/execution/binary';
import { FieldError } from '../../../shared/execution/errors';
import { formatMegabytes, httpRequest, ResponseTooLargeError, TransportError } from '../../../shared/transport/http';
import { OA_MEDIA_RULES } from '../../../shared/media/limits';
import type { TokenClient } from '../../../shared/transport/client';
import { uploadOaArticleImage } from '../../../shared/oa/upload';

const IMG_SRC = /(<img\b[^>]*?\ssrc\s*=\s*)(["'])([^"']*)\2/gi;
/** mmbiz.qpic.cn and its siblings: images already on WeChat's CDN are kept as they are. */
const WECHAT_IMAGE_HOST = /(^|\.)(qpic\.cn|qlogo\.cn)$/i;
const BINARY_PREFIX = 'binary:';

/** Uploads one image source (as written in the HTML) and returns the URL WeChat keeps. */
export type ArticleImageUploader = (source: string, field: string) => Promise<string>;

function isWeChatImage(url: URL): boolean {
	return WECHAT_IMAGE_HOST.test(url.hostname);
}

async function download(client: TokenClient, url: URL, field: string): Promise<BinaryFile> {
	const fix = `Check that the n8n server can fetch ${url.href}, or give the image as "binary:<property>" instead.`;
	let failure: unknown;
	// Read no more than uploadimg takes: a bigger picture is refused here, not held in memory.
	const response = await httpRequest({
		method: 'GET',
		url: url.href,
		proxyUrl: client.connection.proxyUrl || undefined,
		maxBytes: OA_MEDIA_RULES.uploadimg.maxBytes,
	}).catch((error: unknown) => {
		failure = error;
		return undefined;
	});
	if (failure instanceof ResponseTooLargeError)
		throw new FieldError(
			field,
			`the image ${url.href} is over WeChat's ${formatMegabytes(OA_MEDIA_RULES.uploadimg.maxBytes)} for pictures in articles`,
			'Compress it (JPG or PNG under 1 MB) before this node.',
		);
	if (!response)
		throw failure instanceof TransportError
			? new FieldError(field, `the image ${url.href} could not be downloaded (${failure.message})`, fix)
			: failure;
	if (response.status !== 200)
		throw new FieldError(field, `the image ${url.href} answered HTTP ${response.status}`, fix);
	return {
		data: response.body,
		fileName: decodeURIComponent(url.pathname.split('/').pop() || 'image'),
		mimeType: response.contentType.split(';')[0].trim() || 'application/octet-stream',
	};
}

export function articleImageUploader(
	exec: IExecuteFunctions,
	itemIndex: number,
	client: TokenClient,
): ArticleImageUploader {
	const uploaded = new Map<string, Promise<string>>();
	const upload = async (source: string, field: string): Promise<string> => {
		if (source.startsWith(BINARY_PREFIX)) {
			const file = await readBinary(exec, itemIndex, source.slice(BINARY_PREFIX.length), field);
			return String((await uploadOaArticleImage(client, file, field)).url);
		}
		const url = URL.canParse(source) ? new URL(source) : undefined;
		if (url?.protocol !== 'http:' && url?.protocol !== 'https:')
			throw new FieldError(
				field,
				`the image source "${source.slice(0, 80)}" is neither an http(s) URL nor "binary:<property>"`,
				'Write each <img> src as a full URL or as binary:<name of an input binary property>.',
			);
		if (isWeChatImage(url)) return source;
		return String((await uploadOaArticleImage(client, await download(client, url, field), field)).url);
	};
	return (source, field) => {
		let pending = uploaded.get(source);
		if (!pending) {
			pending = upload(source, field);
			uploaded.set(source, pending);
		}
		return pending;
	};
}

/** The HTML with every `<img src>` replaced by what `upload` made of it (entities like &amp; decoded first). */
export async function rewriteImages(html: string, upload: ArticleImageUploader, field: string): Promise<string> {
	const sources = [...html.matchAll(IMG_SRC)].map((match) => match[3]);
	const urls = new Map<string, string>();
	// One at a time: WeChat's uploadimg is rate limited and an error should name the first bad image.
	for (const source of sources) {
		if (!urls.has(source)) urls.set(source, await upload(source.replace(/&amp;/g, '&').trim(), field));
	}
	return html.replace(IMG_SRC, (_all, head: string, quote: string, source: string) => {
		const url = urls.get(source) ?? source;
		return `${head}${quote}${url}${quote}`;
	});
}
