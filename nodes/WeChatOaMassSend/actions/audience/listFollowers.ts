/** List every follower (获取用户列表), following next_openid to the end. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { outputProperty, readFollowerPages } from './followerPages';

export const description = scoped({ resource: ['audience'], operation: ['listFollowers'] }, [outputProperty]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const output = run.item(itemIndex).param<string>('output', 'openid');
	return await readFollowerPages(
		run.client,
		(next) => ({ method: 'GET', path: '/cgi-bin/user/get', query: { next_openid: next || undefined }, kind: 'read' }),
		output,
	);
};
