/**
 * WXBizMsgCrypt against Tencent's own implementation (@wecom/crypto) in both directions, with random keys,
 * receiveIds and UTF-8 messages around the 32-byte block edges; then every way a ciphertext can be refused.
 */
import { createCipheriv } from 'node:crypto';
import * as tencent from '@wecom/crypto';
import { decodeAesKey, decryptMessage, encryptMessage } from '../../../nodes/shared/crypto/cipher';
import { CryptoErrorCode, WeChatCryptoError } from '../../../nodes/shared/crypto/errors';
import { messageSignature, plainSignature, safeEqualHex } from '../../../nodes/shared/crypto/signature';
import { ENCODING_AES_KEY, KEY, pick, randomInt, seededRandom } from './fixtures';

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
/** Pieces of 1, 2, 3 and 4 UTF-8 bytes, XML's awkward characters, and the CDATA terminator. */
const PIECES = ['a', 'Z', '0', ' ', '\n', '<', '&', ']]>', 'é', 'ß', '中', '文', '€', '🎉', '😀', '𠀋', '"', "'"];

function randomString(random: () => number, alphabet: string, length: number): string {
	let text = '';
	for (let i = 0; i < length; i++) text += alphabet[randomInt(random, alphabet.length)];
	return text;
}

/** A message of exactly `bytes` UTF-8 bytes (pieces first, ASCII to fill up). */
function messageOfBytes(random: () => number, bytes: number): string {
	let text = '';
	let size = 0;
	while (size < bytes) {
		const piece = pick(random, PIECES);
		const pieceBytes = Buffer.byteLength(piece);
		if (size + pieceBytes > bytes) {
			text += 'x'.repeat(bytes - size);
			break;
		}
		text += piece;
		size += pieceBytes;
	}
	return text;
}

/** Message sizes that put the frame (20 + message + receiveId) on, just before and just after a 32-byte edge. */
function edgeSizes(random: () => number, receiveIdBytes: number, count: number): number[] {
	const sizes = [0, 1, 5000];
	while (sizes.length < count) {
		const edge = 32 * (1 + randomInt(random, 156)) - 20 - receiveIdBytes + pick(random, [-1, 0, 1]);
		if (edge >= 0 && edge <= 5000) sizes.push(edge);
	}
	return sizes;
}

interface Case {
	encodingAesKey: string;
	receiveId: string;
	message: string;
}

function cases(seed: number, count: number): Case[] {
	const random = seededRandom(seed);
	const result: Case[] = [];
	for (let i = 0; i < count / 20; i++) {
		const encodingAesKey = randomString(random, ALPHANUMERIC, 43);
		const receiveId = pick(random, [
			`wx${randomString(random, '0123456789abcdef', 16)}`,
			`ww${randomString(random, '0123456789abcdef', 16)}`,
			'',
			'企业微信',
		]);
		for (const bytes of edgeSizes(random, Buffer.byteLength(receiveId), 20)) {
			result.push({ encodingAesKey, receiveId, message: messageOfBytes(random, bytes) });
		}
	}
	return result;
}

describe('round trips with @wecom/crypto', () => {
	const all = cases(20240601, 600);

	test('the cases cover every 32-byte phase around the block edges and lengths 0..5000', () => {
		const phases = all.map((c) => (20 + Buffer.byteLength(c.message) + Buffer.byteLength(c.receiveId)) % 32);
		// Besides sizes 0, 1 and 5000 in each group of 20, every case sits on an edge or one byte either side.
		expect(phases.filter((phase) => [0, 1, 31].includes(phase)).length).toBeGreaterThanOrEqual(
			all.length - (3 * all.length) / 20,
		);
		for (const phase of [0, 1, 31]) expect(phases).toContain(phase);
		const sizes = all.map((c) => Buffer.byteLength(c.message));
		expect(Math.min(...sizes)).toBe(0);
		expect(Math.max(...sizes)).toBe(5000);
	});

	test('ours encrypts, Tencent decrypts', () => {
		for (const c of all) {
			const encrypted = encryptMessage(decodeAesKey(c.encodingAesKey), c.message, c.receiveId);
			const theirs = tencent.decrypt(c.encodingAesKey, encrypted);
			expect({ message: theirs.message, receiveId: theirs.id }).toEqual({ message: c.message, receiveId: c.receiveId });
		}
	});

	test('Tencent encrypts, ours decrypts', () => {
		for (const c of all) {
			const encrypted = tencent.encrypt(c.encodingAesKey, c.message, c.receiveId);
			expect(decryptMessage(decodeAesKey(c.encodingAesKey), encrypted)).toEqual({
				message: c.message,
				receiveId: c.receiveId,
			});
		}
	});

	test('same random prefix, same ciphertext; and the same signature', () => {
		const random = seededRandom(7);
		for (const c of all.slice(0, 100)) {
			const prefix = Buffer.from(randomString(random, ALPHANUMERIC, 16));
			const ours = encryptMessage(decodeAesKey(c.encodingAesKey), c.message, c.receiveId, prefix);
			expect(ours).toBe(tencent.encrypt(c.encodingAesKey, c.message, c.receiveId, prefix));
			expect(messageSignature('token', '1409659813', 'nonce', ours)).toBe(
				tencent.getSignature('token', '1409659813', 'nonce', ours),
			);
		}
	});

	test('a fresh random prefix for every message', () => {
		expect(encryptMessage(KEY, 'same', 'id')).not.toBe(encryptMessage(KEY, 'same', 'id'));
	});
});

