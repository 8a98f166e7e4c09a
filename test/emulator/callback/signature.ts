/**
 * WeChat's signatures, with node:crypto only (the nodes under test have their own; sharing would hide a bug
 * both made). Reference G1 / G5: sha1 over the lexicographically sorted parts joined without separator.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';

/** `signature` = sha1(sort(token, timestamp, nonce)); `msg_signature` adds the Encrypt value as a fourth part. */
export function sha1Signature(...parts: string[]): string {
	return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

/** Constant-time, so that the emulator models what it expects of the trigger. */
export function sameSignature(actual: string, expected: string): boolean {
	const a = Buffer.from(actual, 'utf8');
	const b = Buffer.from(expected, 'utf8');
	return a.length === b.length && timingSafeEqual(a, b);
}

/** A nonce like WeChat's (`1320562132`): decimal digits. */
export function randomNonce(): string {
	return String(randomInt(100_000_000, 2_147_483_647));
}

/** Like WeCom's echostr plaintext (`1616140317555161061`): 19 digits, never a leading zero. */
export function randomEchostr(): string {
	return `${randomInt(1, 10)}${String(randomInt(0, 1e9)).padStart(9, '0')}${String(randomInt(0, 1e9)).padStart(9, '0')}`;
}

/** Callback timestamps are the wall clock, not the emulator's: the trigger checks them against its own clock. */
export function wallClockSeconds(): string {
	return String(Math.floor(Date.now() / 1000));
}
