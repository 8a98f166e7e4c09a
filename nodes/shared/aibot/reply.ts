/**
 * What the AI Bot Trigger and the reply node answer WeCom with (智能机器人 被动回复消息): the reply JSON encrypted
 * for the empty receiveid and signed, in WeCom's envelope `{encrypt, msgsignature, timestamp, nonce}`.
 */
import { randomBytes } from 'node:crypto';
import { decodeAesKey, encryptMessage } from '../crypto/cipher';
import { messageSignature } from '../crypto/signature';
import { AI_BOT_RECEIVE_ID } from './inbound';
import type { JsonObject } from './json';
import type { StreamView } from './streams';

export interface ReplySecrets {
	token: string;
	encodingAesKey: string;
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export function sealReply(reply: JsonObject, secrets: ReplySecrets): string {
	const encrypt = encryptMessage(decodeAesKey(secrets.encodingAesKey), JSON.stringify(reply), AI_BOT_RECEIVE_ID);
	const timestamp = Math.floor(Date.now() / 1000);
	const nonce = randomBytes(8).toString('hex');
	return JSON.stringify({
		encrypt,
		msgsignature: messageSignature(secrets.token, String(timestamp), nonce, encrypt),
		timestamp,
		nonce,
	});
}

/** Whether an HTTP body is a reply sealed by sealReply (n8n relaying a queue-mode worker's welcome or card update). */
export function isSealedReply(body: string): boolean {
	return body.startsWith('{"encrypt":');
}

/**
 * A stream's state as one answer; with a card, the final chunk becomes `stream_with_template_card`. Images go in
 * the stream's msg_item, which WeCom takes with the final chunk only.
 */
export function streamReply(id: string, state: StreamView): JsonObject {
	const stream: JsonObject = { id, finish: state.finish, content: state.content };
	if (state.finish && state.images?.length) {
		stream.msg_item = state.images.map((image) => ({ msgtype: 'image', image: { ...image } }));
	}
	return state.card
		? { msgtype: 'stream_with_template_card', stream, template_card: state.card }
		: { msgtype: 'stream', stream };
}
