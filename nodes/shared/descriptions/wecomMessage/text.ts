import type { WeComMessageContent } from './types';
import { checkBytes, requireText } from '../../execution/itemContext';

export const textContent: WeComMessageContent = {
	msgtype: 'text',
	supportsSafe: true,
	properties: [
		{
			displayName: 'Content',
			name: 'content',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			required: true,
			description: 'At most 2048 bytes (a Chinese character is 3). Links: &lt;a href="https://…"&gt;text&lt;/a&gt;.',
		},
	],
	async build(ctx) {
		const content = requireText(ctx, 'content', 'Content', 'Enter the text to send.');
		checkBytes(content, 2048, 'Content');
		return { content };
	},
};
