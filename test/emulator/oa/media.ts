import type { MultipartPart } from '../core/multipart';
import type { ApiReply, ApiRequest, TokenRoute } from '../core/router';
import { accountScope, findMedia, oaRoute, type OaContext } from './context';
import { OaErrcode, oaBare, OaViolation, refuse, violation } from './errors';
import { imageExtension, isOaMediaType, OA_MEDIA_RULES, sniffUploadImg, UPLOADIMG_MAX_BYTES } from './media-rules';

/** "临时素材media_id是可复用的 ... 媒体文件在微信后台保存时间为3天". */
export const OA_MEDIA_TTL_MS = 3 * 24 * 3600 * 1000;

/** media/uploadimg images are kept under this type: reachable by URL only, never by media/get. */
export const UPLOADIMG_TYPE = 'uploadimg';

type NamedFile = MultipartPart & { filename: string };

/**
 * The `media` file part: without one (no multipart, another field name, no filename) 41005 "media data
 * missing"; with an empty one 44001 "empty media data".
 */
function mediaPart(req: ApiRequest): NamedFile | OaViolation {
	const parts = req.multipart?.ok === true ? req.multipart.parts : [];
	const part = parts.find((candidate): candidate is NamedFile => candidate.name === 'media' && candidate.filename !== undefined && candidate.filename !== '');
	if (part === undefined) return violation(OaErrcode.missingMediaData);
	if (part.data.length === 0) return violation(OaErrcode.emptyMediaData);
	return part;
}

/**
 * POST /cgi-bin/media/upload?type=image|voice|video|thumb, the OA's temporary media (the path is shared with
 * WeCom; the token decides which platform answers). Answered without errcode, `created_at` a number.
 */
export function mediaUploadRoute(ctx: OaContext): TokenRoute<'oa'> {
	return oaRoute(ctx, 'POST', '/cgi-bin/media/upload', (req, account) => {
		const type = req.query.type;
		if (!isOaMediaType(type)) return refuse(violation(OaErrcode.invalidMediaType));
		const part = mediaPart(req);
		if (part instanceof OaViolation) return refuse(part);
		const rule = OA_MEDIA_RULES[type];
		if (part.data.length > rule.maxBytes) return refuse(violation(rule.tooLarge));
		const contentType = rule.sniff(part.data);
		if (contentType === undefined) return refuse(violation(OaErrcode.invalidFileType));
		const media = ctx.media.add({ scope: accountScope(account.appId), type, filename: part.filename, contentType, bytes: part.data, ttlMs: OA_MEDIA_TTL_MS });
		const created = Math.floor(media.createdAt / 1000);
		// Real servers are reported to answer a thumb with `thumb_media_id`; both keys are sent so a client
		// reading either works, and clients should read `thumb_media_id ?? media_id` for thumbs. `item: []` is
		// in WeChat's answers too.
		if (type === 'thumb') return oaBare({ type, thumb_media_id: media.mediaId, media_id: media.mediaId, created_at: created, item: [] });
		return oaBare({ type, media_id: media.mediaId, created_at: created, item: [] });
	});
}

/** POST /cgi-bin/media/uploadimg: a permanent JPG/PNG under 1 MB for article bodies, answered `{url}` only. */
export function mediaUploadImgRoute(ctx: OaContext): TokenRoute<'oa'> {
	return oaRoute(ctx, 'POST', '/cgi-bin/media/uploadimg', (req, account) => {
		const part = mediaPart(req);
		if (part instanceof OaViolation) return refuse(part);
		if (part.data.length > UPLOADIMG_MAX_BYTES) return refuse(violation(OaErrcode.invalidImageSize));
		const contentType = sniffUploadImg(part.data);
		if (contentType === undefined) return refuse(violation(OaErrcode.invalidFileType));
		const image = ctx.media.add({ scope: accountScope(account.appId), type: UPLOADIMG_TYPE, filename: part.filename, contentType, bytes: part.data, ttlMs: null });
		return oaBare({ url: `http://mmbiz.qpic.cn/mmbiz_${imageExtension(contentType)}/${image.mediaId}/0` });
	});
}

/**
 * GET /cgi-bin/media/get?media_id= for the OA: the file with Content-Disposition, a video as JSON
 * `{video_url}`, or a JSON error (check the Content-Type).
 */
export function mediaGetRoute(ctx: OaContext): TokenRoute<'oa'> {
	return oaRoute(ctx, 'GET', '/cgi-bin/media/get', (req, account): ApiReply => {
		const mediaId = req.query.media_id;
		if (!mediaId) return refuse(violation(OaErrcode.missingMediaId));
		const media = findMedia(ctx, account.appId, mediaId, ['image', 'voice', 'video', 'thumb']);
		if (media === undefined) return refuse(violation(OaErrcode.invalidMediaId));
		if (media.type === 'video') return oaBare({ video_url: `http://mpvideo.qpic.cn/${media.mediaId}.mp4` });
		const quoted = media.filename.replace(/["\\]/g, '\\$&');
		const ascii = /^[\x20-\x7e]*$/.test(quoted) ? quoted : encodeURIComponent(media.filename);
		return {
			kind: 'binary',
			status: 200,
			contentType: media.contentType,
			headers: { 'Content-Disposition': `attachment; filename="${ascii}"`, 'Cache-Control': 'no-cache, must-revalidate' },
			body: media.bytes,
		};
	});
}
