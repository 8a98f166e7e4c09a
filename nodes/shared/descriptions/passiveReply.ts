/** The reply kinds both platforms share (text, image, voice, video, news): their fields and builders. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { NewsArticle, ReplyFields } from '../callback/reply';
import type { ItemContext } from '../execution/itemContext';
import { requireText } from '../execution/itemContext';
import { FieldError } from '../execution/errors';
import { mediaProperties, resolveMedia } from './wecomMessage/media';

export type CommonReplyKind = 'text' | 'image' | 'voice' | 'video' | 'news';

export const replyProperties: Record<CommonReplyKind, INodeProperties[]> = {
	text: [
		{
			displayName: 'Content',
			name: 'content',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			required: true,
			description: 'The reply text; links as &lt;a href="…"&gt;',
		},
	],
	image: mediaProperties('Image', 'image'),
	voice: mediaProperties('Voice', 'voice (AMR/MP3)'),
	video: [
		...mediaProperties('Video', 'video (MP4)'),
		{ displayName: 'Title', name: 'title', type: 'string', default: '' },
		{ displayName: 'Description', name: 'description', type: 'string', default: '' },
	],
	news: [
		{
			displayName: 'Articles',
			name: 'articles',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true, maxValue: 8 },
			default: {},
			required: true,
			description: 'OA: 1 article when replying to a message, up to 8 to an event; WeCom: up to 8',
			options: [
				{
					displayName: 'Article',
					name: 'article',
					values: [
						{ displayName: 'Description', name: 'description', type: 'string', default: '' },
						{ displayName: 'Picture URL', name: 'picUrl', type: 'string', default: '' },
						{ displayName: 'Title', name: 'title', type: 'string', default: '' },
						{ displayName: 'URL', name: 'url', type: 'string', default: '' },
					],
				},
			],
		},
	],
};

export async function buildReplyFields(ctx: ItemContext, kind: CommonReplyKind): Promise<ReplyFields[CommonReplyKind]> {
	switch (kind) {
		case 'text':
			return { content: requireText(ctx, 'content', 'Content', 'Enter the reply text.') };
		case 'image':
			return { mediaId: await resolveMedia(ctx, 'image', 'Image') };
		case 'voice':
			return { mediaId: await resolveMedia(ctx, 'voice', 'Voice') };
		case 'video':
			return {
				mediaId: await resolveMedia(ctx, 'video', 'Video'),
				title: ctx.text('title') || undefined,
				description: ctx.text('description') || undefined,
			};
		case 'news': {
			const rows = ctx.param<{ article?: IDataObject[] }>('articles', {}).article ?? [];
			if (!rows.length) throw new FieldError('Articles', 'is empty', 'Add at least one article.');
			const articles: NewsArticle[] = rows.map((row, index) => {
				const title = String(row.title ?? '').trim();
				if (!title)
					throw new FieldError(`Articles › Article ${index + 1} › Title`, 'is empty', 'Every article needs a title.');
				return {
					title,
					description: String(row.description ?? ''),
					picUrl: String(row.picUrl ?? ''),
					url: String(row.url ?? ''),
				};
			});
			return { articles };
		}
	}
}
