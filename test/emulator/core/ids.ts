import { randomBytes } from 'node:crypto';

/**
 * An opaque random identifier in URL-safe base64 (WeChat's tokens, msgids and media_ids use the same alphabet),
 * `bytes` of entropy long. Randomness matters: clients must never be able to guess or depend on the shape.
 */
export function randomId(bytes: number): string {
	return randomBytes(bytes).toString('base64url');
}
