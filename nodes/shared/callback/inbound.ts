/**
 * One callback POST → an accepted message or a refusal, before any workflow starts. The order is cheapest and
 * most telling first, and nothing unauthenticated reaches the cipher:
 *
 *   OA:    signature (token, timestamp, nonce) → timestamp window → body → envelope XML → [encrypted:]
 *          msg_signature over Encrypt → decrypt → AppID → inner XML
 *   WeCom: body → envelope XML → msg_signature over Encrypt → timestamp window → decrypt → CorpID → inner XML
 *
 * Modes: WeCom is always encrypted ('safe'). OA is encrypted when the query says `encrypt_type=aes` or the body
 * carries `Encrypt`; 'compatible' when the body also carries plaintext fields, whose content is then ignored in
 * favour of the decrypted one (only that is signed). Everything else is 'plain', which an OA trigger may refuse.
 * Note what plain mode cannot give: its signature covers neither body nor message, so the timestamp window is all
 * that limits a replayed signature with a forged body.
 *
 * Never throws for anything a request contains: the result is a message or a typed refusal.
 */
import { decryptMessage, decodeAesKey } from '../crypto/cipher';
import { WeChatCryptoError } from '../crypto/errors';
import { messageSignature, plainSignature, safeEqualHex } from '../crypto/signature';
import { XmlError } from '../xml/errors';
import { parseXml, type XmlObject } from '../xml/parse';
import { parseMessage, type CallbackMessage } from './normalize';
import { checkTimestamp, DEFAULT_TIMESTAMP_WINDOW_SECONDS, readQuery, type CallbackQuery } from './query';
import { refuse, type CallbackRefusal } from './refusal';

export type Platform = 'oa' | 'wecom';
export type MessageMode = 'plain' | 'compatible' | 'safe';
/** 'encryptedOnly' refuses OA plaintext mode (WeCom is always encrypted). */
export type ModePolicy = 'any' | 'encryptedOnly';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export interface InboundRequest {
	platform: Platform;
	query: CallbackQuery;
	/** The body exactly as received (n8n: `getRequestObject().rawBody`), never n8n's parsed copy. */
	rawBody: Buffer | undefined;
	token: string;
	/** Needed for encrypted messages only. */
	encodingAesKey?: string;
	/** AppID (OA) or CorpID (WeCom; SuiteID for third-party apps). */
	receiveId: string;
	modePolicy?: ModePolicy;
	/** Milliseconds since the epoch; default Date.now(). */
	now?: number;
	/** Default 300; 0 switches the check off. */
	timestampWindowSeconds?: number;
	/** Default 1 MiB. */
	maxBodyBytes?: number;
}

export interface InboundMessage {
	ok: true;
	mode: MessageMode;
	message: CallbackMessage;
	/** The message XML as WeChat wrote it: the decrypted plaintext in encrypted modes. */
	rawXml: string;
}

export type InboundResult = InboundMessage | CallbackRefusal;

const ENVELOPE_ONLY = new Set(['ToUserName', 'Encrypt', 'AgentID']);

function xmlRefusal(error: XmlError): CallbackRefusal {
	if (error.kind === 'tooLarge') return refuse('bodyTooLarge', error.message);
	if (error.kind === 'forbidden') return refuse('forbiddenXml', error.message);
	return refuse('notXml', error.message);
}

function cryptoRefusal(error: WeChatCryptoError): CallbackRefusal {
	return refuse('badCiphertext', `cannot decrypt: ${error.message}`);
}

function receiveIdName(platform: Platform): string {
	return platform === 'oa' ? 'AppID' : 'CorpID';
}

/** Parses XML, turning our typed XML errors into refusals; anything else is a bug and propagates. */
function parseOrRefuse(parse: () => XmlObject): XmlObject | CallbackRefusal {
	try {
		return parse();
	} catch (error) {
		if (error instanceof XmlError) return xmlRefusal(error);
		throw error;
	}
}