describe('signatures', () => {
	test('sorted, joined, SHA-1, lower-case hex', () => {
		expect(plainSignature('test', '1410685589', 'test')).toBe('f21891de399b4e33a1a93c9a7b8a8fffb5a443ff');
		// Argument order does not matter: the parts are sorted.
		expect(messageSignature('b', 'a', 'd', 'c')).toBe(messageSignature('d', 'c', 'b', 'a'));
		expect(messageSignature('t', '1', 'n', 'E')).toMatch(/^[0-9a-f]{40}$/);
	});

	test('safeEqualHex: exact match only, any length, never throws', () => {
		const good = plainSignature('test', '1410685589', 'test');
		expect(safeEqualHex(good, good)).toBe(true);
		expect(safeEqualHex(good.toUpperCase(), good)).toBe(false);
		expect(safeEqualHex(good.slice(0, 39), good)).toBe(false);
		expect(safeEqualHex(`${good}0`, good)).toBe(false);
		expect(safeEqualHex('', good)).toBe(false);
		// Same number of characters, more UTF-8 bytes: a length mismatch, not an exception.
		expect(safeEqualHex(`${good.slice(0, 39)}é`, good)).toBe(false);
	});
});

describe('decodeAesKey', () => {
	test('43 letters and digits → 32 bytes; surrounding whitespace forgiven', () => {
		expect(decodeAesKey(ENCODING_AES_KEY)).toHaveLength(32);
		expect(decodeAesKey(` ${ENCODING_AES_KEY}\n`)).toEqual(decodeAesKey(ENCODING_AES_KEY));
	});

	test.each([
		['42 characters', ENCODING_AES_KEY.slice(0, 42)],
		['44 characters', `${ENCODING_AES_KEY}A`],
		['padding included', `${ENCODING_AES_KEY.slice(0, 42)}=`],
		['a character outside base64', `${ENCODING_AES_KEY.slice(0, 42)}-`],
		['empty', ''],
	])('refuses %s with -40004, without quoting the key', (_label, key) => {
		let error: unknown;
		try {
			decodeAesKey(key);
		} catch (caught) {
			error = caught;
		}
		expect(error).toBeInstanceOf(WeChatCryptoError);
		expect((error as WeChatCryptoError).code).toBe(CryptoErrorCode.IllegalAesKey);
		expect((error as WeChatCryptoError).message).toMatch(/43 letters and digits/);
		if (key.length > 10) expect((error as WeChatCryptoError).message).not.toContain(key.slice(0, 10));
	});

	test('a key of the wrong size is refused by encrypt and decrypt', () => {
		expect(() => encryptMessage(Buffer.alloc(16), 'x', 'id')).toThrow(expect.objectContaining({ code: -40004 }));
		expect(() => decryptMessage(Buffer.alloc(16), 'AAAA')).toThrow(expect.objectContaining({ code: -40004 }));
	});

	test('the random prefix must be 16 bytes', () => {
		expect(() => encryptMessage(KEY, 'x', 'id', Buffer.alloc(15))).toThrow(expect.objectContaining({ code: -40006 }));
	});
});

/** Encrypts a hand-made frame with our key, without any padding of our own, to build broken ciphertexts. */
function encryptFrame(frame: Buffer): string {
	const cipher = createCipheriv('aes-256-cbc', KEY, KEY.subarray(0, 16));
	cipher.setAutoPadding(false);
	return Buffer.concat([cipher.update(frame), cipher.final()]).toString('base64');
}

