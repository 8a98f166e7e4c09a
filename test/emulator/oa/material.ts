import { isRecord, nonEmptyString } from '../core/json';
import type { MultipartPart } from '../core/multipart';
import type { ApiReply, ApiRequest, TokenRoute } from '../core/router';
import type { MaterialType, OaMaterial } from './content-store';
import { oaRoute, type OaContext } from './context';
import { page } from './drafts';
import { badField, OaErrcode, oaBare, oaOk, OaViolation, refuse, violation } from './errors';
import { imageExtension, isOaMediaType, OA_MEDIA_RULES } from './media-rules';

/**
 * Permanent material (永久素材, material/add_material|get_material|del_material|get_materialcount|
 * batchget_material). The formats and sizes are the temporary media's; a video needs the `description` form
 * field `{"title","introduction"}`. get_material answers an image, voice or thumb as the file (with its name in
 * Content-Disposition) and a video as JSON `{title, description, down_url}`.
 */
const LIST_TYPES = ['image', 'video', 'voice', 'news'] as const;

type NamedFile = MultipartPart & { filename: string };

function parts(req: ApiRequest): MultipartPart[] {
	return req.multipart?.ok === true ? req.multipart.parts : [];
}

function videoDescription(req: ApiRequest): { title: string; introduction: string } | OaViolation {
	const field = parts(req).find((part) => part.name === 'description' && part.filename === undefined);
	let parsed: unknown;
	try {
		parsed = field === undefined ? undefined : JSON.parse(field.data.toString('utf8'));
	} catch {
		return badField('description', 'must be JSON');
	}
	if (!isRecord(parsed) || !nonEmptyString(parsed.title))
		return badField('description.title', 'is required for a video');
	return { title: parsed.title, introduction: typeof parsed.introduction === 'string' ? parsed.introduction : '' };
}

function mediaId(req: ApiRequest): string | OaViolation {
	const value = isRecord(req.json) ? req.json.media_id : undefined;
	return nonEmptyString(value) ? value : violation(OaErrcode.missingMediaId);
}

function fileReply(material: OaMaterial): ApiReply {
	// A plain ASCII name, and the real one in RFC 5987 form when it has other characters (e.g. Chinese).
	const plain = /^[\x20-\x7e]*$/.test(material.name);
	const fallback = plain
		? material.name.replace(/["\\]/g, '\\$&')
		: `${material.mediaId}${material.name.match(/\.[A-Za-z0-9]+$/)?.[0] ?? ''}`;
	const disposition = `attachment; filename="${fallback}"${plain ? '' : `; filename*=UTF-8''${encodeURIComponent(material.name)}`}`;
	return {
		kind: 'binary',
		status: 200,
		contentType: material.contentType,
		headers: { 'Content-Disposition': disposition },
		body: material.bytes,
	};
}

export function materialRoutes(ctx: OaContext): Array<TokenRoute<'oa'>> {
	return [
		oaRoute(ctx, 'POST', '/cgi-bin/material/add_material', (req, account): ApiReply => {
			const type = req.query.type;
			if (!isOaMediaType(type)) return refuse(violation(OaErrcode.invalidMediaType));
			const part = parts(req).find(
				(candidate): candidate is NamedFile => candidate.name === 'media' && nonEmptyString(candidate.filename),
			);
			if (part === undefined) return refuse(violation(OaErrcode.missingMediaData));
			if (part.data.length === 0) return refuse(violation(OaErrcode.emptyMediaData));
			const rule = OA_MEDIA_RULES[type];
			if (part.data.length > rule.maxBytes) return refuse(violation(rule.tooLarge));
			const contentType = rule.sniff(part.data);
			if (contentType === undefined) return refuse(violation(OaErrcode.invalidFileType));
			const video = type === 'video' ? videoDescription(req) : undefined;
			if (video instanceof OaViolation) return refuse(video);
			const material = ctx.content.addMaterial({
				appId: account.appId,
				type: type as MaterialType,
				name: part.filename,
				contentType,
				bytes: part.data,
				...video,
			});
			if (type === 'image') {
				material.url = `http://mmbiz.qpic.cn/mmbiz_${imageExtension(contentType)}/${material.mediaId}/0?wx_fmt=${imageExtension(contentType)}`;
				return oaBare({ media_id: material.mediaId, url: material.url, item: [] });
			}
			return oaBare({ media_id: material.mediaId, item: [] });
		}),
		oaRoute(ctx, 'POST', '/cgi-bin/material/get_material', (req, account): ApiReply => {
			const id = mediaId(req);
			if (id instanceof OaViolation) return refuse(id);
			const material = ctx.content.material(account.appId, id);
			if (material === undefined) return refuse(violation(OaErrcode.invalidMediaId));
			if (material.type === 'video') {
				return oaBare({
					title: material.title ?? '',
					description: material.introduction ?? '',
					down_url: `http://mpvideo.qpic.cn/${material.mediaId}.mp4`,
				});
			}
			return fileReply(material);
		}),
		oaRoute(ctx, 'POST', '/cgi-bin/material/del_material', (req, account): ApiReply => {
			const id = mediaId(req);
			if (id instanceof OaViolation) return refuse(id);
			const material = ctx.content.material(account.appId, id);
			if (material === undefined) return refuse(violation(OaErrcode.invalidMediaId));
			ctx.content.removeMaterial(material);
			return oaOk();
		}),
		oaRoute(ctx, 'GET', '/cgi-bin/material/get_materialcount', (_req, account) => {
			const count = (type: MaterialType) =>
				ctx.content.materials.filter((item) => item.appId === account.appId && item.type === type).length;
			// Thumbs are listed with the images in the admin console's library; the count has no thumb_count.
			return oaBare({
				voice_count: count('voice'),
				video_count: count('video'),
				image_count: count('image') + count('thumb'),
				news_count: 0,
			});
		}),
		oaRoute(ctx, 'POST', '/cgi-bin/material/batchget_material', (req, account): ApiReply => {
			const body = isRecord(req.json) ? req.json : {};
			if (!LIST_TYPES.some((type) => type === body.type)) return refuse(violation(OaErrcode.invalidMediaType));
			const asked = page(body);
			if (asked instanceof OaViolation) return refuse(asked);
			const wanted = body.type === 'image' ? ['image', 'thumb'] : [body.type];
			// The old article material (news) is not kept: new articles live in the draft box.
			const items = ctx.content.materials
				.filter((item) => item.appId === account.appId && wanted.includes(item.type))
				.reverse();
			const slice = items.slice(asked.offset, asked.offset + asked.count);
			return oaBare({
				total_count: items.length,
				item_count: slice.length,
				item: slice.map((item) => ({
					media_id: item.mediaId,
					name: item.name,
					update_time: Math.floor(item.updatedAt / 1000),
					url: item.url ?? '',
				})),
			});
		}),
	];
}
