import { createHash } from 'node:crypto';
import { isRecord, nonEmptyString, utf8Length } from '../../core/json';
import { articles, titled } from '../content/articles';
import { fieldsOf, firstViolation, mediaViolation } from '../content/checks';
import { templateCard } from '../content/template-card';
import type { ContentContext, ContentValidator } from '../content/types';
import { WeComErrcode } from '../errors';
import { sniffImage } from '../media-rules';
import { invalidField, Violation } from '../violation';

/**
 * Payload checks of group robot messages (reference B9). The robot's own limits differ from application
 * messages (markdown 4096 bytes, image as base64, news needs a url), so these are separate validators built
 * from the same checks and errcodes; template_card reuses message/send's validator as is.
 */

const MB = 1024 * 1024;
/** "图片（base64编码前）最大不能超过2M，支持JPG,PNG格式". */
const MAX_IMAGE_BYTES = 2 * MB;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** text and markdown kinds: non-empty `content` of at most `maxBytes` UTF-8 bytes. */
function content(msgtype: string, value: unknown, maxBytes: number): Violation | undefined {
	if (!nonEmptyString(value)) return new Violation(WeComErrcode.emptyContent, 'empty content');
	if (utf8Length(value) > maxBytes) return new Violation(WeComErrcode.contentTooLong, `content size out of limit, ${msgtype}.content is at most ${maxBytes} bytes`);
	return undefined;
}

function userList(path: string, value: unknown): Violation | undefined {
	if (value === undefined) return undefined;
	return Array.isArray(value) && value.every((item) => typeof item === 'string') ? undefined : invalidField(path, 'must be an array of strings');
}

/** text: `{content ≤2048 bytes, mentioned_list?, mentioned_mobile_list?}` ("@all" allowed in both lists). */
const text: ContentValidator = (payload) => {
	const fields = fieldsOf(payload);
	return firstViolation(
		() => content('text', fields.content, 2048),
		() => userList('text.mentioned_list', fields.mentioned_list),
		() => userList('text.mentioned_mobile_list', fields.mentioned_mobile_list),
	);
};

const markdown = (msgtype: string): ContentValidator => (payload) => content(msgtype, fieldsOf(payload).content, 4096);

/**
 * image: `{base64, md5}`; md5 is of the raw bytes, before base64. A wrong md5 is 301019 "media md5 not match",
 * what clients that encode badly are observed to get; then the size (40009) and format (40005) checks.
 */
const image: ContentValidator = (payload) => {
	const { base64, md5 } = fieldsOf(payload);
	if (!nonEmptyString(base64)) return invalidField('image.base64', 'required');
	if (!nonEmptyString(md5)) return invalidField('image.md5', 'required');
	if (!BASE64.test(base64)) return invalidField('image.base64', 'not valid base64');
	const bytes = Buffer.from(base64, 'base64');
	if (createHash('md5').update(bytes).digest('hex') !== md5.toLowerCase()) return new Violation(WeComErrcode.mediaMd5Mismatch, 'media md5 not match');
	if (bytes.length > MAX_IMAGE_BYTES) return new Violation(WeComErrcode.invalidImageSize, 'invalid image size, at most 2 MB');
	if (sniffImage(bytes) === undefined) return new Violation(WeComErrcode.invalidFileType, 'invalid file type, only JPG and PNG');
	return undefined;
};

/** news: 1 to 8 `{title, description?, url, picurl?}`; unlike application news there is no mini-program form. */
const news: ContentValidator = (payload) =>
	articles('news', fieldsOf(payload).articles, (article) =>
		firstViolation(
			() => titled(article),
			() => (nonEmptyString(article.url) ? undefined : new Violation(WeComErrcode.missingUrl, 'url missing')),
		),
	);

/** file and voice: a live upload_media item of that type of this very robot (the context's hasMedia). */
const media = (type: 'file' | 'voice'): ContentValidator => (payload, ctx) => mediaViolation(fieldsOf(payload).media_id, type, ctx);

const ROBOT_CARD_TYPES: ReadonlySet<unknown> = new Set(['text_notice', 'news_notice']);

/** template_card: only the two notice types ("机器人只支持文本通知模版卡片和图文展示模版卡片"). */
const card: ContentValidator = (payload, ctx: ContentContext) => {
	if (isRecord(payload) && !ROBOT_CARD_TYPES.has(payload.card_type)) return invalidField('template_card.card_type', 'a robot sends text_notice or news_notice only');
	return templateCard(payload, ctx);
};

export const ROBOT_MESSAGE_CONTENT: ReadonlyMap<string, ContentValidator> = new Map(
	Object.entries({ text, markdown: markdown('markdown'), markdown_v2: markdown('markdown_v2'), image, news, file: media('file'), voice: media('voice'), template_card: card }),
);
