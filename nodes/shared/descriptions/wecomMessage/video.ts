import type { WeComMessageContent } from './types';
import { mediaProperties, resolveMedia } from './media';
import { checkBytes } from '../../execution/itemContext';

export const videoContent: WeComMessageContent = {
	msgtype: 'video',
	supportsSafe: true,
	properties: [
		...mediaProperties('Video', 'video (MP4, at most 10 MB)'),
		{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'At most 128 bytes' },
		{ displayName: 'Description', name: 'description', type: 'string', default: '', description: 'At most 512 bytes' },
	],
	async build(ctx) {
		const payload: Record<string, string> = { media_id: await resolveMedia(ctx, 'video', 'Video') };
		const title = ctx.text('title');
		const description = ctx.text('description');
		if (title) {
			checkBytes(title, 128, 'Title');
			payload.title = title;
		}
		if (description) {
			checkBytes(description, 512, 'Description');
			payload.description = description;
		}
		return payload;
	},
};
