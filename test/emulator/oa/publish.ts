import { isRecord, nonEmptyString, type JsonObject } from '../core/json';
import type { ApiReply, TokenRoute } from '../core/router';
import type { OaAccount } from './accounts';
import type { OaPublishJob } from './content-store';
import { oaRoute, requireVerified, type OaContext } from './context';
import { page } from './drafts';
import { badField, invalidArg, OaErrcode, oaBare, oaOk, OaViolation, refuse, violation } from './errors';

/**
 * Publishing (发布能力, freepublish/submit|get|getarticle|batchget|delete). Only verified accounts may publish
 * ("仅认证": 48001 otherwise). Submitting takes the draft out of the draft box and starts a job that stays
 * "publishing" for the publish delay; a draft whose cover material was deleted since fails the publish check
 * (53503). getarticle, delete and batchget know the articles of succeeded jobs.
 */
export function publishRoutes(ctx: OaContext): Array<TokenRoute<'oa'>> {
	const route = (
		path: string,
		handle: (body: Record<string, unknown>, account: OaAccount) => ApiReply,
	): TokenRoute<'oa'> =>
		oaRoute(ctx, 'POST', path, (req, account) => {
			ctx.content.settle();
			const denied = requireVerified(account);
			if (denied !== undefined) return refuse(denied);
			return handle(isRecord(req.json) ? req.json : {}, account);
		});
	const publishedJob = (body: Record<string, unknown>, account: OaAccount): OaPublishJob | OaViolation => {
		if (!nonEmptyString(body.article_id)) return badField('article_id', 'is required');
		return ctx.content.published(account.appId, body.article_id) ?? violation(OaErrcode.invalidArticleId);
	};
	return [
		route('/cgi-bin/freepublish/submit', (body, account) => {
			if (!nonEmptyString(body.media_id)) return refuse(violation(OaErrcode.missingMediaId));
			const draft = ctx.content.draft(account.appId, body.media_id);
			if (draft === undefined) return refuse(violation(OaErrcode.invalidMediaId));
			if (draft.articles.some((article) => ctx.content.material(account.appId, article.thumb_media_id) === undefined))
				return refuse(violation(OaErrcode.draftCheckFailed));
			const job = ctx.content.submit(draft, ctx.settings.publishJobDelaySeconds * 1000);
			return oaOk({ publish_id: job.publishId, msg_data_id: job.msgDataId });
		}),
		route('/cgi-bin/freepublish/get', (body, account) => {
			if (!nonEmptyString(body.publish_id) && typeof body.publish_id !== 'number')
				return refuse(invalidArg('publish_id', 'is required'));
			const job = ctx.content.job(account.appId, body.publish_id);
			if (job === undefined) return refuse(invalidArg('publish_id', 'no such publish task'));
			const answer: JsonObject = { publish_id: job.publishId, publish_status: job.status };
			if (job.status === 0 && job.articleId !== undefined) {
				answer.article_id = job.articleId;
				answer.article_detail = {
					count: job.articles.length,
					item: job.articles.map((entry) => ({ idx: entry.idx, article_url: entry.url })),
				};
			}
			answer.fail_idx = job.failIdx;
			return oaBare(answer);
		}),
		route('/cgi-bin/freepublish/getarticle', (body, account) => {
			const job = publishedJob(body, account);
			if (job instanceof OaViolation) return refuse(job);
			return oaOk({ news_item: job.articles.map((entry) => articleItem(ctx, job, entry.idx)) });
		}),
		route('/cgi-bin/freepublish/delete', (body, account) => {
			const job = publishedJob(body, account);
			if (job instanceof OaViolation) return refuse(job);
			const index = body.index ?? 0;
			if (typeof index !== 'number' || !Number.isInteger(index) || index < 0 || index > job.articles.length)
				return refuse(violation(OaErrcode.invalidArticleIdx));
			for (const entry of job.articles) if (index === 0 || entry.idx === index) entry.deleted = true;
			job.updatedAt = ctx.clock.now();
			return oaOk();
		}),
		route('/cgi-bin/freepublish/batchget', (body, account) => {
			const asked = page(body);
			if (asked instanceof OaViolation) return refuse(asked);
			if (body.no_content !== undefined && body.no_content !== 0 && body.no_content !== 1)
				return refuse(badField('no_content', 'must be 0 or 1'));
			// "获取已成功发布的消息列表": succeeded jobs with an article left, newest first.
			const jobs = ctx.content.jobs
				.filter(
					(job) => job.appId === account.appId && job.status === 0 && job.articles.some((entry) => !entry.deleted),
				)
				.reverse();
			const slice = jobs.slice(asked.offset, asked.offset + asked.count);
			return oaBare({
				total_count: jobs.length,
				item_count: slice.length,
				item: slice.map((job) => ({
					article_id: job.articleId ?? '',
					content: {
						news_item: job.articles.map((entry) => {
							const item = articleItem(ctx, job, entry.idx);
							if (body.no_content === 1) delete item.content;
							return item;
						}),
						create_time: Math.floor((job.finishedAt ?? job.submittedAt) / 1000),
						update_time: Math.floor(job.updatedAt / 1000),
					},
					update_time: Math.floor(job.updatedAt / 1000),
				})),
			});
		}),
	];
}

/** One published article as getarticle and batchget show it. */
function articleItem(ctx: OaContext, job: OaPublishJob, idx: number): JsonObject {
	const entry = job.articles[idx - 1];
	const cover = ctx.content.material(job.appId, entry.article.thumb_media_id);
	const { article_type: _type, ...article } = entry.article;
	return { ...article, thumb_url: cover?.url ?? '', url: entry.url, is_deleted: entry.deleted };
}
