import type { PublicRoute } from '../../core/router';
import type { WeComContext } from '../context';
import { WeComErrcode, weComError, weComOk, weComPlatform } from '../errors';
import { MEDIA_TTL_MS, mediaPart } from '../media';
import { MEDIA_RULES, MIN_MEDIA_BYTES } from '../media-rules';
import { refuse, Violation } from '../violation';
import { robotOf, robotScope } from './send';

/**
 * POST /cgi-bin/webhook/upload_media?key=KEY&type=file|voice (reference B10), multipart field `media`. The
 * limits are media/upload's for those types (file 5 B–20 MB; voice AMR ≤2 MB), so the same rules and
 * errcodes apply; the media_id lives 3 days and only this robot may send it.
 */
export function robotUploadRoute(ctx: WeComContext): PublicRoute {
	return {
		method: 'POST',
		path: '/cgi-bin/webhook/upload_media',
		platform: weComPlatform,
		auth: 'none',
		handle(req) {
			const robot = robotOf(ctx, req);
			if ('kind' in robot) return robot;
			const type = req.query.type;
			if (type !== 'file' && type !== 'voice') return weComError(req, WeComErrcode.invalidMediaType, 'invalid media type, file or voice');
			const part = mediaPart(req);
			if (part instanceof Violation) return refuse(req, part);
			const rule = MEDIA_RULES[type];
			if (part.data.length < MIN_MEDIA_BYTES) return weComError(req, WeComErrcode.invalidFileSize, 'invalid file size');
			if (part.data.length > rule.maxBytes) return refuse(req, rule.tooLarge);
			const sniffed = rule.sniff?.(part.data);
			if (rule.sniff !== undefined && sniffed === undefined) return weComError(req, WeComErrcode.invalidFileType, 'invalid file type');
			const media = ctx.media.add({
				scope: robotScope(robot.key),
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
