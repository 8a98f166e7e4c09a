/**
 * The decrypted JSON of one AI-bot callback (智能机器人 接收消息 / 接收事件), checked for the shape WeCom sends and
 * read into what a workflow needs. Pure module: no n8n, no I/O.
 */
import type { JsonObject } from './json';

export type ChatType = 'single' | 'group';

/** What WeCom pushes: a message, an event, or a stream-refresh poll for a stream a reply started. */
export interface AiBotMessage {
	msgid: string;
	/** The bot the message is for (aibotid). */
	botId: string;
	msgtype: string;
	chatType: ChatType;
	/** The group's chatid; absent in one-to-one chats. */
	chatId?: string;
	userId: string;
	/** Seconds, when WeCom says (events). */
	createTime?: number;
	/** The absolute URL for one later reply (主动回复), valid for an hour. */
	responseUrl?: string;
	/** The whole decrypted object, for the fields read below. */
	body: JsonObject;
}

export type ShapeCheck = { ok: true; message: AiBotMessage } | { ok: false; reason: string };

const isObject = (value: unknown): value is JsonObject =>
	value !== null && typeof value === 'object' && !Array.isArray(value);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

function part(body: JsonObject, name: string): JsonObject | undefined {
	const value = body[name];
	return isObject(value) ? value : undefined;
}

/** The field each message type must carry, as WeCom documents it. */
const REQUIRED: Record<string, (body: JsonObject) => boolean> = {
	text: (body) => str(part(body, 'text')?.content) !== undefined,
	voice: (body) => str(part(body, 'voice')?.content) !== undefined,
	image: (body) => str(part(body, 'image')?.url) !== undefined,
	file: (body) => str(part(body, 'file')?.url) !== undefined,
	mixed: (body) => Array.isArray(part(body, 'mixed')?.msg_item),
	event: (body) => str(part(body, 'event')?.eventtype) !== undefined,
	stream: (body) => str(part(body, 'stream')?.id) !== undefined,
};

export function checkShape(body: JsonObject): ShapeCheck {
	const msgid = str(body.msgid);
	const msgtype = str(body.msgtype);
	const from = part(body, 'from');
	const userId = str(from?.userid);
	if (!msgid) return { ok: false, reason: 'no msgid' };
	if (!msgtype) return { ok: false, reason: 'no msgtype' };
	if (userId === undefined) return { ok: false, reason: 'no from.userid' };
	const chatType = body.chattype ?? 'single';
	if (chatType !== 'single' && chatType !== 'group')
		return { ok: false, reason: 'chattype is neither single nor group' };
	const required = REQUIRED[msgtype];
	if (required && !required(body)) return { ok: false, reason: `${msgtype} message without its ${msgtype} content` };
	const createTime = typeof body.create_time === 'number' ? body.create_time : undefined;
	return {
		ok: true,
		message: {
			msgid,
			botId: str(body.aibotid) ?? '',
			msgtype,
			chatType,
			chatId: str(body.chatid) || undefined,
			userId,
			createTime,
			responseUrl: str(body.response_url) || undefined,
			body,
		},
	};
}

/** The eventtype of an event (enter_chat, template_card_event, feedback_event, ...). */
export function eventType(message: AiBotMessage): string | undefined {
	return message.msgtype === 'event' ? str(part(message.body, 'event')?.eventtype) : undefined;
}

/** The stream a refresh poll asks about. */
export function polledStreamId(message: AiBotMessage): string | undefined {
	return message.msgtype === 'stream' ? str(part(message.body, 'stream')?.id) : undefined;
}

/**
 * In a group the bot only hears messages that @-mention it, and WeCom puts the mention first ("@RobotA hello").
 * The agent should get "hello": the leading mention goes, the rest is left as the user wrote it.
 */
export function stripMention(text: string, chatType: ChatType): string {
	return chatType === 'group' ? text.replace(/^\s*@\S+\s*/u, '') : text;
}

export interface MessageContent {
	/** Text, voice transcription, or the text parts of a mixed message joined by new lines. */
	text: string;
	images: string[];
	files: string[];
}

/** The content of a message, whatever its type: the workflow reads `text` and the media URLs the same way. */
export function contentOf(message: AiBotMessage): MessageContent {
	const { body, chatType } = message;
	const content: MessageContent = { text: '', images: [], files: [] };
	switch (message.msgtype) {
		case 'text':
			content.text = stripMention(str(part(body, 'text')?.content) ?? '', chatType);
			break;
		case 'voice':
			content.text = str(part(body, 'voice')?.content) ?? '';
			break;
		case 'image':
			content.images.push(str(part(body, 'image')?.url) ?? '');
			break;
		case 'file':
			content.files.push(str(part(body, 'file')?.url) ?? '');
			break;
		case 'mixed': {
			const texts: string[] = [];
			for (const item of (part(body, 'mixed')?.msg_item as unknown[]) ?? []) {
				if (!isObject(item)) continue;
				const text = str(part(item, 'text')?.content);
				const image = str(part(item, 'image')?.url);
				if (item.msgtype === 'text' && text !== undefined)
					texts.push(texts.length === 0 ? stripMention(text, chatType) : text);
				if (item.msgtype === 'image' && image) content.images.push(image);
			}
			content.text = texts.join('\n');
			break;
		}
	}
	return content;
}

/**
 * On the long connection WeCom gives each image and file URL its own `aeskey` (base64), next to the URL; the
 * callback mode has none (its media use the EncodingAESKey).
 */
export function mediaKeysOf(message: AiBotMessage): Map<string, string> {
	const keys = new Map<string, string>();
	const add = (media: JsonObject | undefined) => {
		const url = str(media?.url);
		const aeskey = str(media?.aeskey);
		if (url && aeskey) keys.set(url, aeskey);
	};
	add(part(message.body, 'image'));
	add(part(message.body, 'file'));
	for (const item of (part(message.body, 'mixed')?.msg_item as unknown[]) ?? []) {
		if (isObject(item)) add(part(item, 'image'));
	}
	return keys;
}
