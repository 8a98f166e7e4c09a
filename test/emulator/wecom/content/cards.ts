import { charLength, isList, nonEmptyString } from '../../core/json';
import { WeComErrcode } from '../errors';
import { invalidField, Violation } from '../violation';
import { fieldsOf, firstViolation, tooLong } from './checks';
import type { ContentValidator } from './types';

/** textcard: `{title, description, url, btntxt?}` (reference B1); btntxt at most 4 characters. */
const textcard: ContentValidator = (payload) => {
	const { title, description, url, btntxt } = fieldsOf(payload);
	return firstViolation(
		() => (nonEmptyString(title) ? undefined : new Violation(WeComErrcode.missingTitle, 'title missing')),
		() => (nonEmptyString(description) ? undefined : new Violation(WeComErrcode.missingDescription, 'description missing')),
		() => (nonEmptyString(url) ? undefined : new Violation(WeComErrcode.missingUrl, 'url missing')),
		() => tooLong('textcard.title', title, 128),
		() => tooLong('textcard.description', description, 512),
		() => {
			if (btntxt === undefined) return undefined;
			return typeof btntxt === 'string' && charLength(btntxt) <= 4 ? undefined : invalidField('textcard.btntxt', 'at most 4 characters');
		},
	);
};

/**
 * miniprogram_notice: `{appid, page?, title, description?, emphasis_first_item?, content_item?}`; the errcodes
 * are the 902xx ones WeCom's errcode page gives for mini-program notices (missing appid, over 10 items).
 */
const miniprogramNotice: ContentValidator = (payload) => {
	const { appid, title, content_item } = fieldsOf(payload);
	return firstViolation(
		() => (nonEmptyString(appid) ? undefined : new Violation(WeComErrcode.missingMiniprogramAppid, 'appid missing')),
		() => (nonEmptyString(title) ? undefined : new Violation(WeComErrcode.missingTitle, 'title missing')),
		() => {
			if (content_item === undefined) return undefined;
			if (!isList(content_item)) return invalidField('miniprogram_notice.content_item', 'must be an array');
			if (content_item.length > 10) return new Violation(WeComErrcode.miniprogramContentItemsOutOfLimit, 'content_item count out of limit, at most 10');
			const bad = content_item.findIndex((item) => !nonEmptyString(fieldsOf(item).key) || !nonEmptyString(fieldsOf(item).value));
			return bad < 0 ? undefined : invalidField(`miniprogram_notice.content_item[${bad}]`, 'key and value are required');
		},
	);
};

export const cardContent: Readonly<Record<string, ContentValidator>> = {
	textcard,
	miniprogram_notice: miniprogramNotice,
};
