import { charLength, isList, isRecord, nonEmptyString } from '../core/json';
import type { StoredMedia } from '../core/media-store';
import type { ApiReply, TokenRoute } from '../core/router';
import type { OaAccount } from './accounts';
import { accountScope, findMedia, oaRoute, type OaContext } from './context';
import { badField, OaErrcode, oaBare, refuse, violation, type OaViolation } from './errors';
import { OA_MEDIA_TTL_MS } from './media';

/** Media types of the mass-send materials: an article set (uploadnews) and a mass video (uploadvideo). */
export const NEWS_TYPE = 'news';
export const MASS_VIDEO_TYPE = 'mpvideo';

/** "图文消息，一个图文消息支持1到8条图文" (older docs said 10). */
const MAX_ARTICLES = 8;
/** "标题长度超过限制 最长允许 64 字符长度" (wechatpy 45003); the body "少于2万字符". */
const MAX_TITLE_CHARS = 64;
const MAX_CONTENT_CHARS = 20_000;

export interface NewsArticle {
	title: string;
	thumb_media_id: string;
	content: string;
	author?: string;
	digest?: string;
	content_source_url?: string;
}

/** The articles of an uploadnews media (kept as its bytes, like a file). */
export function readNews(media: StoredMedia): NewsArticle[] {
	const parsed: unknown = JSON.parse(media.bytes.toString('utf8'));
	return isRecord(parsed) && isList(parsed.articles) ? (parsed.articles as NewsArticle[]) : [];
}

/** uploadnews and uploadvideo (reference F8): materials for mass send, answered without errcode. */
export function newsRoutes(ctx: OaContext): Array<TokenRoute<'oa'>> {
	return [
		oaRoute(ctx, 'POST', '/cgi-bin/media/uploadnews', (req, account) => uploadNews(ctx, req.json, account)),
		oaRoute(ctx, 'POST', '/cgi-bin/media/uploadvideo', (req, account): ApiReply => {
			const body = isRecord(req.json) ? req.json : {};
			if (!nonEmptyString(body.media_id)) return refuse(violation(OaErrcode.missingMediaId));
			if (findMedia(ctx, account.appId, body.media_id, ['video']) === undefined) return refuse(violation(OaErrcode.invalidMediaId));
			for (const field of ['title', 'description'] as const) {
				if (body[field] !== undefined && typeof body[field] !== 'string') return refuse(badField(field, 'must be a string'));
			}
			const stored = { media_id: body.media_id, title: body.title ?? '', description: body.description ?? '' };
			return answer(ctx, account, MASS_VIDEO_TYPE, 'video', stored);
		}),
	];
}

function uploadNews(ctx: OaContext, body: unknown, account: OaAccount): ApiReply {
	const articles = isRecord(body) ? body.articles : undefined;
	if (!isList(articles) || articles.length === 0) return refuse(violation(OaErrcode.emptyNewsData));
	if (articles.length > MAX_ARTICLES) return refuse(violation(OaErrcode.articleCountOutOfLimit, `at most ${MAX_ARTICLES} articles`));
	for (const [index, article] of articles.entries()) {
		const problem = articleViolation(ctx, account, article, `articles[${index}]`);
		if (problem !== undefined) return refuse(problem);
	}
	return answer(ctx, account, NEWS_TYPE, 'news', { articles });
}

function articleViolation(ctx: OaContext, account: OaAccount, article: unknown, path: string): OaViolation | undefined {
	if (!isRecord(article)) return badField(path, 'must be an object');
	if (!nonEmptyString(article.thumb_media_id)) return violation(OaErrcode.missingMediaId, `${path}.thumb_media_id`);
	// The cover must be an image or thumb this account uploaded (not an uploadimg URL image).
	if (findMedia(ctx, account.appId, article.thumb_media_id, ['image', 'thumb']) === undefined) return violation(OaErrcode.invalidMediaId, `${path}.thumb_media_id`);
	if (!nonEmptyString(article.title)) return badField(`${path}.title`, 'is required');
	if (charLength(article.title) > MAX_TITLE_CHARS) return violation(OaErrcode.titleTooLong);
	if (!nonEmptyString(article.content)) return badField(`${path}.content`, 'is required');
	if (charLength(article.content) > MAX_CONTENT_CHARS) return violation(OaErrcode.contentTooLong);
	for (const field of ['author', 'digest', 'content_source_url']) {
		if (article[field] !== undefined && typeof article[field] !== 'string') return badField(`${path}.${field}`, 'must be a string');
	}
	for (const flag of ['show_cover_pic', 'need_open_comment', 'only_fans_can_comment']) {
		if (article[flag] !== undefined && article[flag] !== 0 && article[flag] !== 1) return badField(`${path}.${flag}`, 'must be 0 or 1');
	}
	return undefined;
}

/** Stores the material like a temporary media (3 days) and answers `{type, media_id, created_at}`. */
function answer(ctx: OaContext, account: OaAccount, storedType: string, answeredType: string, content: object): ApiReply {
	const media = ctx.media.add({
		scope: accountScope(account.appId),
		type: storedType,
		filename: `${storedType}.json`,
		contentType: 'application/json',
		bytes: Buffer.from(JSON.stringify(content)),
		ttlMs: OA_MEDIA_TTL_MS,
	});
	return oaBare({ type: answeredType, media_id: media.mediaId, created_at: Math.floor(media.createdAt / 1000) });
}
