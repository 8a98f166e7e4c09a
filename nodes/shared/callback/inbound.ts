/**
 * One callback POST → an accepted message or a refusal, before any workflow starts. Cheapest and most telling
 * checks first, and nothing unauthenticated reaches the cipher:
 *
 *   OA:    signature (token, timestamp, nonce) → timestamp window → body → envelope XML → [encrypted:]
 *          msg_signature over Encrypt → decrypt → AppID → inner XML
 *   WeCom: body → envelope XML → msg_signature over Encrypt → timestamp window → decrypt → CorpID → inner XML
 *
 * Modes: WeCom is always encrypted ('safe'). OA is encrypted when the query says `encrypt_type=aes` or the body
 * carries `Encrypt`, and 'compatible' when the body also carries plaintext fields: those are ignored in favour of
 * the decrypted content, the only signed one. Everything else is 'plain'. Plain mode's signature covers neither
 * the body nor the message, so anyone who has seen one request's query (a proxy log) can post any message with it
 * for the whole timestamp window. That is why plain mode is refused once the credential has an EncodingAESKey
 * (the account is then in safe or compatible mode, and a plaintext request is a downgrade), unless the trigger
 * explicitly accepts it.
 *
 * Never throws for anything a request contains: the result is a message or a typed refusal.
 */
import { messageSignature, plainSignature, safeEqualHex } from '../crypto/signature';
import { XmlError } from '../xml/errors';
import { parseMessage, type CallbackMessage } from './normalize';
import { openCiphertext } from './open';
import { receiveIdName, type Platform } from './platform';
import { checkTimestamp, readQuery, readTimestampWindow, type CallbackQuery } from './query';
import { refuse, type CallbackRefusal } from './refusal';

export type MessageMode = 'plain' | 'compatible' | 'safe';

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
	/** OA: accept plaintext mode although an EncodingAESKey is configured (without one it is always accepted). */
	allowPlaintext?: boolean;
	/** Milliseconds since the epoch; default Date.now(). */
	now?: number;
	/** Default 300; only 0 switches the check off (blank, NaN or negative mean the default). */
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

/** What OA's safe-mode envelope holds; anything more makes it compatible mode. */
const SAFE_ENVELOPE = new Set(['ToUserName', 'Encrypt']);

type Parsed = { ok: true; message: CallbackMessage } | CallbackRefusal;

/** Our typed XML errors become refusals; anything else would be a bug and propagates. */
function parse(xml: string, maxBytes: number): Parsed {
	try {
		return { ok: true, message: parseMessage(xml, maxBytes) };
	} catch (error) {
		if (!(error instanceof XmlError)) throw error;
		if (error.kind === 'tooLarge') return refuse('bodyTooLarge', error.message);
		if (error.kind === 'forbidden') return refuse('forbiddenXml', error.message);
		return refuse('notXml', error.message);
	}
}

function readBody(rawBody: Buffer | undefined, maxBytes: number): { ok: true; text: string } | CallbackRefusal {
	if (!rawBody || rawBody.length === 0) return refuse('emptyBody', 'empty body');
	if (rawBody.length > maxBytes) return refuse('bodyTooLarge', `body larger than ${maxBytes} bytes`);
	return { ok: true, text: rawBody.toString('utf8') };
}

export function inbound(request: InboundRequest): InboundResult {
	const { platform, token, receiveId } = request;
	const now = request.now ?? Date.now();
	const window = readTimestampWindow(request.timestampWindowSeconds);
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
	if (!body.ok) return body;
	const outer = parse(body.text, maxBytes);
	if (!outer.ok) return outer;
	const envelope = outer.message;

	const encrypted = platform === 'wecom' || query.encrypt_type === 'aes' || envelope.Encrypt !== undefined;
	if (!encrypted) {
		if (request.encodingAesKey && request.allowPlaintext !== true) {
			return refuse(
				'plaintextRefused',
				'plaintext message refused: the credential has an EncodingAESKey, so only safe or compatible mode is accepted',
			);
		}
		return { ok: true, mode: 'plain', message: envelope, rawXml: body.text };
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

	const opened = openCiphertext({ platform, encodingAesKey: request.encodingAesKey, ciphertext: encrypt, receiveId });
	if (!opened.ok) return opened;
	const inner = parse(opened.plaintext, maxBytes);
	if (!inner.ok) return inner;
	const compatible = platform === 'oa' && Object.keys(envelope).some((name) => !SAFE_ENVELOPE.has(name));
	return { ok: true, mode: compatible ? 'compatible' : 'safe', message: inner.message, rawXml: opened.plaintext };
}
