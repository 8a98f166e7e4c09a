/** The blacklist (获取公众号的黑名单列表): tags/members/getblacklist, 10,000 a page, continued from begin_openid. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { outputProperty, readFollowerPages } from '../../../shared/oa/followerPages';

export const description = scoped({ resource: ['follower'], operation: ['listBlacklist'] }, [outputProperty]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	return await readFollowerPages(
		run.client,
		(next) => ({
			method: 'POST',
			path: '/cgi-bin/tags/members/getblacklist',
			json: { begin_openid: next },
			kind: 'read',
		}),
		run.item(itemIndex).param<string>('output', 'openid'),
	);
};
