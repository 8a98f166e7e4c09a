/** Get the account's industries (获取设置的行业信息). */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';

export const description = scoped({ resource: ['industry'], operation: ['get'] }, []);

export const execute: Operation<OaRun>['execute'] = async function (run) {
	const answer = await callJson(run.client, { method: 'GET', path: '/cgi-bin/template/get_industry', kind: 'read' });
	return {
		json: { primary_industry: answer.primary_industry ?? null, secondary_industry: answer.secondary_industry ?? null },
	};
};
