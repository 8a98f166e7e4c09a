/**
 * WeChat's upload limits, checked before the upload so a wrong file fails fast with the field named instead of
 * as a cryptic errcode after the bytes went out.
 */
import { sniff, type SniffedKind } from './sniff';

export interface MediaRule {
	/** What users call it in errors. */
	label: string;
	minBytes: number;
	maxBytes: number;
	/** Allowed kinds; undefined = any file. */
	kinds?: SniffedKind[];
	/** Shown when the kind is wrong. */
	formats: string;
}

const MB = 1024 * 1024;

/** WeCom media/upload (temporary media, 3 days), uploadimg, and robot upload_media. */
export const WECOM_MEDIA_RULES = {
	image: { label: 'image', minBytes: 6, maxBytes: 10 * MB, kinds: ['jpeg', 'png'], formats: 'JPG or PNG' },
	voice: { label: 'voice', minBytes: 6, maxBytes: 2 * MB, kinds: ['amr'], formats: 'AMR (at most 60 s)' },
	video: { label: 'video', minBytes: 6, maxBytes: 10 * MB, kinds: ['mp4'], formats: 'MP4' },
	file: { label: 'file', minBytes: 6, maxBytes: 20 * MB, formats: 'any format' },
	uploadimg: { label: 'image', minBytes: 6, maxBytes: 2 * MB, kinds: ['jpeg', 'png'], formats: 'JPG or PNG' },
} satisfies Record<string, MediaRule>;

export type WeComMediaType = 'image' | 'voice' | 'video' | 'file';

/** Official Account temporary media (media/upload) and article images (media/uploadimg). */
export const OA_MEDIA_RULES = {
	image: {
		label: 'image',
		minBytes: 6,
		maxBytes: 10 * MB,
		kinds: ['jpeg', 'png', 'gif', 'bmp'],
		formats: 'JPG, PNG, GIF or BMP',
	},
	voice: { label: 'voice', minBytes: 6, maxBytes: 2 * MB, kinds: ['amr', 'mp3'], formats: 'AMR or MP3 (at most 60 s)' },
	video: { label: 'video', minBytes: 6, maxBytes: 10 * MB, kinds: ['mp4'], formats: 'MP4' },
	thumb: { label: 'thumbnail', minBytes: 6, maxBytes: 64 * 1024, kinds: ['jpeg'], formats: 'JPG' },
	uploadimg: { label: 'image', minBytes: 6, maxBytes: MB, kinds: ['jpeg', 'png'], formats: 'JPG or PNG' },
} satisfies Record<string, MediaRule>;

export type OaMediaType = 'image' | 'voice' | 'video' | 'thumb';

function size(bytes: number): string {
	return bytes >= MB ? `${(bytes / MB).toFixed(bytes % MB ? 1 : 0)} MB` : `${bytes} bytes`;
}

/** undefined when the file fits the rule, else what is wrong with it. */
export function checkMedia(data: Buffer, rule: MediaRule): { problem: string; fix: string } | undefined {
	if (data.length < rule.minBytes) {
		return {
			problem: `the ${rule.label} is only ${data.length} bytes`,
			fix: `WeChat needs at least ${rule.minBytes} bytes: check that the binary property holds the real file.`,
		};
	}
	if (data.length > rule.maxBytes) {
		return {
			problem: `the ${rule.label} is ${size(data.length)}, over WeChat's ${size(rule.maxBytes)} limit`,
			fix: `Compress or shorten it below ${size(rule.maxBytes)}.`,
		};
	}
	if (rule.kinds) {
		const kind = sniff(data);
		if (!rule.kinds.includes(kind)) {
			return {
				problem: `the ${rule.label} is not ${rule.formats} (its content looks like ${kind === 'unknown' ? 'another format' : kind.toUpperCase()})`,
				fix: `Convert it to ${rule.formats} first.`,
			};
		}
	}
	return undefined;
}
