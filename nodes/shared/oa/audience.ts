/**
 * The audience listings two nodes offer: WeChat OA Mass Send's Audience resource and WeChat OA's Tag and
 * Follower resources. Each factory builds the whole operation (fields + execute) under the caller's
 * show-conditions, so both nodes run the same code.
 */
import type { Operation } from '../execution/router';
import type { OaRun } from './run';
import { scoped, type ShowConditions } from '../descriptions/scope';
import { FieldError } from '../execution/errors';
import { callJson } from '../transport/client';
import { outputProperty, readFollowerPages } from './followerPages';

/** tags/get: the account's tags (获取公众号已创建的标签) with their follower counts, one item each. */
export function listTagsOperation(show: ShowConditions): Operation<OaRun> {
	return {
		description: scoped(show, []),
		async execute(run) {
			const answer = await callJson(run.client, { method: 'GET', path: '/cgi-bin/tags/get', kind: 'read' });
			const tags = Array.isArray(answer.tags)
				? (answer.tags as Array<{ id: number; name: string; count?: number }>)
				: [];
			return tags.map((tag) => ({ json: { id: tag.id, name: tag.name, count: tag.count ?? 0 } }));
		},
	};
}

/** user/get: every follower (获取用户列表), following next_openid to the end. */
export function listFollowersOperation(show: ShowConditions): Operation<OaRun> {
	return {
		description: scoped(show, [outputProperty]),
		async execute(run, itemIndex) {
			return await readFollowerPages(
				run.client,
				(next) => ({
					method: 'GET',
					path: '/cgi-bin/user/get',
					query: { next_openid: next || undefined },
					kind: 'read',
				}),
				run.item(itemIndex).param<string>('output', 'openid'),
			);
		},
	};
}

/** A tag ID as WeChat's tag APIs take it: a non-negative integer (0, 1 and 2 are WeChat's own tags). */
export function readTagId(value: unknown, field = 'Tag ID'): number {
	const tagId = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof tagId !== 'number' || !Number.isInteger(tagId) || tagId < 0)
		throw new FieldError(
			field,
			`${JSON.stringify(value)} is not a tag ID`,
			'Use a tag ID from Tag → List (a whole number).',
		);
	return tagId;
}

/** user/tag/get: the followers with a tag (获取标签下粉丝列表), following next_openid to the end. */
export function listTagFollowersOperation(show: ShowConditions): Operation<OaRun> {
	return {
		description: scoped(show, [
			{
				displayName: 'Tag ID',
				name: 'tagId',
				type: 'number',
				default: 0,
				required: true,
				description: 'From List Tags',
			},
			outputProperty,
		]),
		async execute(run, itemIndex) {
			const ctx = run.item(itemIndex);
			const tagId = readTagId(ctx.param<unknown>('tagId', 0));
			return await readFollowerPages(
				run.client,
				(next) => ({
					method: 'POST',
					path: '/cgi-bin/user/tag/get',
					json: { tagid: tagId, next_openid: next },
					kind: 'read',
				}),
				ctx.param<string>('output', 'openid'),
				{ tagid: tagId },
			);
		},
	};
}
