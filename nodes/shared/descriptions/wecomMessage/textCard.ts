import type { WeComMessageContent } from './types';
import { checkBytes, requireText } from '../../execution/itemContext';
import { FieldError } from '../../execution/errors';
import { requireUrl } from './urls';

export const textCardContent: WeComMessageContent = {
	msgtype: 'textcard',
	supportsSafe: true,
	properties: [
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			required: true,
			description: 'At most 128 bytes',
		},
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			required: true,
			description: 'At most 512 bytes; &lt;div class="gray|normal|highlight"&gt; styles lines',
		},
		{
			displayName: 'URL',
			name: 'url',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/detail',
		},
		{
			displayName: 'Button Text',
			name: 'btntxt',
			type: 'string',
			default: '',
			description: 'At most 4 characters; WeCom shows "详情" when empty',
		},
	],
	async build(ctx) {
		const title = requireText(ctx, 'title', 'Title', 'Enter the card title.');
		const description = requireText(ctx, 'description', 'Description', 'Enter the card text.');
		checkBytes(title, 128, 'Title');
		checkBytes(description, 512, 'Description');
		const payload: Record<string, string> = {
			title,
			description,
			url: requireUrl(ctx.param<string>('url', ''), 'URL'),
		};
		const btntxt = ctx.text('btntxt');
		if (btntxt) {
			if ([...btntxt].length > 4)
				throw new FieldError(
					'Button Text',
					`"${btntxt}" is longer than 4 characters`,
					'Use at most 4 characters, e.g. "查看".',
				);
			payload.btntxt = btntxt;
		}
		return payload;
	},
};
