/** List the account's templates (获取模板列表), one item each, with the keywords parsed from their content. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { templateKeywords } from '../../../shared/oa/templates';

export const description = scoped({ resource: ['template'], operation: ['list'] }, []);

export const execute: Operation<OaRun>['execute'] = async function (run) {
	const templates = await run.templates();
	return templates.map((template) => ({ json: { ...template, keywords: templateKeywords(template.content ?? '') } }));
};
