import { OaErrcode } from './errors';

/**
 * What the OA accepts as temporary media (media/upload, reference F8). The docs disagree across versions;
 * the emulator follows the current ones: image 10 MB png/jpeg/jpg/gif, voice 2 MB amr/mp3, video 10 MB mp4,
 * thumb 64 KB jpg. Formats are judged by content (magic bytes), as WeChat does, never by the file name.
 */
export const OA_MEDIA_TYPES = ['image', 'voice', 'video', 'thumb'] as const;
export type OaMediaType = (typeof OA_MEDIA_TYPES)[number];

export function isOaMediaType(value: unknown): value is OaMediaType {
	return OA_MEDIA_TYPES.some((type) => type === value);
}

const KB = 1024;
const MB = 1024 * KB;

interface OaMediaRule {
	maxBytes: number;
	/** The errcode of an oversized file: each type has its own (40009..40012). */
	tooLarge: number;
	sniff: (bytes: Buffer) => string | undefined;
}

export const OA_MEDIA_RULES: Readonly<Record<OaMediaType, OaMediaRule>> = {
	image: { maxBytes: 10 * MB, tooLarge: OaErrcode.invalidImageSize, sniff: (bytes) => sniffJpeg(bytes) ?? sniffPng(bytes) ?? sniffGif(bytes) },
	voice: { maxBytes: 2 * MB, tooLarge: OaErrcode.invalidVoiceSize, sniff: (bytes) => sniffAmr(bytes) ?? sniffMp3(bytes) },
	video: { maxBytes: 10 * MB, tooLarge: OaErrcode.invalidVideoSize, sniff: sniffMp4 },
	thumb: { maxBytes: 64 * KB, tooLarge: OaErrcode.invalidThumbSize, sniff: sniffJpeg },
};

/**
 * media/uploadimg (images inside article HTML): "图片仅支持jpg/png格式，大小必须在1MB以下". An oversized one gets
 * 40009 "invalid image size" (the image-size code; wechatpy's 45001 comment also mentions 1 MB, but for media).
 */
export const UPLOADIMG_MAX_BYTES = MB - 1;

export function sniffUploadImg(bytes: Buffer): string | undefined {
	return sniffJpeg(bytes) ?? sniffPng(bytes);
}

/** The file extension WeChat's CDN uses in image URLs (mmbiz_jpg, mmbiz_png). */
export function imageExtension(contentType: string): string {
	return contentType === 'image/png' ? 'png' : contentType === 'image/gif' ? 'gif' : 'jpg';
}

function sniffJpeg(bytes: Buffer): string | undefined {
	return bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff ? 'image/jpeg' : undefined;
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function sniffPng(bytes: Buffer): string | undefined {
	return bytes.subarray(0, PNG_SIGNATURE.length).equals(PNG_SIGNATURE) ? 'image/png' : undefined;
}

function sniffGif(bytes: Buffer): string | undefined {
	return /^GIF8[79]a/.test(bytes.subarray(0, 6).toString('latin1')) ? 'image/gif' : undefined;
}

/** AMR-NB `#!AMR\n`, AMR-WB `#!AMR-WB\n`. */
function sniffAmr(bytes: Buffer): string | undefined {
	return bytes.subarray(0, 5).toString('latin1') === '#!AMR' ? 'audio/amr' : undefined;
}

/** An ID3v2 tag, or an MPEG audio frame sync (11 set bits). */
function sniffMp3(bytes: Buffer): string | undefined {
	if (bytes.subarray(0, 3).toString('latin1') === 'ID3') return 'audio/mpeg';
	return bytes.length >= 2 && bytes[0] === 0xff && (bytes[1] & 0xe0) === 0xe0 ? 'audio/mpeg' : undefined;
}

/** ISO-BMFF: a box size, then `ftyp` at offset 4. */
function sniffMp4(bytes: Buffer): string | undefined {
	return bytes.subarray(4, 8).toString('latin1') === 'ftyp' ? 'video/mp4' : undefined;
}
