/**
 * WXBizMsgCrypt, the message encryption shared by WeChat Official Accounts (compatible/safe mode) and WeCom:
 *
 *   Encrypt = base64( AES-256-CBC( key, iv = key[0..16], pkcs7_32( random16 ‖ uint32be(len(msg)) ‖ msg ‖ receiveId ) ) )
 *
 * The padding is PKCS#7 to a 32-byte block (pad values 1..32), not AES's 16, so Node's own padding is switched off
 * and done here. Decryption is strict where the official samples are lax: canonical base64 only, a whole number
 * of AES blocks, every pad byte checked, and a length field that must fit. Callers verify `msg_signature` before
 * decrypting (so these checks never act as a padding oracle) and compare the returned receiveId with their
 * AppID/CorpID.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { CryptoErrorCode, WeChatCryptoError } from './errors';

const BLOCK = 32;
const RANDOM_BYTES = 16;
/** random16 ‖ uint32 length. */
const HEADER_BYTES = RANDOM_BYTES + 4;
const ENCODING_AES_KEY = /^[A-Za-z0-9+/]{43}$/;

export interface DecryptedMessage {
	message: string;
	/** The AppID (OA) or CorpID / SuiteID (WeCom) the sender encrypted for. */
	receiveId: string;
}

/**
 * The 43-character EncodingAESKey from the admin console → the 32-byte AES key. Surrounding whitespace from a
 * copy-paste is forgiven; anything else is refused with a message that names the length but never the key.
 */
export function decodeAesKey(encodingAesKey: string): Buffer {
	const text = encodingAesKey.trim();
	if (!ENCODING_AES_KEY.test(text)) {
		throw new WeChatCryptoError(
			CryptoErrorCode.IllegalAesKey,
			`EncodingAESKey must be 43 letters and digits (got ${text.length} characters)`,
		);
	}
	// 43 base64 characters carry 258 bits; with the missing '=' they decode to exactly 32 bytes (the last 2 bits
	// are dropped, which is why WeChat's random keys need not be canonical base64).
	return Buffer.from(`${text}=`, 'base64');
}

function checkKey(key: Buffer): void {
	if (key.length !== 32) {
		throw new WeChatCryptoError(CryptoErrorCode.IllegalAesKey, 'the AES key must be 32 bytes (use decodeAesKey)');
	}
}

/**
 * With Node's padding off, CBC hands out every whole block from update(), so final() would only return nothing
 * (at a cost comparable to the decryption of a typical message); the length check stands in for it.
 */
function wholeBlocks(output: Buffer, inputLength: number, code: CryptoErrorCode): Buffer {
	if (output.length !== inputLength) throw new WeChatCryptoError(code, 'AES-CBC returned a partial result');
	return output;
}

/** Encrypts a message for WeChat. `random16` is only passed by tests that need a known answer. */
export function encryptMessage(key: Buffer, plaintext: string, receiveId: string, random16?: Buffer): string {
	checkKey(key);
	const random = random16 ?? randomBytes(RANDOM_BYTES);
	if (random.length !== RANDOM_BYTES) {
		throw new WeChatCryptoError(CryptoErrorCode.EncryptAes, 'the random prefix must be 16 bytes');
	}
	const messageBytes = Buffer.byteLength(plaintext, 'utf8');
	const unpadded = HEADER_BYTES + messageBytes + Buffer.byteLength(receiveId, 'utf8');
	const pad = BLOCK - (unpadded % BLOCK);
	// One buffer for the whole frame: no intermediate concatenations.
	const frame = Buffer.allocUnsafe(unpadded + pad);
	random.copy(frame, 0);
	frame.writeUInt32BE(messageBytes, RANDOM_BYTES);
	frame.write(plaintext, HEADER_BYTES, 'utf8');
	frame.write(receiveId, HEADER_BYTES + messageBytes, 'utf8');
	frame.fill(pad, unpadded);

	const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
	cipher.setAutoPadding(false);
	return wholeBlocks(cipher.update(frame), frame.length, CryptoErrorCode.EncryptAes).toString('base64');
}

/** Standard, padded, canonical base64 only: re-encoding must give back the exact input. */
function decodeBase64(text: string): Buffer {
	if (text.length === 0) throw new WeChatCryptoError(CryptoErrorCode.DecodeBase64, 'the ciphertext is empty');
	// Buffer.from skips characters outside the alphabet, accepts base64url and stops at a stray '='; the
	// round trip refuses all of those, a missing '=' and non-zero trailing bits in one comparison.
	const bytes = Buffer.from(text, 'base64');
	if (bytes.toString('base64') !== text) {
		throw new WeChatCryptoError(CryptoErrorCode.DecodeBase64, 'the ciphertext is not valid base64');
	}
	return bytes;
}

/** The length of `plain` without its 32-byte PKCS#7 padding, every pad byte checked. */
function unpaddedLength(plain: Buffer): number {
	const pad = plain[plain.length - 1];
	if (pad < 1 || pad > BLOCK || pad > plain.length) {
		throw new WeChatCryptoError(CryptoErrorCode.IllegalBuffer, 'invalid padding');
	}
	for (let i = plain.length - pad; i < plain.length - 1; i++) {
		if (plain[i] !== pad) throw new WeChatCryptoError(CryptoErrorCode.IllegalBuffer, 'invalid padding');
	}
	return plain.length - pad;
}

/**
 * A media file WeCom's AI bot sends as a URL (image, file): the bytes are AES-256-CBC with the callback's key
 * and iv = key[0..16], padded the same way as messages, but without the random prefix, length or receiveid.
 */
export function decryptMedia(key: Buffer, data: Buffer): Buffer {
	checkKey(key);
	if (data.length === 0 || data.length % 16 !== 0) {
		throw new WeChatCryptoError(
			CryptoErrorCode.IllegalBuffer,
			'the encrypted file is not a whole number of AES blocks',
		);
	}
	const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
	decipher.setAutoPadding(false);
	const plain = wholeBlocks(decipher.update(data), data.length, CryptoErrorCode.DecryptAes);
	return plain.subarray(0, unpaddedLength(plain));
}

export function decryptMessage(key: Buffer, encrypted: string): DecryptedMessage {
	checkKey(key);
	const ciphertext = decodeBase64(encrypted);
	if (ciphertext.length % 16 !== 0) {
		throw new WeChatCryptoError(CryptoErrorCode.IllegalBuffer, 'the ciphertext is not a whole number of AES blocks');
	}

	const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
	decipher.setAutoPadding(false);
	const plain = wholeBlocks(decipher.update(ciphertext), ciphertext.length, CryptoErrorCode.DecryptAes);

	const end = unpaddedLength(plain);
	if (end < HEADER_BYTES) {
		throw new WeChatCryptoError(CryptoErrorCode.IllegalBuffer, 'the decrypted frame is too short');
	}
	const messageBytes = plain.readUInt32BE(RANDOM_BYTES);
	if (messageBytes > end - HEADER_BYTES) {
		throw new WeChatCryptoError(CryptoErrorCode.IllegalBuffer, 'the length field overruns the decrypted frame');
	}
	const messageEnd = HEADER_BYTES + messageBytes;
	return {
		message: plain.toString('utf8', HEADER_BYTES, messageEnd),
		receiveId: plain.toString('utf8', messageEnd, end),
	};
}
