/**
 * The GET with which WeChat checks a callback URL when the admin saves it.
 *
 * - OA: `signature` over (token, timestamp, nonce); the answer is `echostr` verbatim. The echostr is plaintext
 *   even in safe mode, and it is only echoed after the signature checks out (unlike some SDKs).
 * - WeCom: `msg_signature` over (token, timestamp, nonce, echostr); echostr is ciphertext, and the answer is its
 *   decryption, once the receiveId inside is our CorpID. The answer body must be that plaintext alone: no quotes,
 *   BOM or newline.
 */
import { messageSignature, plainSignature, safeEqualHex } from '../crypto/signature';
import { openCiphertext } from './open';
import type { Platform } from './platform';
import { checkTimestamp, readQuery, readTimestampWindow, type CallbackQuery } from './query';
import { refuse, type CallbackRefusal } from './refusal';

export interface UrlVerificationRequest {
	platform: Platform;
	query: CallbackQuery;
	token: string;
	/** WeCom only. */
	encodingAesKey?: string;
	/** WeCom only: the CorpID (SuiteID for third-party apps). */
	receiveId?: string;
	/** WeCom AI bot: WeCom encrypts for an empty receiveid, so '' is the expected value, not a missing CorpID. */
	emptyReceiveId?: boolean;
	/** Milliseconds since the epoch; default Date.now(). */
	now?: number;
	/** Default 300; only 0 switches the check off (blank, NaN or negative mean the default). */
	timestampWindowSeconds?: number;
}

export type UrlVerificationResult = { ok: true; body: string } | CallbackRefusal;

export function verifyUrl(request: UrlVerificationRequest): UrlVerificationResult {
	const { token, platform } = request;
	if (!token) return refuse('notConfigured', 'the credential has no Token');
	if (platform === 'wecom' && !request.receiveId && request.emptyReceiveId !== true) return refuse('notConfigured', 'the credential has no CorpID');
	const query = readQuery(request.query, ['timestamp', 'nonce', 'signature', 'msg_signature', 'echostr']);
	if (!query.ok) return query;
	const { timestamp, nonce } = query;
	if (timestamp === undefined || nonce === undefined) return refuse('missingSignature', 'missing timestamp or nonce');
	if (!query.echostr) return refuse('missingCiphertext', 'missing echostr');

	// Base64 has no spaces: in WeCom's echostr a space is a '+' that something decoded as form encoding on the
	// way. WeChat signed the '+', so restoring it cannot make a forged echostr pass.
	const echostr = platform === 'wecom' ? query.echostr.replace(/ /g, '+') : query.echostr;
	const received = platform === 'oa' ? query.signature : query.msg_signature;
	if (received === undefined)
		return refuse('missingSignature', `missing ${platform === 'oa' ? 'signature' : 'msg_signature'}`);
	const expected =
		platform === 'oa' ? plainSignature(token, timestamp, nonce) : messageSignature(token, timestamp, nonce, echostr);
	if (!safeEqualHex(received, expected)) return refuse('badSignature', 'signature mismatch');

	const window = readTimestampWindow(request.timestampWindowSeconds);
	const stale = checkTimestamp(timestamp, request.now ?? Date.now(), window);
	if (stale) return stale;

	if (platform === 'oa') return { ok: true, body: echostr };
	const opened = openCiphertext({
		platform,
		encodingAesKey: request.encodingAesKey,
		ciphertext: echostr,
		receiveId: request.receiveId ?? '',
	});
	return opened.ok ? { ok: true, body: opened.plaintext } : opened;
}
