/**
 * How a callback request is turned away before any workflow starts: an HTTP status and a short reason for the
 * answer body (never a stack trace, never a secret, never the request's own content), plus a stable code for the
 * trigger's logic and for tests.
 */

export type RefusalStatus = 400 | 401 | 403 | 413 | 500;

const STATUS = {
	/** A query parameter is given twice or is not a plain string. */
	badParameter: 400,
	emptyBody: 400,
	/** DOCTYPE, ENTITY or processing instruction. */
	forbiddenXml: 400,
	notXml: 400,
	/** AI bot: not JSON, nested too deeply, or not the shape WeCom sends. */
	notJson: 400,
	/** An encrypted message whose body has no usable `Encrypt`, or a URL check without `echostr`. */
	missingCiphertext: 400,
	/** Base64, block length, padding or length field (only ever seen after a valid signature). */
	badCiphertext: 400,
	/** `signature`, `msg_signature`, `timestamp` or `nonce` is absent. */
	missingSignature: 401,
	badSignature: 401,
	/** Outside the timestamp window: a replay, or a wrong clock. */
	staleTimestamp: 401,
	/** Correctly signed and encrypted, but for another AppID / CorpID. */
	wrongReceiveId: 403,
	/** AI bot: signed and encrypted with this bot's secrets, but naming another bot (aibotid). */
	wrongBot: 403,
	/** The trigger accepts encrypted messages only. */
	plaintextRefused: 403,
	bodyTooLarge: 413,
	/** Token, EncodingAESKey or AppID/CorpID missing or invalid in the credential: our side, not the sender's. */
	notConfigured: 500,
} as const satisfies Record<string, RefusalStatus>;

export type RefusalCode = keyof typeof STATUS;

export interface CallbackRefusal {
	ok: false;
	status: RefusalStatus;
	code: RefusalCode;
	reason: string;
}

export function refuse(code: RefusalCode, reason: string): CallbackRefusal {
	return { ok: false, status: STATUS[code], code, reason };
}
