import { isList, isRecord, nonEmptyString } from '../core/json';
import type { OaAccount } from './accounts';
import { findMedia, type OaContext } from './context';
import { badField, OaErrcode, violation, type OaViolation } from './errors';
import { NEWS_TYPE } from './news';
import { own } from './lookup';

type Check = (payload: Record<string, unknown>, media: MediaCheck) => OaViolation | undefined;
type MediaCheck = (mediaId: unknown, types: readonly string[], path: string) => OaViolation | undefined;

const optionalStrings = (payload: Record<string, unknown>, msgtype: string, fields: readonly string[]): OaViolation | undefined => {
	const bad = fields.find((field) => payload[field] !== undefined && typeof payload[field] !== 'string');
	return bad === undefined ? undefined : badField(`${msgtype}.${bad}`, 'must be a string');
};

const requiredStrings = (payload: Record<string, unknown>, msgtype: string, fields: readonly string[]): OaViolation | undefined => {
	const missing = fields.find((field) => !nonEmptyString(payload[field]));
	return missing === undefined ? undefined : badField(`${msgtype}.${missing}`, 'is required');
};

/**
 * The msgtypes of customer-service messages (reference I1) and their payload checks. Media must be live
 * uploads of this account of the right kind (41006 without, 40007 otherwise); news allows 1 article only
 * ("客服消息的图文消息只支持1条图文").
 */
const CHECKS: Readonly<Record<string, Check>> = {
	text: (payload) => {
		if (payload.content !== undefined && typeof payload.content !== 'string') return badField('text.content', 'must be a string');
		return nonEmptyString(payload.content) ? undefined : violation(OaErrcode.emptyContent);
	},
	image: (payload, media) => media(payload.media_id, ['image'], 'image.media_id'),
	voice: (payload, media) => media(payload.media_id, ['voice'], 'voice.media_id'),
	video: (payload, media) =>
		media(payload.media_id, ['video'], 'video.media_id') ??
		// WeChat's page lists media_id, title and description; a thumb, when sent, must still be a live upload.
		(payload.thumb_media_id === undefined ? undefined : media(payload.thumb_media_id, ['thumb', 'image'], 'video.thumb_media_id')) ??
		optionalStrings(payload, 'video', ['title', 'description']),
	music: (payload, media) =>
		requiredStrings(payload, 'music', ['musicurl', 'hqmusicurl']) ??
		media(payload.thumb_media_id, ['thumb', 'image'], 'music.thumb_media_id') ??
		optionalStrings(payload, 'music', ['title', 'description']),
	news: (payload) => {
		const articles = payload.articles;
		if (!isList(articles) || articles.length === 0) return violation(OaErrcode.emptyNewsData);
		if (articles.length > 1) return violation(OaErrcode.articleCountOutOfLimit, 'customer-service news take 1 article');
		const [article] = articles;
		if (!isRecord(article)) return badField('news.articles[0]', 'must be an object');
		return optionalStrings(article, 'news.articles[0]', ['title', 'description', 'url', 'picurl']);
	},
	mpnews: (payload, media) => media(payload.media_id, [NEWS_TYPE], 'mpnews.media_id'),
	mpnewsarticle: (payload) => requiredStrings(payload, 'mpnewsarticle', ['article_id']),
	msgmenu: (payload) => {
		const list = payload.list;
		if (!isList(list) || list.length === 0) return badField('msgmenu.list', 'must hold at least one item');
		const bad = list.findIndex((item) => !isRecord(item) || !nonEmptyString(item.id) || !nonEmptyString(item.content));
		if (bad >= 0) return badField(`msgmenu.list[${bad}]`, 'needs id and content');
		return optionalStrings(payload, 'msgmenu', ['head_content', 'tail_content']);
	},
	wxcard: (payload) => requiredStrings(payload, 'wxcard', ['card_id']),
	miniprogrampage: (payload, media) =>
		requiredStrings(payload, 'miniprogrampage', ['appid', 'pagepath']) ??
		media(payload.thumb_media_id, ['thumb', 'image'], 'miniprogrampage.thumb_media_id') ??
		optionalStrings(payload, 'miniprogrampage', ['title']),
};

/** 40008 for an unknown msgtype; otherwise the payload's first problem, if any. */
export function customContentViolation(ctx: OaContext, account: OaAccount, body: Record<string, unknown>): OaViolation | undefined {
	const msgtype = body.msgtype;
	const check = typeof msgtype === 'string' ? own(CHECKS, msgtype) : undefined;
	if (typeof msgtype !== 'string' || check === undefined) return violation(OaErrcode.invalidMessageType);
	const payload = body[msgtype];
	if (!isRecord(payload)) return badField(msgtype, 'is required');
	return check(payload, (mediaId, types, path) => {
		if (!nonEmptyString(mediaId)) return violation(OaErrcode.missingMediaId, path);
		return findMedia(ctx, account.appId, mediaId, types) === undefined ? violation(OaErrcode.invalidMediaId, path) : undefined;
	});
}
