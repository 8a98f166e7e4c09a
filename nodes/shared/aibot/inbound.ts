/**
 * One AI-bot callback POST → an accepted message or a refusal, before any workflow starts. The same checks as our
 * other triggers (nodes/shared/callback/inbound.ts) in the same order, on WeCom's AI-bot protocol: a JSON body
 * `{"encrypt": "..."}`, `msg_signature` over (token, timestamp, nonce, encrypt), WXBizMsgCrypt with an empty
 * receiveid, and a JSON message inside.
 *
 *   body size → envelope JSON (depth, shape) → msg_signature → timestamp window → decrypt → receiveid "" →
 *   message JSON (depth, shape) → aibotid
 *
 * Never throws for anything a request contains.
 */
import { messageSignature, safeEqualHex } from '../crypto/signature';
import { openCiphertext } from '../callback/open';
import { checkTimestamp, readQuery, readTimestampWindow, type CallbackQuery } from '../callback/query';
import { refuse, type CallbackRefusal } from '../callback/refusal';
import { DEFAULT_MAX_BODY_BYTES } from '../callback/inbound';
import { readJsonObject } from './json';
import { checkShape, type AiBotMessage } from './message';

export interface AiBotInboundRequest {
	query: CallbackQuery;
	/** The body exactly as received. */
	rawBody: Buffer | undefined;
	token: string;
	encodingAesKey: string | undefined;
	/** The credential's Bot ID; a message naming another bot is refused. */
	botId: string;
	now?: number;
	timestampWindowSeconds?: number;
	maxBodyBytes?: number;
}

export type AiBotInboundResult = { ok: true; message: AiBotMessage } | CallbackRefusal;

/** AI-bot ciphertexts are encrypted for this receiveid: none. */
export const AI_BOT_RECEIVE_ID = '';

export function aiBotInbound(request: AiBotInboundRequest): AiBotInboundResult {
	const { token } = request;
	const maxBytes = request.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
	if (!token) return refuse('notConfigured', 'the credential has no Token');

	const query = readQuery(request.query, ['timestamp', 'nonce', 'msg_signature']);
	if (!query.ok) return query;
	const { timestamp, nonce } = query;
	if (timestamp === undefined || nonce === undefined) return refuse('missingSignature', 'missing timestamp or nonce');
	if (query.msg_signature === undefined) return refuse('missingSignature', 'missing msg_signature');

	const raw = request.rawBody;
	if (!raw || raw.length === 0) return refuse('emptyBody', 'empty body');
	if (raw.length > maxBytes) return refuse('bodyTooLarge', `body larger than ${maxBytes} bytes`);
	const envelope = readJsonObject(raw.toString('utf8'));
	if (!envelope.ok) return refuse('notJson', envelope.reason);
	const encrypt = envelope.value.encrypt;
	if (typeof encrypt !== 'string' || encrypt === '')
		return refuse('missingCiphertext', 'body without an encrypt string');

	if (!safeEqualHex(query.msg_signature, messageSignature(token, timestamp, nonce, encrypt))) {
		return refuse('badSignature', 'msg_signature mismatch');
	}
	const stale = checkTimestamp(
		timestamp,
		request.now ?? Date.now(),
		readTimestampWindow(request.timestampWindowSeconds),
	);
	if (stale) return stale;

	const opened = openCiphertext({
		platform: 'wecom',
		encodingAesKey: request.encodingAesKey,
		ciphertext: encrypt,
		receiveId: AI_BOT_RECEIVE_ID,
	});
	if (!opened.ok) {
		return opened.code === 'wrongReceiveId'
			? refuse('wrongReceiveId', "encrypted for a receiveid other than the AI bot's empty one (an app callback?)")
			: opened;
	}
	const inner = readJsonObject(opened.plaintext);
	if (!inner.ok) return refuse('notJson', `message: ${inner.reason}`);
	const shaped = checkShape(inner.value);
	if (!shaped.ok) return refuse('notJson', `message: ${shaped.reason}`);
	const botId = request.botId.trim();
	if (botId && shaped.message.botId && shaped.message.botId !== botId) {
		return refuse('wrongBot', "message for another bot (aibotid differs from the credential's Bot ID)");
	}
	return shaped;
}
