import type { IDataObject } from 'n8n-workflow';
import type { WeComMessageContent } from './types';
import { FieldError } from '../../execution/errors';
import { checkBytes } from '../../execution/itemContext';

export const mpNewsContent: WeComMessageContent = {
	msgtype: 'mpnews',
	supportsSafe: true,
	properties: [
		{
			displayName: 'Articles',
			name: 'mpArticles',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, maxValue: 8 },
			default: {},
			required: true,
			description: '1 to 8 articles stored by WeCom (图文, body in HTML)',
			options: [
				{
					displayName: 'Article',
					name: 'article',
					values: [
						{
							displayName: 'Author',
							name: 'author',
							type: 'string',
							default: '',
							description: 'At most 64 bytes',
						},
						{
							displayName: 'Content (HTML)',
							name: 'content',
							type: 'string',
							default: '',
							required: true,
							description: 'Article body, HTML, at most 666 K bytes',
						},
						{
							displayName: 'Digest',
							name: 'digest',
							type: 'string',
							default: '',
							description: 'Summary, at most 512 bytes',
						},
						{
							displayName: 'Source URL',
							name: 'content_source_url',
							type: 'string',
							default: '',
							description: "Opened by '阅读原文'",
						},
						{
							displayName: 'Thumbnail Binary Field',
							name: 'thumbBinaryPropertyName',
							type: 'string',
							default: 'data',
							description:
								'Input binary property holding the cover image (JPG/PNG);	used when the source is Binary Property',
						},
						{
							displayName: 'Thumbnail Media ID',
							name: 'thumbMediaId',
							type: 'string',
							default: '',
							description: 'Media_id of the cover image;	used when the source is Media ID',
						},
						{
							displayName: 'Thumbnail Source',
							name: 'thumbSource',
							type: 'options',
							options: [
								{
									name: 'Binary Property (Uploaded First)',
									value: 'binary',
								},
								{
									name: 'Media ID',
									value: 'mediaId',
								},
							],
							default: 'binary',
						},
						{
							displayName: 'Title',
							name: 'title',
							type: 'string',
							default: '',
							required: true,
							description: 'At most 128 bytes',
						},
					],
				},
			],
		},
	],
	async build(ctx) {
		const list = ctx.param<{ article?: IDataObject[] }>('mpArticles', {}).article ?? [];
		if (list.length < 1 || list.length > 8) {
			throw new FieldError('Articles', `has ${list.length} articles`, 'An mpnews message needs 1 to 8 articles.');
		}
		const articles: IDataObject[] = [];
		for (const [index, raw] of list.entries()) {
			const field = `Articles › Article ${index + 1}`;
			const title = String(raw.title ?? '').trim();
			const content = String(raw.content ?? '').trim();
			if (!title) throw new FieldError(`${field} › Title`, 'is empty', 'Every article needs a title.');
			if (!content) throw new FieldError(`${field} › Content (HTML)`, 'is empty', 'Every article needs a body.');
			checkBytes(title, 128, `${field} › Title`);
			checkBytes(content, 666 * 1024, `${field} › Content (HTML)`);
			let thumb: string;
			if (raw.thumbSource === 'mediaId') {
				thumb = String(raw.thumbMediaId ?? '').trim();
				if (!thumb)
					throw new FieldError(
						`${field} › Thumbnail Media ID`,
						'is empty',
						'Enter the cover image media_id or switch to Binary Property.',
					);
			} else {
				thumb = await ctx.uploadMedia(
					'thumb',
					String(raw.thumbBinaryPropertyName ?? 'data'),
					`${field} › Thumbnail Binary Field`,
				);
			}
			const article: IDataObject = { title, thumb_media_id: thumb, content };
			for (const [key, max] of [
				['author', 64],
				['content_source_url', 2048],
				['digest', 512],
			] as const) {
				const value = String(raw[key] ?? '').trim();
				if (value) {
					checkBytes(value, max, `${field} › ${key}`);
					article[key] = value;
				}
			}
			articles.push(article);
		}
		return { articles };
	},
};
