/** What send_msg / send_msg_on_event require of each msgtype's payload (reference: path/94677). */
import { isRecord } from '../../core/json';
import { WeComErrcode } from '../errors';
import { invalidField, Violation } from '../violation';

export const KF_MSGTYPES: readonly string[] = ['text', 'image', 'voice', 'video', 'file', 'link', 'miniprogram', 'msgmenu', 'location'];

const MEDIA_TYPES: Record<string, string> = { image: 'image', voice: 'voice', video: 'video', file: 'file' };
const MENU_ITEM_FIELDS: Record<string, readonly string[]> = {
	click: ['content'],
	view: ['url', 'content'],
	miniprogram: ['appid', 'pagepath', 'content'],
	text: ['content'],
};

/** link and miniprogram: the fields WeCom requires. */
const REQUIRED: Record<string, readonly string[]> = {
	link: ['title', 'url', 'thumb_media_id'],
	miniprogram: ['appid', 'thumb_media_id', 'pagepath'],
};

const nonEmpty = (value: unknown): boolean => typeof value === 'string' && value !== '';

export function checkKfPayload(msgtype: string, payload: unknown, hasMedia: (mediaId: string, type: string) => boolean): Violation | undefined {
	if (!isRecord(payload)) return invalidField(msgtype, 'missing');
	if (msgtype === 'text') {
		if (!nonEmpty(payload.content)) return new Violation(WeComErrcode.emptyContent, 'empty content');
		if (Buffer.byteLength(payload.content as string) > 2048) return new Violation(WeComErrcode.contentTooLong, 'content size out of limit');
		return undefined;
	}
	const mediaType = MEDIA_TYPES[msgtype];
	if (mediaType) return nonEmpty(payload.media_id) && hasMedia(payload.media_id as string, mediaType) ? undefined : new Violation(WeComErrcode.invalidMediaId, 'invalid media_id');
	if (msgtype === 'location') {
		return typeof payload.latitude === 'number' && typeof payload.longitude === 'number' ? undefined : invalidField('location', 'latitude and longitude must be numbers');
	}
	if (msgtype === 'msgmenu') {
		if (!Array.isArray(payload.list) || payload.list.length === 0) return invalidField('msgmenu.list', 'missing');
		for (const [index, item] of payload.list.entries()) {
			const fields = isRecord(item) && typeof item.type === 'string' ? MENU_ITEM_FIELDS[item.type] : undefined;
			const body = isRecord(item) && typeof item.type === 'string' ? item[item.type] : undefined;
			if (!fields || !isRecord(body) || fields.some((field) => !nonEmpty(body[field]))) return invalidField(`msgmenu.list[${index}]`, 'needs type and its fields');
		}
		return undefined;
	}
	const missing = (REQUIRED[msgtype] ?? []).find((field) => !nonEmpty(payload[field]));
	if (missing) return invalidField(`${msgtype}.${missing}`, 'missing');
	// link and miniprogram cards carry a thumbnail uploaded as an image.
	return hasMedia(payload.thumb_media_id as string, 'image') ? undefined : new Violation(WeComErrcode.invalidMediaId, 'invalid media_id');
}
