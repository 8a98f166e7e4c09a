import { isList, nonEmptyString } from '../../core/json';
import { WeComErrcode } from '../errors';
import { invalidField, Violation } from '../violation';
import { fieldsOf, firstViolation, mediaViolation, tooLong } from './checks';
import type { ContentContext, ContentValidator } from './types';

const MAX_ARTICLES = 8;

/** 1 to 8 articles (45008 otherwise), each checked by `check` with its index (group robots' news shares it). */
export function articles(
	msgtype: string,
	value: unknown,
	check: (article: Record<string, unknown>, path: string) => Violation | undefined,
): Violation | undefined {
	if (!isList(value) || value.length === 0 || value.length > MAX_ARTICLES) {
		return new Violation(WeComErrcode.articleCountOutOfLimit, `article size out of limit, ${msgtype}.articles must hold 1 to 8 articles`);
	}
	for (const [index, article] of value.entries()) {
		const violation = check(fieldsOf(article), `${msgtype}.articles[${index}]`);
		if (violation !== undefined) return violation;
	}
	return undefined;
}

export function titled(article: Record<string, unknown>): Violation | undefined {
	return nonEmptyString(article.title) ? undefined : new Violation(WeComErrcode.missingTitle, 'title missing');
}

/** news: `{articles: [{title, description?, url?, picurl?, appid?, pagepath?}]}`; url unless appid (a mini program). */
const news: ContentValidator = (payload) =>
	articles('news', fieldsOf(payload).articles, (article) =>
		firstViolation(
			() => titled(article),
			() => (nonEmptyString(article.url) || nonEmptyString(article.appid) ? undefined : new Violation(WeComErrcode.missingUrl, 'url missing')),
		),
	);

/**
 * mpnews: `{articles: [{title, thumb_media_id, content, author?, ...}]}` or `{media_id}`. A `media_id` names
 * permanent mpnews material kept in the admin console, which no API here creates, so any id is accepted.
 */
const mpnews: ContentValidator = (payload, ctx: ContentContext) => {
	const fields = fieldsOf(payload);
	if (nonEmptyString(fields.media_id)) return undefined;
	return articles('mpnews', fields.articles, (article, path) =>
		firstViolation(
			() => titled(article),
			() => mediaViolation(article.thumb_media_id, 'image', ctx),
			() => (nonEmptyString(article.content) ? undefined : invalidField(`${path}.content`, 'required')),
			() => tooLong(`${path}.author`, article.author, 64, WeComErrcode.authorTooLong),
			// 45002's help text: "图文消息类型：最长不超过666k个字节".
			() => tooLong(`${path}.content`, article.content, 666 * 1024),
		),
	);
};

export const articleContent: Readonly<Record<string, ContentValidator>> = { news, mpnews };
