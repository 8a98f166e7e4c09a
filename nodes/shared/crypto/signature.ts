/**
 * WeChat's callback signatures: SHA-1 over the lexicographically sorted parameters, joined without a separator,
 * as lower-case hex. One rule serves the OA plaintext `signature` (token, timestamp, nonce) and the
 * `msg_signature` of OA compatible/safe mode and WeCom (the same three plus the ciphertext).
 */
import { hash, timingSafeEqual } from 'node:crypto';

function sortedSha1(parts: string[]): string {
	// Default sort compares UTF-16 code units: for WeChat's ASCII tokens, digits and base64, the byte order the
	// official samples sort by.
	// crypto.hash is the one-shot form: about a third cheaper than createHash().update().digest() per callback.
	return hash('sha1', parts.sort().join(''), 'hex');
}

/** OA plaintext `signature`, carried by every OA request whatever its encryption mode. */
export function plainSignature(token: string, timestamp: string, nonce: string): string {
	return sortedSha1([token, timestamp, nonce]);
}

/** `msg_signature` over the ciphertext: OA compatible/safe mode, every WeCom callback, and our encrypted replies. */
export function messageSignature(token: string, timestamp: string, nonce: string, encrypt: string): string {
	return sortedSha1([token, timestamp, nonce, encrypt]);
}

/**
 * Compares a received signature with the expected one in constant time. The length check comes first because
 * timingSafeEqual needs equal lengths; a length only tells an attacker what every SHA-1 hex string looks like.
 * Case matters: WeChat sends lower-case hex, and accepting only the exact string keeps "accepted" equal to
 * "signed by the token holder".
 */
export function safeEqualHex(received: string, expected: string): boolean {
	const left = Buffer.from(received, 'utf8');
	const right = Buffer.from(expected, 'utf8');
	return left.length === right.length && timingSafeEqual(left, right);
}
