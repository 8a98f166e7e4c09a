import type { IDataObject } from 'n8n-workflow';
import type { WeComMessageContent } from './types';
import { FieldError } from '../../execution/errors';
import { requireText } from '../../execution/itemContext';

export const miniProgramNoticeContent: WeComMessageContent = {
	msgtype: 'miniprogram_notice',
	supportsSafe: false,
	properties: [
		{
			displayName: 'Mini Program App ID',
			name: 'appid',
			type: 'string',
			default: '',
			required: true,
			description: 'The mini program must be linked to this WeCom app',
		},
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			required: true,
			description: '4 to 12 characters',
		},
		{
			displayName: 'Page',
			name: 'page',
			type: 'string',
			default: '',
			placeholder: 'pages/index?userid=zhangsan',
			description: 'Page opened on tap; the home page when empty',
		},
		{
			displayName: 'Description',
			name: 'description',
			type: 'string',
			default: '',
			description: 'Shown under the title, 4 to 12 characters',
		},
		{
			displayName: 'Emphasise First Item',
			name: 'emphasisFirstItem',
			type: 'boolean',
			default: false,
			description: 'Whether the first content item is shown enlarged',
		},
		{
			displayName: 'Content Items',
			name: 'contentItems',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, maxValue: 10 },
			default: {},
			description: 'Up to 10 key/value lines',
			options: [
				{
					displayName: 'Item',
					name: 'item',
					values: [
						{ displayName: 'Key', name: 'key', type: 'string', default: '', description: 'At most 10 characters' },
						{ displayName: 'Value', name: 'value', type: 'string', default: '', description: 'At most 30 characters' },
					],
				},
			],
		},
	],
	async build(ctx) {
		const payload: IDataObject = {
			appid: requireText(ctx, 'appid', 'Mini Program App ID', 'Enter the App ID of the linked mini program.'),
			title: requireText(ctx, 'title', 'Title', 'Enter the notice title.'),
		};
		const page = ctx.text('page');
		const description = ctx.text('description');
		if (page) payload.page = page;
		if (description) payload.description = description;
		if (ctx.param<boolean>('emphasisFirstItem', false)) payload.emphasis_first_item = true;
		const items = ctx.param<{ item?: IDataObject[] }>('contentItems', {}).item ?? [];
		if (items.length) {
			payload.content_item = items.map((entry, index) => {
				const key = String(entry.key ?? '').trim();
				if (!key)
					throw new FieldError(`Content Items › Item ${index + 1} › Key`, 'is empty', 'Every line needs a key.');
				return { key, value: String(entry.value ?? '') };
			});
		}
		return payload;
	},
};
