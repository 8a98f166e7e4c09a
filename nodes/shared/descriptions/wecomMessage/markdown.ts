import type { WeComMessageContent } from './types';
import { checkBytes, requireText } from '../../execution/itemContext';

/** App messages allow 2048 bytes of markdown, group robots 4096. */
function markdown(maxBytes: number, where: string): WeComMessageContent {
	return {
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
				description: `WeCom's markdown subset, at most ${maxBytes} bytes; colours with &lt;font color="info|comment|warning"&gt;. ${where}.`,
			},
		],
		async build(ctx) {
			const content = requireText(ctx, 'content', 'Markdown', 'Enter the markdown to send.');
			checkBytes(content, maxBytes, 'Markdown');
			return { content };
		},
	};
}

export const markdownContent = markdown(2048, 'Shown only in the WeCom app, not in WeChat (微工作台)');
export const robotMarkdownContent = markdown(4096, 'Mention members with &lt;@userid&gt;');
