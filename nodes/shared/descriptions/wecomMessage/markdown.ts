import type { WeComMessageContent } from './types';
import { checkBytes, requireText } from '../../execution/itemContext';

export const markdownContent: WeComMessageContent = {
	msgtype: 'markdown',
	supportsSafe: false,
	properties: [
		{
			displayName: 'Markdown',
			name: 'content',
			type: 'string',
			typeOptions: { rows: 6 },
			default: '',
			required: true,
			description:
				'WeCom\'s markdown subset, at most 2048 bytes; colours with &lt;font color="info|comment|warning"&gt;. Shown only in the WeCom app, not in WeChat (微工作台).',
		},
	],
	async build(ctx) {
		const content = requireText(ctx, 'content', 'Markdown', 'Enter the markdown to send.');
		checkBytes(content, 2048, 'Markdown');
		return { content };
	},
};
