import { charLength, isList, isRecord, nonEmptyString, utf8Length, type JsonObject } from '../core/json';
import type { ApiReply, TokenRoute } from '../core/router';
import type { OaAccount } from './accounts';
import type { DraftArticle, OaDraft } from './content-store';
import { oaRoute, type OaContext } from './context';
import { badField, invalidArg, OaErrcode, oaBare, oaOk, OaViolation, refuse, violation } from './errors';

/**
 * The draft box (草稿箱, draft/add|get|update|delete|count|batchget), checked as the draft_add page states:
 * 1 to 8 articles; title ≤32 characters, author ≤16, digest ≤128, content under 20,000 characters and 1 MB,
 * content_source_url ≤1 KB; a news article's cover must be a permanent image or thumb of the account. Answers
 * carry no errcode on success except update and delete, as the pages show.
 */
const MAX_ARTICLES = 8;
const LIMITS = { title: 32, author: 16, digest: 128 } as const;
const MAX_CONTENT_CHARS = 20_000;
const MAX_CONTENT_BYTES = 1024 * 1024;
const MAX_SOURCE_URL_BYTES = 1024;
const CROP = /^\d(\.\d{1,6})?(_\d(\.\d{1,6})?){3}$/;
const PAGE_MAX = 20;

/** Checks one article of draft/add or draft/update; the stored copy keeps only the documented fields. */
export function draftArticle(
	ctx: OaContext,
	account: OaAccount,
	article: unknown,
	path: string,
): DraftArticle | OaViolation {
	if (!isRecord(article)) return badField(path, 'must be an object');
	const type = article.article_type ?? 'news';
	if (type !== 'news') return invalidArg(`${path}.article_type`, 'the emulator keeps news articles only');
	if (!nonEmptyString(article.title)) return badField(`${path}.title`, 'is required');
	if (charLength(article.title) > LIMITS.title) return violation(OaErrcode.titleTooLong);
	for (const field of ['author', 'digest', 'content_source_url', 'pic_crop_235_1', 'pic_crop_1_1'] as const) {
		if (article[field] !== undefined && typeof article[field] !== 'string')
			return badField(`${path}.${field}`, 'must be a string');
	}
	if (typeof article.author === 'string' && charLength(article.author) > LIMITS.author)
		return invalidArg(`${path}.author`, `is over ${LIMITS.author} characters`);
	if (typeof article.digest === 'string' && charLength(article.digest) > LIMITS.digest)
		return invalidArg(`${path}.digest`, `is over ${LIMITS.digest} characters`);
	if (!nonEmptyString(article.content)) return badField(`${path}.content`, 'is required');
	if (charLength(article.content) >= MAX_CONTENT_CHARS || utf8Length(article.content) >= MAX_CONTENT_BYTES)
		return violation(OaErrcode.invalidContent);
	const source = article.content_source_url;
	if (
		typeof source === 'string' &&
		source !== '' &&
		(!/^https?:\/\//.test(source) || utf8Length(source) > MAX_SOURCE_URL_BYTES)
	)
		return violation(OaErrcode.invalidContentSourceUrl);
	for (const crop of ['pic_crop_235_1', 'pic_crop_1_1'] as const) {
		const value = article[crop];
		if (typeof value === 'string' && value !== '' && !CROP.test(value))
			return invalidArg(`${path}.${crop}`, 'must be X1_Y1_X2_Y2');
	}
	for (const flag of ['need_open_comment', 'only_fans_can_comment'] as const) {
		if (article[flag] !== undefined && article[flag] !== 0 && article[flag] !== 1)
			return badField(`${path}.${flag}`, 'must be 0 or 1');
	}
	if (!nonEmptyString(article.thumb_media_id)) return violation(OaErrcode.missingMediaId, `${path}.thumb_media_id`);
	// "必须是永久MediaID": a temporary upload or another account's material is refused like an unknown one.
	if (ctx.content.material(account.appId, article.thumb_media_id, ['image', 'thumb']) === undefined)
		return violation(OaErrcode.invalidMediaId, `${path}.thumb_media_id`);
	const stored: DraftArticle = {
		article_type: 'news',
		title: article.title,
		author: typeof article.author === 'string' ? article.author : '',
		digest: typeof article.digest === 'string' ? article.digest : '',
		content: article.content,
		content_source_url: typeof source === 'string' ? source : '',
		thumb_media_id: article.thumb_media_id,
		need_open_comment: article.need_open_comment === 1 ? 1 : 0,
		only_fans_can_comment: article.only_fans_can_comment === 1 ? 1 : 0,
	};
	for (const crop of ['pic_crop_235_1', 'pic_crop_1_1'] as const) {
		const value = article[crop];
		if (typeof value === 'string' && value !== '') stored[crop] = value;
	}
	return stored;
}

/** news_item as draft/get and batchget answer it: the stored fields, the cover URL and a temporary link. */
function newsItems(ctx: OaContext, draft: OaDraft, withContent = true): JsonObject[] {
	return draft.articles.map((article, index) => {
		const cover = ctx.content.material(draft.appId, article.thumb_media_id);
		const { content, ...rest } = article;
		return {
			...rest,
			...(withContent ? { content } : {}),
			thumb_url: cover?.url ?? '',
			url: `https://mp.weixin.qq.com/s?__biz=draft&tempkey=${draft.mediaId}&idx=${index + 1}#rd`,
		};
	});
}

function findDraft(ctx: OaContext, account: OaAccount, body: unknown): OaDraft | OaViolation {
	const mediaId = isRecord(body) ? body.media_id : undefined;
	if (!nonEmptyString(mediaId)) return violation(OaErrcode.missingMediaId);
	return ctx.content.draft(account.appId, mediaId) ?? violation(OaErrcode.invalidMediaId);
}

/** offset ≥ 0 and count 1..20 of the batchget calls; 40097 naming the field otherwise. */
export function page(body: Record<string, unknown>): { offset: number; count: number } | OaViolation {
	const { offset, count } = body;
	if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0)
		return invalidArg('offset', 'must be an integer from 0');
	if (typeof count !== 'number' || !Number.isInteger(count) || count < 1 || count > PAGE_MAX)
		return invalidArg('count', `must be 1 to ${PAGE_MAX}`);
	return { offset, count };
}

