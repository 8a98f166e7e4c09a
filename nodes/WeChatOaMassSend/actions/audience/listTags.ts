/** List the account's tags (获取公众号已创建的标签) with their follower counts, one item each. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';

export const description = scoped({ resource: ['audience'], operation: ['listTags'] }, []);

export const execute: Operation<OaRun>['execute'] = async function (run) {
	const answer = await callJson(run.client, { method: 'GET', path: '/cgi-bin/tags/get', kind: 'read' });
	const tags = Array.isArray(answer.tags) ? (answer.tags as Array<{ id: number; name: string; count?: number }>) : [];
	return tags.map((tag) => ({ json: { id: tag.id, name: tag.name, count: tag.count ?? 0 } }));
};
