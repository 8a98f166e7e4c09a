import { nonEmptyString, utf8Length } from '../../core/json';
import { WeComErrcode } from '../errors';
import type { WeComMediaType } from '../media-rules';
import { Violation } from '../violation';
import { fieldsOf, firstViolation, mediaViolation, tooLong } from './checks';
import type { ContentValidator } from './types';

/** text and markdown: `{content}`, at most 2048 bytes of UTF-8 (reference B1). */
function textual(msgtype: 'text' | 'markdown'): ContentValidator {
	return (payload) => {
		const { content } = fieldsOf(payload);
		if (!nonEmptyString(content)) return new Violation(WeComErrcode.emptyContent, 'empty content');
		if (utf8Length(content) > 2048) return new Violation(WeComErrcode.contentTooLong, `content size out of limit, ${msgtype}.content is at most 2048 bytes`);
		return undefined;
	};
}

/** image, voice and file: `{media_id}` of a live upload of that type. */
function media(type: WeComMediaType): ContentValidator {
	return (payload, ctx) => mediaViolation(fieldsOf(payload).media_id, type, ctx);
}

/** video: `{media_id, title?, description?}`, title at most 128 bytes, description 512. */
const video: ContentValidator = (payload, ctx) => {
	const { media_id, title, description } = fieldsOf(payload);
	return firstViolation(
		() => mediaViolation(media_id, 'video', ctx),
		() => tooLong('video.title', title, 128),
		() => tooLong('video.description', description, 512),
	);
};

export const basicContent: Readonly<Record<string, ContentValidator>> = {
	text: textual('text'),
	markdown: textual('markdown'),
	image: media('image'),
	voice: media('voice'),
	video,
	file: media('file'),
};
