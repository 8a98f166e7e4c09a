/** Get a published article (获取已发布图文信息, freepublish/getarticle). */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { articleIdProperty, readArticleId } from './articleId';

export const description = scoped({ resource: ['publish'], operation: ['getArticle'] }, [articleIdProperty]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const articleId = readArticleId(run.item(itemIndex));
	const answer = await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/freepublish/getarticle',
		json: { article_id: articleId },
		kind: 'read',
	});
	return { json: { article_id: articleId, news_item: Array.isArray(answer.news_item) ? answer.news_item : [] } };
};
