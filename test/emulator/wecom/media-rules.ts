import { WeComErrcode } from './errors';
import { Violation } from './violation';

/**
 * What WeCom accepts as temporary media (media/upload, reference B6): every file larger than 5 bytes;
 * image JPG/PNG up to 10 MB (older docs said 2 MB, current ones 10 MB; we follow the current); voice AMR
 * up to 2 MB; video MP4 up to 10 MB; file up to 20 MB. Formats are judged by content (magic bytes), as the
 * server does, never by the filename or the part's Content-Type.
 */
const MEDIA_TYPES = ['image', 'voice', 'video', 'file'] as const;
export type WeComMediaType = (typeof MEDIA_TYPES)[number];

export function isMediaType(value: unknown): value is WeComMediaType {
	return MEDIA_TYPES.some((type) => type === value);
}

const MB = 1024 * 1024;

/** WeCom rejects files of 5 bytes or less. */
export const MIN_MEDIA_BYTES = 6;

interface MediaRule {
	maxBytes: number;
	/** The answer for a file over maxBytes. */
	tooLarge: Violation;
	/** The MIME type of accepted content, or undefined when any content is accepted. */
	sniff?: (bytes: Buffer) => string | undefined;
}

export const MEDIA_RULES: Readonly<Record<WeComMediaType, MediaRule>> = {
	image: { maxBytes: 10 * MB, tooLarge: new Violation(WeComErrcode.invalidImageSize, 'invalid image size'), sniff: sniffImage },
	// WeCom's errcode page lists size codes for image (40009) and video (40011) only; for voice it has none, so
	// an oversized voice gets the generic 40006 "invalid file size".
	voice: { maxBytes: 2 * MB, tooLarge: new Violation(WeComErrcode.invalidFileSize, 'invalid file size'), sniff: sniffAmr },
	video: { maxBytes: 10 * MB, tooLarge: new Violation(WeComErrcode.invalidVideoSize, 'invalid video size'), sniff: sniffMp4 },
	file: { maxBytes: 20 * MB, tooLarge: new Violation(WeComErrcode.invalidFileSize, 'invalid file size') },
};

/** media/uploadimg (reference B7): JPG/PNG, 5 B to 2 MB. */
export const UPLOADIMG_MAX_BYTES = 2 * MB;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function sniffImage(bytes: Buffer): string | undefined {
	if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
	if (bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE)) return 'image/png';
	return undefined;
}

/** AMR-NB files start `#!AMR\n`, AMR-WB `#!AMR-WB\n`; both share the prefix. */
function sniffAmr(bytes: Buffer): string | undefined {
	return bytes.subarray(0, 5).toString('latin1') === '#!AMR' ? 'audio/amr' : undefined;
}

/** ISO-BMFF: a box size, then the `ftyp` box type at offset 4. */
function sniffMp4(bytes: Buffer): string | undefined {
	return bytes.subarray(4, 8).toString('latin1') === 'ftyp' ? 'video/mp4' : undefined;
}
