/**
 * Decrypting a signed ciphertext (a message's Encrypt or WeCom's echostr) and checking whom it was encrypted for.
 * Only called after the signature over that ciphertext has been verified.
 */
import { decodeAesKey, decryptMessage, type DecryptedMessage } from '../crypto/cipher';
import { WeChatCryptoError } from '../crypto/errors';
import { receiveIdName, type Platform } from './platform';
import { refuse, type CallbackRefusal } from './refusal';

export interface OpenCiphertext {
	platform: Platform;
	encodingAesKey: string | undefined;
	ciphertext: string;
	receiveId: string;
}

export function openCiphertext(request: OpenCiphertext): { ok: true; plaintext: string } | CallbackRefusal {
	let key: Buffer;
	try {
		key = decodeAesKey(request.encodingAesKey ?? '');
	} catch (error) {
		if (error instanceof WeChatCryptoError)
			return refuse('notConfigured', 'the credential has no valid EncodingAESKey');
		throw error;
	}
	let decrypted: DecryptedMessage;
	try {
		decrypted = decryptMessage(key, request.ciphertext);
	} catch (error) {
		if (error instanceof WeChatCryptoError) return refuse('badCiphertext', `cannot decrypt: ${error.message}`);
		throw error;
	}
	if (decrypted.receiveId !== request.receiveId) {
		return refuse('wrongReceiveId', `encrypted for another ${receiveIdName(request.platform)}`);
	}
	return { ok: true, plaintext: decrypted.message };
}
