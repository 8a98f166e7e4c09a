/** image, voice and file: a media reference and nothing else. */
import type { WeComMessageContent } from './types';
import { mediaProperties, resolveMedia } from './media';
import type { MediaKind } from '../../execution/itemContext';

function mediaOnly(msgtype: string, kind: MediaKind, label: string, formats: string): WeComMessageContent {
	return {
		msgtype,
		supportsSafe: true,
		properties: mediaProperties(label, `${label.toLowerCase()} (${formats})`),
		async build(ctx) {
			return { media_id: await resolveMedia(ctx, kind, label) };
		},
	};
}

export const imageContent = mediaOnly('image', 'image', 'Image', 'JPG/PNG, at most 10 MB');
export const voiceContent = mediaOnly('voice', 'voice', 'Voice', 'AMR, at most 2 MB and 60 s');
export const fileContent = mediaOnly('file', 'file', 'File', 'at most 20 MB');
