import type { MultipartPart } from '../core/multipart';
import type { ApiRequest, TokenRoute } from '../core/router';
import { corpScope, type WeComContext } from './context';
import { WeComErrcode, weComError, weComOk, weComPlatform } from './errors';
import { isMediaType, MEDIA_RULES, MIN_MEDIA_BYTES, sniffImage, UPLOADIMG_MAX_BYTES } from './media-rules';
import { refuse, Violation } from './violation';

/** "上传临时素材生成的media_id，有效期是3天". */
export const MEDIA_TTL_MS = 3 * 24 * 3600 * 1000;

/** media/uploadimg images are kept under this type; they are reachable by URL only, never by media/get. */
const UPLOADIMG_TYPE = 'uploadimg';

export type NamedFile = MultipartPart & { filename: string };

/** POST /cgi-bin/media/upload?type=image|voice|video|file (reference B6). */
export function mediaUploadRoute(ctx: WeComContext): TokenRoute {
	return {
		method: 'POST',
		path: '/cgi-bin/media/upload',
		platform: weComPlatform,
		auth: 'token',
		handle(req) {
			const type = req.query.type;
			if (!isMediaType(type)) return weComError(req, WeComErrcode.invalidMediaType, 'invalid media type');
			const part = mediaPart(req);
			if (part instanceof Violation) return refuse(req, part);
			const rule = MEDIA_RULES[type];
			const size = part.data.length;
			if (size < MIN_MEDIA_BYTES) return weComError(req, WeComErrcode.invalidFileSize, 'invalid file size');
			if (size > rule.maxBytes) return refuse(req, rule.tooLarge);
			const sniffed = rule.sniff?.(part.data);
			if (rule.sniff !== undefined && sniffed === undefined) return weComError(req, WeComErrcode.invalidFileType, 'invalid file type');
			const media = ctx.media.add({
				scope: corpScope(req.caller.corpId),
				type,
				filename: part.filename,
				contentType: sniffed ?? part.contentType ?? 'application/octet-stream',
				bytes: part.data,
				ttlMs: MEDIA_TTL_MS,
			});
			return weComOk({ type, media_id: media.mediaId, created_at: String(Math.floor(media.createdAt / 1000)) });
		},
	};
}

/**
 * POST /cgi-bin/media/uploadimg (reference B7): a permanent JPG/PNG of 5 B to 2 MB for article bodies,
 * answered with a URL on WeCom's image CDN (which the emulator does not serve).
 */
export function mediaUploadImgRoute(ctx: WeComContext): TokenRoute {
	return {
		method: 'POST',
		path: '/cgi-bin/media/uploadimg',
		platform: weComPlatform,
		auth: 'token',
		handle(req) {
			const part = mediaPart(req);
			if (part instanceof Violation) return refuse(req, part);
			if (part.data.length < MIN_MEDIA_BYTES) return weComError(req, WeComErrcode.invalidFileSize, 'invalid file size');
			if (part.data.length > UPLOADIMG_MAX_BYTES) return weComError(req, WeComErrcode.invalidImageSize, 'invalid image size');
			const contentType = sniffImage(part.data);
			if (contentType === undefined) return weComError(req, WeComErrcode.invalidFileType, 'invalid file type');
			const image = ctx.media.add({
				scope: corpScope(req.caller.corpId),
				type: UPLOADIMG_TYPE,
				filename: part.filename,
				contentType,
				bytes: part.data,
				ttlMs: null,
			});
			return weComOk({ url: `https://wework.qpic.cn/wwpic/${image.mediaId}/0` });
		},
	};
}

/** GET /cgi-bin/media/get?media_id= (reference B8): the file itself, or a JSON error (check the Content-Type). */
export function mediaGetRoute(ctx: WeComContext): TokenRoute {
	return {
		method: 'GET',
		path: '/cgi-bin/media/get',
		platform: weComPlatform,
		auth: 'token',
		handle(req) {
			const mediaId = req.query.media_id;
			if (!mediaId) return weComError(req, WeComErrcode.missingMediaId, 'media_id missing');
			const media = ctx.media.find(mediaId, corpScope(req.caller.corpId));
			if (media === undefined || !isMediaType(media.type)) return weComError(req, WeComErrcode.invalidMediaId, 'invalid media_id');
			return {
				kind: 'binary',
				status: 200,
				contentType: media.contentType,
				headers: { 'Content-Disposition': attachment(media.filename), 'Cache-Control': 'no-cache, must-revalidate' },
				body: media.bytes,
			};
		},
	};
}

/**
 * The `media` file part. Without one (no multipart, no boundary, another field name, no filename) or with
 * an empty one, WeCom answers 44001 "empty media data" (observed: WxJava#209/#1569, go-workwx#155).
 */
export function mediaPart(req: ApiRequest): NamedFile | Violation {
	const parts = req.multipart?.ok === true ? req.multipart.parts : [];
	const part = parts.find((candidate): candidate is NamedFile => candidate.name === 'media' && candidate.filename !== undefined && candidate.filename !== '');
	if (part === undefined || part.data.length === 0) return new Violation(WeComErrcode.emptyMediaData, 'empty media data');
	return part;
}

/**
 * `attachment; filename="..."`. For a non-ASCII name, servers like WeCom's put the raw UTF-8 bytes between
 * the quotes and add RFC 5987 `filename*=UTF-8''...`; a client should prefer `filename*`. Node writes header
 * strings as latin1, so the UTF-8 bytes are re-read as latin1 to go out unchanged.
 */
function attachment(filename: string): string {
	const quoted = (name: string): string => `"${name.replace(/["\\]/g, '\\$&')}"`;
	if (/^[\x20-\x7e]*$/.test(filename)) return `attachment; filename=${quoted(filename)}`;
	const rawUtf8 = Buffer.from(filename, 'utf8').toString('latin1');
	const encoded = encodeURIComponent(filename).replace(/['()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
	return `attachment; filename=${quoted(rawUtf8)}; filename*=UTF-8''${encoded}`;
}
