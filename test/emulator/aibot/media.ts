/**
 * WeCom's side of AI-bot media: the image and file URLs in a callback point at bytes encrypted with the bot's
 * EncodingAESKey (AES-256-CBC, iv = the key's first 16 bytes, PKCS#7 to 32 bytes). Encrypted here with
 * node:crypto directly, not with the code under test, so a download test checks our decryption against an
 * independent encryption.
 */
import { createCipheriv, randomBytes } from 'node:crypto';
import type { PublicRoute } from '../core/router';
import { weComError, WeComErrcode, weComPlatform } from '../wecom/errors';

export const AI_BOT_MEDIA_PATH = '/aibot/media';

interface StoredMedia {
	encrypted: Buffer;
	fileName: string;
}

export function encryptAiBotMedia(encodingAesKey: string, data: Buffer): Buffer {
	const key = Buffer.from(`${encodingAesKey}=`, 'base64');
	const pad = 32 - (data.length % 32);
	const cipher = createCipheriv('aes-256-cbc', key, key.subarray(0, 16));
	cipher.setAutoPadding(false);
	return Buffer.concat([cipher.update(Buffer.concat([data, Buffer.alloc(pad, pad)])), cipher.final()]);
}

export class AiBotMedia {
	private readonly files = new Map<string, StoredMedia>();

	/** Stores `data` encrypted for the bot and returns the id its URL carries. */
	add(encodingAesKey: string, data: Buffer, fileName: string): string {
		const id = randomBytes(8).toString('hex');
		this.files.set(id, { encrypted: encryptAiBotMedia(encodingAesKey, data), fileName });
		return id;
	}

	reset(): void {
		this.files.clear();
	}

	route(): PublicRoute {
		return {
			method: 'GET',
			path: AI_BOT_MEDIA_PATH,
			platform: weComPlatform,
			auth: 'none',
			handle: (req) => {
				const file = this.files.get(req.query.id ?? '');
				if (!file) return weComError(req, WeComErrcode.invalidMediaId, 'invalid media_id');
				return {
					kind: 'binary',
					status: 200,
					contentType: 'application/octet-stream',
					headers: { 'Content-Disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}` },
					body: file.encrypted,
				};
			},
		};
	}
}
