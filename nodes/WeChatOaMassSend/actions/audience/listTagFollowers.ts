/** List the followers with a tag (获取标签下粉丝列表), following next_openid to the end. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { FieldError } from '../../../shared/execution/errors';
import { outputProperty, readFollowerPages } from './followerPages';

export const description = scoped({ resource: ['audience'], operation: ['listTagFollowers'] }, [
	{ displayName: 'Tag ID', name: 'tagId', type: 'number', default: 0, required: true, description: 'From List Tags' },
	outputProperty,
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const tagId = Number(ctx.param<unknown>('tagId', 0));
	if (!Number.isInteger(tagId) || tagId < 0)
		throw new FieldError('Tag ID', `${tagId} is not a tag ID`, 'Use a tag ID from List Tags.');
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
};
