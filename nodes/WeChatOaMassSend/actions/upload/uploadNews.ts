/** Upload articles for a mass send (上传图文消息素材, uploadnews): 1 to 8, each with a cover thumbnail. */
import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { FieldError } from '../../../shared/execution/errors';
import { checkBytes } from '../../../shared/execution/itemContext';
import { callJson } from '../../../shared/transport/client';

export const description = scoped({ resource: ['upload'], operation: ['uploadNews'] }, [
	{
		displayName: 'Articles',
		name: 'articles',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, maxValue: 8 },
		default: {},
		required: true,
		description: '1 to 8 articles; WeChat now points to the draft box for new accounts',
		options: [
			{
				displayName: 'Article',
				name: 'article',
				values: [
					{ displayName: 'Author', name: 'author', type: 'string', default: '' },
					{
						displayName: 'Content (HTML)',
						name: 'content',
						type: 'string',
						typeOptions: { rows: 6 },
						default: '',
						description: 'Images inside must be URLs from Upload Image (uploadimg)',
					},
					{
						displayName: 'Digest',
						name: 'digest',
						type: 'string',
						default: '',
						description: 'Summary shown in the card',
					},
					{ displayName: 'Only Followers May Comment', name: 'onlyFansCanComment', type: 'boolean', default: false },
					{ displayName: 'Open Comments', name: 'needOpenComment', type: 'boolean', default: false },
					{ displayName: 'Show Cover in Body', name: 'showCoverPic', type: 'boolean', default: false },
					{
						displayName: 'Source URL',
						name: 'contentSourceUrl',
						type: 'string',
						default: '',
						description: 'Opened by "阅读原文"',
					},
					{
						displayName: 'Thumbnail Binary Field',
						name: 'thumbBinaryPropertyName',
						type: 'string',
						default: '',
						description:
							'Input binary property with the cover (JPG ≤64 KB), uploaded first; used when no Thumbnail Media ID is given',
					},
					{
						displayName: 'Thumbnail Media ID',
						name: 'thumbMediaId',
						type: 'string',
						default: '',
						description: 'The media_id of the cover (thumb or image media)',
					},
					{ displayName: 'Title', name: 'title', type: 'string', default: '' },
				],
			},
		],
	},
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const list = ctx.param<{ article?: IDataObject[] }>('articles', {}).article ?? [];
	if (list.length < 1 || list.length > 8)
		throw new FieldError('Articles', `has ${list.length} articles`, 'Upload 1 to 8 articles per message.');
	const articles: IDataObject[] = [];
	for (const [index, raw] of list.entries()) {
		const field = `Articles › Article ${index + 1}`;
		const title = String(raw.title ?? '').trim();
		const content = String(raw.content ?? '').trim();
		if (!title) throw new FieldError(`${field} › Title`, 'is empty', 'Every article needs a title.');
		if (!content) throw new FieldError(`${field} › Content (HTML)`, 'is empty', 'Every article needs a body.');
		checkBytes(title, 64 * 3, `${field} › Title`);
		let thumb = String(raw.thumbMediaId ?? '').trim();
		if (!thumb) {
			const property = String(raw.thumbBinaryPropertyName ?? '').trim();
			if (!property)
				throw new FieldError(
					`${field} › Thumbnail Media ID`,
					'is empty',
					'Give the cover as a media_id or as an input binary property.',
				);
			thumb = await ctx.uploadMedia('thumb', property, `${field} › Thumbnail Binary Field`);
		}
		articles.push({
			thumb_media_id: thumb,
			title,
			content,
			...(raw.author ? { author: String(raw.author) } : {}),
			...(raw.contentSourceUrl ? { content_source_url: String(raw.contentSourceUrl) } : {}),
			...(raw.digest ? { digest: String(raw.digest) } : {}),
			show_cover_pic: raw.showCoverPic ? 1 : 0,
			need_open_comment: raw.needOpenComment ? 1 : 0,
			only_fans_can_comment: raw.onlyFansCanComment ? 1 : 0,
		});
	}
	const answer = await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/media/uploadnews',
		json: { articles },
		kind: 'write',
		deduplicated: true,
	});
	return {
		json: {
			type: String(answer.type ?? 'news'),
			media_id: String(answer.media_id),
			created_at: String(answer.created_at ?? ''),
			articles: articles.length,
		},
	};
};
