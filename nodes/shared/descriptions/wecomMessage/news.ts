import type { IDataObject } from 'n8n-workflow';
import type { WeComMessageContent } from './types';
import { FieldError } from '../../execution/errors';
import { checkBytes } from '../../execution/itemContext';
import { requireUrl } from './urls';

/** App messages may open a mini program from an article; group robots only open URLs. */
function news(allowMiniProgram: boolean): WeComMessageContent {
	return {
		msgtype: 'news',
		supportsSafe: false,
		properties: [
			{
				displayName: 'Articles',
				name: 'articles',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true, maxValue: 8 },
				default: {},
				required: true,
				description: '1 to 8 articles (图文)',
				options: [
					{
						displayName: 'Article',
						name: 'article',
						values: [
							{
								displayName: 'Description',
								name: 'description',
								type: 'string',
								default: '',
								description: 'At most 512 bytes',
							},
							{
								displayName: 'Mini Program App ID',
								name: 'appid',
								type: 'string',
								default: '',
								description: 'Open a mini program linked to this app instead of the URL',
							},
							{
								displayName: 'Mini Program Page',
								name: 'pagepath',
								type: 'string',
								default: '',
								description: 'Page path inside the mini program',
							},
							{
								displayName: 'Picture URL',
								name: 'picurl',
								type: 'string',
								default: '',
								description: 'JPG/PNG;	1068×455 for the first article, 150×150 for the rest',
							},
							{
								displayName: 'Title',
								name: 'title',
								type: 'string',
								default: '',
								required: true,
								description: 'At most 128 bytes',
							},
							{
								displayName: 'URL',
								name: 'url',
								type: 'string',
								default: '',
								description: 'Link opened on tap;	required unless a mini program App ID is set',
							},
						],
					},
				],
			},
		],
		async build(ctx) {
			const list = ctx.param<{ article?: IDataObject[] }>('articles', {}).article ?? [];
			if (list.length < 1 || list.length > 8) {
				throw new FieldError('Articles', `has ${list.length} articles`, 'A news message needs 1 to 8 articles.');
			}
			const articles = list.map((raw, index) => {
				const field = `Articles › Article ${index + 1}`;
				const title = String(raw.title ?? '').trim();
				if (!title) throw new FieldError(`${field} › Title`, 'is empty', 'Every article needs a title.');
				checkBytes(title, 128, `${field} › Title`);
				const article: IDataObject = { title };
				const description = String(raw.description ?? '').trim();
				if (description) {
					checkBytes(description, 512, `${field} › Description`);
					article.description = description;
				}
				const appid = allowMiniProgram ? String(raw.appid ?? '').trim() : '';
				const url = String(raw.url ?? '').trim();
				if (url || !appid) article.url = requireUrl(url, `${field} › URL`);
				const picurl = String(raw.picurl ?? '').trim();
				if (picurl) article.picurl = requireUrl(picurl, `${field} › Picture URL`);
				if (appid) {
					article.appid = appid;
					const pagepath = String(raw.pagepath ?? '').trim();
					if (pagepath) article.pagepath = pagepath;
				}
				return article;
			});
			return { articles };
		},
	};
}

export const newsContent = news(true);
export const robotNewsContent = news(false);
