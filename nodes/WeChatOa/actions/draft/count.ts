/** Count drafts (获取草稿总数, draft/count). */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';

export const description = scoped({ resource: ['draft'], operation: ['count'] }, []);

export const execute: Operation<OaRun>['execute'] = async function (run) {
	const answer = await callJson(run.client, { method: 'GET', path: '/cgi-bin/draft/count', kind: 'read' });
	return { json: { total_count: Number(answer.total_count ?? 0) } };
};