function isRefusal(value: XmlObject | CallbackRefusal): value is CallbackRefusal {
	return value.ok === false;
}

function readBody(rawBody: Buffer | undefined, maxBytes: number): string | CallbackRefusal {
	if (!rawBody || rawBody.length === 0) return refuse('emptyBody', 'empty body');
	if (rawBody.length > maxBytes) return refuse('bodyTooLarge', `body larger than ${maxBytes} bytes`);
	return rawBody.toString('utf8');
}

export function inbound(request: InboundRequest): InboundResult {
	const { platform, token, receiveId } = request;
	const now = request.now ?? Date.now();
	const window = request.timestampWindowSeconds ?? DEFAULT_TIMESTAMP_WINDOW_SECONDS;
	const maxBytes = request.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
	// An empty token would make every signature computable by anyone.
	if (!token) return refuse('notConfigured', 'the credential has no Token');
	if (!receiveId) return refuse('notConfigured', `the credential has no ${receiveIdName(platform)}`);

	const query = readQuery(request.query, ['timestamp', 'nonce', 'signature', 'msg_signature', 'encrypt_type']);
	if (!query.ok) return query;
	const { timestamp, nonce } = query;
	if (timestamp === undefined || nonce === undefined) return refuse('missingSignature', 'missing timestamp or nonce');

	if (platform === 'oa') {
		if (query.signature === undefined) return refuse('missingSignature', 'missing signature');
		if (!safeEqualHex(query.signature, plainSignature(token, timestamp, nonce))) {
			return refuse('badSignature', 'signature mismatch');
		}
		const stale = checkTimestamp(timestamp, now, window);
		if (stale) return stale;
	}

	const body = readBody(request.rawBody, maxBytes);
	if (typeof body !== 'string') return body;
	const envelope = parseOrRefuse(() => parseXml(body, { maxBytes }));
	if (isRefusal(envelope)) return envelope;

	const encrypted = platform === 'wecom' || query.encrypt_type === 'aes' || envelope.Encrypt !== undefined;
	if (!encrypted) {
		if (request.modePolicy === 'encryptedOnly') {
			return refuse('plaintextRefused', 'plaintext messages are refused: switch the account to safe mode');
		}
		const message = parseOrRefuse(() => parseMessage(body, maxBytes));
		if (isRefusal(message)) return message;
		return { ok: true, mode: 'plain', message, rawXml: body };
	}

	const encrypt = envelope.Encrypt;
	if (typeof encrypt !== 'string' || encrypt === '') {
		return refuse('missingCiphertext', 'encrypted message without a single Encrypt element');
	}
	if (query.msg_signature === undefined) return refuse('missingSignature', 'missing msg_signature');
	if (!safeEqualHex(query.msg_signature, messageSignature(token, timestamp, nonce, encrypt))) {
		return refuse('badSignature', 'msg_signature mismatch');
	}
	if (platform === 'wecom') {
		const stale = checkTimestamp(timestamp, now, window);
		if (stale) return stale;
	}

	let key: Buffer;
	try {
		key = decodeAesKey(request.encodingAesKey ?? '');
	} catch (error) {
		if (error instanceof WeChatCryptoError) return refuse('notConfigured', 'the credential has no valid EncodingAESKey');
		throw error;
	}
	let decrypted;
	try {
		decrypted = decryptMessage(key, encrypt);
	} catch (error) {
		if (error instanceof WeChatCryptoError) return cryptoRefusal(error);
		throw error;
	}
	if (decrypted.receiveId !== receiveId) {
		return refuse('wrongReceiveId', `the message is encrypted for another ${receiveIdName(platform)}`);
	}

	const message = parseOrRefuse(() => parseMessage(decrypted.message, maxBytes));
	if (isRefusal(message)) return message;
	const compatible = platform === 'oa' && Object.keys(envelope).some((name) => !ENVELOPE_ONLY.has(name));
	return { ok: true, mode: compatible ? 'compatible' : 'safe', message, rawXml: decrypted.message };
}
