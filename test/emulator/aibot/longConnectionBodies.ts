/**
 * What a reply frame's body must hold, per cmd, as WeCom's long-connection page and Tencent's SDK types state it:
 * a stream has an id, at most 20480 bytes of content, images (msg_item: at most 10 JPG/PNG, 10 MB each, with the
 * md5 of their bytes) only with the finishing frame, and a feedback id of at most 256 bytes; a welcome is text or
 * a template card; a card update says `response_type: update_template_card`; an active message names its chat.
 */
import { createHash } from 'node:crypto';
import { isList, isRecord, nonEmptyString, utf8Length } from '../core/json';
import { Cmd } from './longConnectionFrames';
import { checkResponseBody } from './responses';

const MAX_STREAM_BYTES = 20_480;
const MAX_MSG_ITEMS = 10;
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const MAX_FEEDBACK_ID_BYTES = 256;

/** Replies that carry a media_id from aibot_upload_media_*, which the emulator does not serve. */
export const MEDIA_MSGTYPES: ReadonlySet<unknown> = new Set(['file', 'image', 'voice', 'video']);

const checkCard = (card: unknown): string | undefined =>
	checkResponseBody({ msgtype: 'template_card', template_card: card });

function checkImage(item: unknown, index: number): string | undefined {
	const at = `stream.msg_item[${index}]`;
	if (!isRecord(item) || item.msgtype !== 'image' || !isRecord(item.image))
		return `${at} must be {msgtype: "image", image}`;
	const { base64, md5 } = item.image;
	if (!nonEmptyString(base64) || !nonEmptyString(md5)) return `${at}.image needs base64 and md5`;
	const bytes = Buffer.from(base64, 'base64');
	if (bytes.length > MAX_IMAGE_BYTES) return `${at}.image exceeds 10 MB`;
	const isPng = bytes.subarray(0, 4).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
	const isJpg = bytes.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]));
	if (!isPng && !isJpg) return `${at}.image is neither JPG nor PNG`;
	if (createHash('md5').update(bytes).digest('hex') !== md5.toLowerCase())
		return `${at}.image.md5 does not match its bytes`;
	return undefined;
}

function checkStream(stream: unknown): string | undefined {
	if (!isRecord(stream)) return 'stream is required';
	const { id, content, finish, msg_item: items, feedback } = stream;
	if (!nonEmptyString(id)) return 'stream.id is required';
	if (content !== undefined && typeof content !== 'string') return 'stream.content must be a string';
	if (typeof content === 'string' && utf8Length(content) > MAX_STREAM_BYTES)
		return 'stream.content exceeds 20480 bytes';
	if (finish !== undefined && typeof finish !== 'boolean') return 'stream.finish must be a boolean';
	if (items !== undefined) {
		if (finish !== true) return 'stream.msg_item is only allowed with finish: true';
		if (!isList(items) || items.length > MAX_MSG_ITEMS) return 'stream.msg_item must be a list of at most 10 images';
		for (const [index, item] of items.entries()) {
			const problem = checkImage(item, index);
			if (problem) return problem;
		}
	}
	if (
		feedback !== undefined &&
		!(isRecord(feedback) && nonEmptyString(feedback.id) && utf8Length(feedback.id) <= MAX_FEEDBACK_ID_BYTES)
	) {
		return 'stream.feedback.id must be 1 to 256 bytes';
	}
	return undefined;
}

function checkRespond(body: Record<string, unknown>): string | undefined {
	switch (body.msgtype) {
		case 'stream':
			return checkStream(body.stream);
		case 'stream_with_template_card':
			return checkStream(body.stream) ?? (body.template_card === undefined ? undefined : checkCard(body.template_card));
		case 'template_card':
			return checkCard(body.template_card);
		default:
			return 'invalid msgtype';
	}
}

function checkWelcome(body: Record<string, unknown>): string | undefined {
	if (body.msgtype === 'text')
		return isRecord(body.text) && nonEmptyString(body.text.content) ? undefined : 'text.content is empty';
	if (body.msgtype === 'template_card') return checkCard(body.template_card);
	return 'invalid msgtype';
}

function checkUpdate(body: Record<string, unknown>): string | undefined {
	if (body.response_type !== 'update_template_card') return 'response_type must be update_template_card';
	if (body.userids !== undefined && !(isList(body.userids) && body.userids.every(nonEmptyString)))
		return 'userids must be a list of userids';
	return checkCard(body.template_card);
}

function checkSend(body: Record<string, unknown>): string | undefined {
	if (!nonEmptyString(body.chatid)) return 'chatid is required';
	return checkResponseBody(body);
}

/** Why the body is refused for `cmd` (one of the reply cmds), or undefined. */
export function checkReplyBody(cmd: string, body: Record<string, unknown> | undefined): string | undefined {
	if (body === undefined) return 'body is required';
	switch (cmd) {
		case Cmd.respond:
			return checkRespond(body);
		case Cmd.respondWelcome:
			return checkWelcome(body);
		case Cmd.respondUpdate:
			return checkUpdate(body);
		case Cmd.send:
			return checkSend(body);
		default:
			return `invalid cmd ${cmd}`;
	}
}
