/** Robot file and voice messages: a media_id from upload_media, or a binary property uploaded first. */
import type { WeComMessageContent } from '../wecomMessage/types';
import { mediaProperties, resolveMedia } from '../wecomMessage/media';

export const robotFileContent: WeComMessageContent = {
	msgtype: 'file',
	supportsSafe: false,
	properties: mediaProperties('File', 'file (at most 20 MB)'),
	async build(ctx) {
		return { media_id: await resolveMedia(ctx, 'file', 'File') };
	},
};

export const robotVoiceContent: WeComMessageContent = {
	msgtype: 'voice',
	supportsSafe: false,
	properties: mediaProperties('Voice', 'voice (AMR, at most 2 MB and 60 s)'),
	async build(ctx) {
		return { media_id: await resolveMedia(ctx, 'voice', 'Voice') };
	},
};
