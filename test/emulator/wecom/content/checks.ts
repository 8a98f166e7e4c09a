/** Field checks several msgtypes share. */
import { isRecord, nonEmptyString, utf8Length } from '../../core/json';
import { WeComErrcode } from '../errors';
import type { WeComMediaType } from '../media-rules';
import { invalidField, Violation } from '../violation';
import type { ContentContext } from './types';

/** The payload as an object; a missing or non-object payload reads as empty, so "field missing" errors follow. */
export function fieldsOf(payload: unknown): Record<string, unknown> {
	return isRecord(payload) ? payload : {};
}

/** 45002 (or the field's own `errcode`) when an optional text field exceeds `maxBytes` of UTF-8. */
export function tooLong(path: string, value: unknown, maxBytes: number, errcode: number = WeComErrcode.contentTooLong): Violation | undefined {
	if (value === undefined) return undefined;
	if (typeof value !== 'string') return invalidField(path, 'must be a string');
	if (utf8Length(value) > maxBytes) return new Violation(errcode, `${path} size out of limit, at most ${maxBytes} bytes`);
	return undefined;
}

/** 41006 without a media_id; 40007 unless it is a live upload of the right type (doc: "发送图片消息，此时不能用音频文件的media_id"). */
export function mediaViolation(mediaId: unknown, type: WeComMediaType, ctx: ContentContext): Violation | undefined {
	if (!nonEmptyString(mediaId)) return new Violation(WeComErrcode.missingMediaId, 'media_id missing');
	if (!ctx.hasMedia(mediaId, type)) return new Violation(WeComErrcode.invalidMediaId, 'invalid media_id');
	return undefined;
}

/** The first violation of a list of checks, evaluated lazily in order (WeCom reports one error per call). */
export function firstViolation(...checks: Array<() => Violation | undefined>): Violation | undefined {
	for (const check of checks) {
		const violation = check();
		if (violation !== undefined) return violation;
	}
	return undefined;
}
