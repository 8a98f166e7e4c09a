/**
 * WeCom's side of an AI-bot callback: the JSON message encrypted for the empty receiveid and signed, as WeCom
 * posts it (`{"encrypt": ...}` with msg_signature, timestamp and nonce in the query), and the GET with which it
 * checks the URL. Built with Tencent's own @wecom/crypto, independent of the code under test.
 */
import { randomBytes } from 'node:crypto';
import { encrypt, getSignature } from '@wecom/crypto';

export interface AiBotSecrets {
	token: string;
	encodingAesKey: string;
}

export interface AiBotRequest {
	query: Record<string, string>;
	body: string;
}

export interface AiBotRequestOptions {
	/** Seconds; default now. */
	timestamp?: number;
	/** Default "" (the AI bot's); anything else plays a callback meant for another receiver. */
	receiveId?: string;
}

const seconds = () => Math.floor(Date.now() / 1000);

export function aiBotCallback(
	secrets: AiBotSecrets,
	message: object | string,
	options: AiBotRequestOptions = {},
): AiBotRequest {
	const timestamp = String(options.timestamp ?? seconds());
	const nonce = randomBytes(6).toString('hex');
	const plaintext = typeof message === 'string' ? message : JSON.stringify(message);
	const ciphertext = encrypt(secrets.encodingAesKey, plaintext, options.receiveId ?? '');
	return {
		query: { msg_signature: getSignature(secrets.token, timestamp, nonce, ciphertext), timestamp, nonce },
		body: JSON.stringify({ encrypt: ciphertext }),
	};
}

/** The URL check: echostr is an encrypted random string, and the answer must be its plaintext. */
export function aiBotUrlCheck(
	secrets: AiBotSecrets,
	plaintext = randomBytes(8).toString('hex'),
): { query: Record<string, string>; expected: string } {
	const timestamp = String(seconds());
	const nonce = randomBytes(6).toString('hex');
	const echostr = encrypt(secrets.encodingAesKey, plaintext, '');
	return {
		query: { msg_signature: getSignature(secrets.token, timestamp, nonce, echostr), timestamp, nonce, echostr },
		expected: plaintext,
	};
}
