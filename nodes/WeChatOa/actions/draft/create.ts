/** Create a draft (新建草稿, draft/add): 1 to 8 articles, covers and body images uploaded first when asked. */
import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { FieldError } from '../../../shared/execution/errors';
import { callJson } from '../../../shared/transport/client';
import { articleOptions, articleValues, buildArticle, checkArticle, contentImages } from './article';

/** "图文消息，一个图文消息支持1到8条图文". */
const MAX_ARTICLES = 8;

export const description = scoped({ resource: ['draft'], operation: ['create'] }, [
	{
		displayName: 'Articles',
		name: 'articles',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, maxValue: MAX_ARTICLES },
		default: {},
		required: true,
		placeholder: 'Add Article',
		description: '1 to 8 articles; the first is the headline',
		options: [{ displayName: 'Article', name: 'article', values: articleValues }],
	},
	articleOptions,
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const list = ctx.param<{ article?: IDataObject[] }>('articles', {}).article ?? [];
	if (list.length < 1 || list.length > MAX_ARTICLES)
		throw new FieldError('Articles', `has ${list.length} articles`, `A draft holds 1 to ${MAX_ARTICLES} articles.`);
	const field = (index: number) => `Articles › Article ${index + 1}`;
	list.forEach((raw, index) => checkArticle(raw, field(index)));
	const images = contentImages(this, ctx, run.client);
	const articles: IDataObject[] = [];
	for (const [index, raw] of list.entries())
		articles.push(await buildArticle(raw, field(index), { client: run.client, ctx, images }));
	// Not replayed after an unknown outcome: a second draft/add would leave a duplicate draft.
	const answer = await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/draft/add',
		json: { articles },
		kind: 'write',
	});
	return {
		json: {
			media_id: String(answer.media_id),
			articles: articles.map((article) => ({ title: article.title, thumb_media_id: article.thumb_media_id })),
		},
	};
};
