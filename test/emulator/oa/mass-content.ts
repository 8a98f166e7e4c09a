import { isList, isRecord, nonEmptyString } from '../core/json';
import type { OaAccount } from './accounts';
import { findMedia, type OaContext } from './context';
import { badField, OaErrcode, violation, type OaViolation } from './errors';
import { MASS_VIDEO_TYPE, NEWS_TYPE, readNews, type NewsArticle } from './news';
import type { OaDraft } from './content-store';

/** The message of a mass call, checked: its msgtype and, for mpnews, the articles it publishes. */
export interface MassContent {
	msgtype: string;
	/** `body[msgtype]` (`images` for msgtype image in the new style). */
	payload: unknown;
	articles: NewsArticle[];
	/** mpnews from the draft box: the draft, which a send (not a preview) takes out of the box. */
	draft?: OaDraft;
}

/** "用于群发的图片最多8张" (images.media_ids). */
const MAX_IMAGES = 8;

const fieldsOf = (value: unknown): Record<string, unknown> => (isRecord(value) ? value : {});

/** 41006 without a media_id; 40007 unless it is a live material of this account of the given type. */
function mediaViolation(ctx: OaContext, account: OaAccount, mediaId: unknown, types: readonly string[], path: string): OaViolation | undefined {
	if (!nonEmptyString(mediaId)) return violation(OaErrcode.missingMediaId, path);
	return findMedia(ctx, account.appId, mediaId, types) === undefined ? violation(OaErrcode.invalidMediaId, path) : undefined;
}

const flag = (value: unknown): boolean => value === undefined || value === 0 || value === 1;

/**
 * Checks the msgtype and its payload, shared by sendall, send and preview (reference F1-F3): mpnews (a
 * media_id from uploadnews), text, voice, image (`images.media_ids` or the old `image.media_id`), mpvideo
 * (a media_id from uploadvideo) and wxcard.
 */
export function massContent(ctx: OaContext, account: OaAccount, body: Record<string, unknown>): MassContent | OaViolation {
	const msgtype = body.msgtype;
	switch (msgtype) {
		case 'mpnews': {
			const payload = fieldsOf(body.mpnews);
			// "群发图文消息的 media_id" may be a draft's too (草稿箱): the draft's articles are what goes out.
			const draft = ctx.content.draft(account.appId, payload.media_id);
			if (draft !== undefined) {
				if (!flag(body.send_ignore_reprint)) return badField('send_ignore_reprint', 'must be 0 or 1');
				return { msgtype, payload: body.mpnews, articles: draft.articles, draft };
			}
			const problem = mediaViolation(ctx, account, payload.media_id, [NEWS_TYPE], 'mpnews.media_id');
			if (problem !== undefined) return problem;
			if (!flag(body.send_ignore_reprint)) return badField('send_ignore_reprint', 'must be 0 or 1');
			const news = findMedia(ctx, account.appId, payload.media_id, [NEWS_TYPE]);
			return { msgtype, payload: body.mpnews, articles: news === undefined ? [] : readNews(news) };
		}
		case 'text': {
			const content = fieldsOf(body.text).content;
			if (content !== undefined && typeof content !== 'string') return badField('text.content', 'must be a string');
			return nonEmptyString(content) ? { msgtype, payload: body.text, articles: [] } : violation(OaErrcode.emptyContent);
		}
		case 'voice': {
			const problem = mediaViolation(ctx, account, fieldsOf(body.voice).media_id, ['voice'], 'voice.media_id');
			return problem ?? { msgtype, payload: body.voice, articles: [] };
		}
		case 'image':
			return imageContent(ctx, account, body);
		case 'mpvideo': {
			const problem = mediaViolation(ctx, account, fieldsOf(body.mpvideo).media_id, [MASS_VIDEO_TYPE], 'mpvideo.media_id');
			return problem ?? { msgtype, payload: body.mpvideo, articles: [] };
		}
		case 'wxcard':
			// The emulator keeps no cards: any card_id is taken as one of the account's.
			return nonEmptyString(fieldsOf(body.wxcard).card_id) ? { msgtype, payload: body.wxcard, articles: [] } : badField('wxcard.card_id', 'is required');
		default:
			return violation(OaErrcode.invalidMessageType);
	}
}

function imageContent(ctx: OaContext, account: OaAccount, body: Record<string, unknown>): MassContent | OaViolation {
	if (body.images === undefined) {
		const problem = mediaViolation(ctx, account, fieldsOf(body.image).media_id, ['image'], 'image.media_id');
		return problem ?? { msgtype: 'image', payload: body.image, articles: [] };
	}
	const images = fieldsOf(body.images);
	const ids = images.media_ids;
	if (!isList(ids) || ids.length === 0) return violation(OaErrcode.missingMediaId, 'images.media_ids');
	if (ids.length > MAX_IMAGES) return badField('images.media_ids', `must hold at most ${MAX_IMAGES} images`);
	for (const [index, mediaId] of ids.entries()) {
		const problem = mediaViolation(ctx, account, mediaId, ['image'], `images.media_ids[${index}]`);
		if (problem !== undefined) return problem;
	}
	if (images.recommend !== undefined && typeof images.recommend !== 'string') return badField('images.recommend', 'must be a string');
	for (const name of ['need_open_comment', 'only_fans_can_comment']) {
		if (!flag(images[name])) return badField(`images.${name}`, 'must be 0 or 1');
	}
	return { msgtype: 'image', payload: body.images, articles: [] };
}
