/** Update one article of a draft (修改草稿, draft/update), by its position (the first is 0). */
import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { FieldError } from '../../../shared/execution/errors';
import { callJson } from '../../../shared/transport/client';
import { articleOptions, articleValues, buildArticle, checkArticle, contentImages } from './article';
import { draftIdProperty, readDraftId } from './draftId';

export const description = scoped({ resource: ['draft'], operation: ['update'] }, [
	draftIdProperty,
	{
		displayName: 'Article Index',
		name: 'index',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 7 },
		default: 0,
		description: 'Position of the article in the draft: 0 is the first',
	},
	{
		displayName: 'Article',
		name: 'article',
		type: 'fixedCollection',
		default: {},
		required: true,
		placeholder: 'Set Article',
		description: 'The article replaces the one at Article Index entirely',
		options: [{ displayName: 'Article', name: 'fields', values: articleValues }],
	},
	articleOptions,
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const mediaId = readDraftId(ctx);
	const index = Number(ctx.param<unknown>('index', 0));
	if (!Number.isInteger(index) || index < 0 || index > 7)
		throw new FieldError('Article Index', `"${index}" is not 0 to 7`, 'The first article is 0, the eighth 7.');
	const raw = ctx.param<{ fields?: IDataObject }>('article', {}).fields;
	if (!raw) throw new FieldError('Article', 'is empty', 'Add the article that replaces the one at Article Index.');
	checkArticle(raw, 'Article');
	const images = contentImages(this, ctx, run.client);
	const article = await buildArticle(raw, 'Article', { client: run.client, ctx, images });
	// Replaying the same update leaves the same draft: safe to retry.
	await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/draft/update',
		json: { media_id: mediaId, index, articles: article },
		kind: 'write',
		deduplicated: true,
	});
	return { json: { media_id: mediaId, index, updated: true, title: article.title } };
};