export function draftRoutes(ctx: OaContext): Array<TokenRoute<'oa'>> {
	return [
		oaRoute(ctx, 'POST', '/cgi-bin/draft/add', (req, account): ApiReply => {
			const articles = isRecord(req.json) ? req.json.articles : undefined;
			if (!isList(articles) || articles.length === 0) return refuse(violation(OaErrcode.emptyNewsData));
			if (articles.length > MAX_ARTICLES)
				return refuse(violation(OaErrcode.articleCountOutOfLimit, `at most ${MAX_ARTICLES} articles`));
			const stored: DraftArticle[] = [];
			for (const [index, article] of articles.entries()) {
				const checked = draftArticle(ctx, account, article, `articles[${index}]`);
				if (checked instanceof OaViolation) return refuse(checked);
				stored.push(checked);
			}
			return oaBare({ media_id: ctx.content.addDraft(account.appId, stored).mediaId });
		}),
		oaRoute(ctx, 'POST', '/cgi-bin/draft/get', (req, account): ApiReply => {
			const draft = findDraft(ctx, account, req.json);
			if (draft instanceof OaViolation) return refuse(draft);
			return oaBare({ news_item: newsItems(ctx, draft) });
		}),
		oaRoute(ctx, 'POST', '/cgi-bin/draft/update', (req, account): ApiReply => {
			const draft = findDraft(ctx, account, req.json);
			if (draft instanceof OaViolation) return refuse(draft);
			const body = req.json as Record<string, unknown>;
			const index = body.index;
			if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index >= draft.articles.length)
				return refuse(violation(OaErrcode.invalidIndexValue));
			const checked = draftArticle(ctx, account, body.articles, 'articles');
			if (checked instanceof OaViolation) return refuse(checked);
			draft.articles[index] = checked;
			draft.updatedAt = ctx.clock.now();
			return oaOk();
		}),
		oaRoute(ctx, 'POST', '/cgi-bin/draft/delete', (req, account): ApiReply => {
			const draft = findDraft(ctx, account, req.json);
			if (draft instanceof OaViolation) return refuse(draft);
			ctx.content.removeDraft(draft);
			return oaOk();
		}),
		oaRoute(ctx, 'GET', '/cgi-bin/draft/count', (_req, account) =>
			oaBare({ total_count: ctx.content.drafts.filter((draft) => draft.appId === account.appId).length }),
		),
		oaRoute(ctx, 'POST', '/cgi-bin/draft/batchget', (req, account): ApiReply => {
			const body = isRecord(req.json) ? req.json : {};
			const asked = page(body);
			if (asked instanceof OaViolation) return refuse(asked);
			if (body.no_content !== undefined && body.no_content !== 0 && body.no_content !== 1)
				return refuse(badField('no_content', 'must be 0 or 1'));
			// Newest first, like the draft box in the admin console.
			const drafts = ctx.content.drafts.filter((draft) => draft.appId === account.appId).reverse();
			const slice = drafts.slice(asked.offset, asked.offset + asked.count);
			return oaBare({
				total_count: drafts.length,
				item_count: slice.length,
				item: slice.map((draft) => ({
					media_id: draft.mediaId,
					content: { news_item: newsItems(ctx, draft, body.no_content !== 1) },
					update_time: Math.floor(draft.updatedAt / 1000),
				})),
			});
		}),
	];
}
