/** Delete a published article (删除发布文章, freepublish/delete): one by number or all; it cannot be undone. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { FieldError } from '../../../shared/execution/errors';
import { callJson } from '../../../shared/transport/client';
import { articleIdProperty, readArticleId } from './articleId';

export const description = scoped({ resource: ['publish'], operation: ['delete'] }, [
	articleIdProperty,
	{
		displayName: 'Article Number',
		name: 'index',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 8 },
		default: 0,
		description: 'Which article to delete: 1 is the first; 0 deletes all of them',
	},
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const articleId = readArticleId(ctx);
	const index = Number(ctx.param<unknown>('index', 0));
	if (!Number.isInteger(index) || index < 0 || index > 8)
		throw new FieldError('Article Number', `"${index}" is not 0 to 8`, '1 is the first article; 0 deletes all.');
	// Deleting again what is deleted changes nothing: safe to retry.
	await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/freepublish/delete',
		json: index === 0 ? { article_id: articleId } : { article_id: articleId, index },
		kind: 'write',
		deduplicated: true,
	});
	return { json: { article_id: articleId, index, deleted: true } };
};