/** random16 ‖ uint32 length ‖ message ‖ receiveId, padded with `pad` bytes of `padValue`. */
function frame(options: {
	message?: string;
	receiveId?: string;
	lengthField?: number;
	pad: number;
	padValue?: number;
	total?: number;
}): Buffer {
	const message = Buffer.from(options.message ?? 'hello');
	const receiveId = Buffer.from(options.receiveId ?? 'wx5823bf96d3bd56c7');
	const header = Buffer.alloc(20, 0x41);
	header.writeUInt32BE(options.lengthField ?? message.length, 16);
	const body = Buffer.concat([header, message, receiveId]);
	const padded = Buffer.concat([body, Buffer.alloc(options.pad, options.padValue ?? options.pad)]);
	return options.total === undefined
		? padded
		: Buffer.concat([padded, Buffer.alloc(options.total - padded.length, options.pad)]);
}

function refusal(encrypted: string): { code: number; message: string } {
	try {
		decryptMessage(KEY, encrypted);
	} catch (error) {
		if (error instanceof WeChatCryptoError) return { code: error.code, message: error.message };
		throw error;
	}
	throw new Error('accepted');
}

describe('decryptMessage refuses', () => {
	const valid = encryptMessage(KEY, 'hello', 'wx5823bf96d3bd56c7');
	// 20 + 5 + 18 = 43 bytes: 21 bytes of padding make 64.
	const padTo64 = 64 - 43;

	test('the well-formed hand-made frame is accepted (so the cases below fail for the reason they name)', () => {
		expect(decryptMessage(KEY, encryptFrame(frame({ pad: padTo64 })))).toEqual({
			message: 'hello',
			receiveId: 'wx5823bf96d3bd56c7',
		});
	});

	test.each([
		['empty input', '', CryptoErrorCode.DecodeBase64, /empty/],
		['characters outside base64', valid.replace(/.$/, '!'), CryptoErrorCode.DecodeBase64, /base64/],
		// The first character becomes base64url's "_" too: a random ciphertext may hold no "+" or "/" to swap.
		['base64url characters', `_${valid.slice(1).replace(/[+/]/g, '-')}`, CryptoErrorCode.DecodeBase64, /base64/],
		['missing padding', valid.replace(/=+$/, '') || `${valid.slice(0, -1)}`, CryptoErrorCode.DecodeBase64, /base64/],
		['whitespace inside', `${valid.slice(0, 8)} ${valid.slice(8)}`, CryptoErrorCode.DecodeBase64, /base64/],
		['a length that is not a multiple of 4', valid.slice(0, -1), CryptoErrorCode.DecodeBase64, /base64/],
		['non-zero trailing bits', 'AAB=', CryptoErrorCode.DecodeBase64, /base64/],
		['a partial AES block', Buffer.alloc(24).toString('base64'), CryptoErrorCode.IllegalBuffer, /AES blocks/],
		['pad value 0', encryptFrame(frame({ pad: padTo64, padValue: 0 })), CryptoErrorCode.IllegalBuffer, /padding/],
		['pad value 33', encryptFrame(frame({ pad: 33, total: 96 })), CryptoErrorCode.IllegalBuffer, /padding/],
		[
			'inconsistent pad bytes',
			encryptFrame(frame({ pad: padTo64 }).fill(7, 50, 51)),
			CryptoErrorCode.IllegalBuffer,
			/padding/,
		],
		[
			'a length field that overruns',
			encryptFrame(frame({ lengthField: 40, pad: padTo64 })),
			CryptoErrorCode.IllegalBuffer,
			/length field/,
		],
		[
			'a huge length field',
			encryptFrame(frame({ lengthField: 0xffffffff, pad: padTo64 })),
			CryptoErrorCode.IllegalBuffer,
			/length field/,
		],
		['a frame shorter than its header', encryptFrame(Buffer.alloc(32, 32)), CryptoErrorCode.IllegalBuffer, /too short/],
	])('%s', (_label, encrypted, code, message) => {
		expect(refusal(encrypted)).toEqual({ code, message: expect.stringMatching(message) });
	});

	test('pad values 1..32 are all accepted (the vectors use 1, 7, 21 and 30)', () => {
		for (let pad = 1; pad <= 32; pad++) {
			const message = 'm'.repeat((64 - 20 - 18 - pad + 64) % 64);
			const encrypted = encryptMessage(KEY, message, 'wx5823bf96d3bd56c7');
			expect(decryptMessage(KEY, encrypted).message).toBe(message);
		}
	});
});
