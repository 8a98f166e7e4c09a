import { createHash } from 'node:crypto';
import type { Clock } from './clock';
import { randomId } from './ids';

/**
 * Uploaded media of every platform. `scope` says who may use an item (WeCom: the whole corp; OA: one account;
 * a group robot: only itself), so each platform module decides visibility with one string compare.
 */
export interface StoredMedia {
	mediaId: string;
	scope: string;
	/** The platform's media type (image, voice, video, file, ...). */
	type: string;
	filename: string;
	contentType: string;
	bytes: Buffer;
	createdAt: number;
	/** null for permanent items (e.g. images for article bodies). */
	expiresAt: number | null;
}

export type NewMedia = Pick<StoredMedia, 'scope' | 'type' | 'filename' | 'contentType' | 'bytes'> & { ttlMs: number | null };

export type MediaSnapshot = Omit<StoredMedia, 'bytes'> & { size: number; sha256: string };

export class MediaStore {
	private items = new Map<string, StoredMedia>();

	constructor(private readonly clock: Clock) {}

	add(media: NewMedia): StoredMedia {
		const now = this.clock.now();
		const stored: StoredMedia = {
			mediaId: randomId(36),
			scope: media.scope,
			type: media.type,
			filename: media.filename,
			contentType: media.contentType,
			bytes: media.bytes,
			createdAt: now,
			expiresAt: media.ttlMs === null ? null : now + media.ttlMs,
		};
		this.items.set(stored.mediaId, stored);
		return stored;
	}

	/** The item if it exists, belongs to `scope` and has not expired; WeChat answers all three cases alike. */
	find(mediaId: string, scope: string): StoredMedia | undefined {
		const media = this.items.get(mediaId);
		if (media === undefined || media.scope !== scope) return undefined;
		if (media.expiresAt !== null && this.clock.now() >= media.expiresAt) return undefined;
		return media;
	}

	reset(): void {
		this.items.clear();
	}

	snapshot(): MediaSnapshot[] {
		return [...this.items.values()].map(({ bytes, ...rest }) => ({ ...rest, size: bytes.length, sha256: sha256(bytes) }));
	}
}

export function sha256(bytes: Buffer): string {
	return createHash('sha256').update(bytes).digest('hex');
}
