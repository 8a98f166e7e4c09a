/**
 * What the AI Bot Trigger and the reply node answer WeCom with (智能机器人 被动回复消息): the reply JSON encrypted
 * for the empty receiveid and signed, in WeCom's envelope `{encrypt, msgsignature, timestamp, nonce}`.
 */
import { randomBytes } from 'node:crypto';
import { decodeAesKey, encryptMessage } from '../crypto/cipher';
import { messageSignature } from '../crypto/signature';
import { AI_BOT_RECEIVE_ID } from './inbound';
import type { JsonObject } from './json';

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

/** A stream's state as one answer; with a card, the final chunk becomes `stream_with_template_card`. */
export function streamReply(id: string, state: { content: string; finish: boolean; card?: JsonObject }): JsonObject {
	const stream = { id, finish: state.finish, content: state.content };
	return state.card
		? { msgtype: 'stream_with_template_card', stream, template_card: state.card }
		: { msgtype: 'stream', stream };
}
