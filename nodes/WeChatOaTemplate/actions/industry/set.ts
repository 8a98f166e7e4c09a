/** Set the account's two industries (设置所属行业); WeChat allows a change once a month. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { FieldError } from '../../../shared/execution/errors';
import { callJson } from '../../../shared/transport/client';

export const description = scoped({ resource: ['industry'], operation: ['set'] }, [
	{
		displayName: 'Primary Industry ID',
		name: 'industryId1',
		type: 'number',
		default: 1,
		description: "WeChat's industry code (行业代码), e.g. 1 = IT科技/互联网/电子商务",
	},
	{
		displayName: 'Secondary Industry ID',
		name: 'industryId2',
		type: 'number',
		default: 4,
		description: "WeChat's industry code for the second industry, e.g. 4 = IT科技/电子技术",
	},
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const ids = [ctx.param<number>('industryId1'), ctx.param<number>('industryId2')].map((value, index) => {
		const id = Number(value);
		if (!Number.isInteger(id) || id < 1 || id > 99)
			throw new FieldError(
				index ? 'Secondary Industry ID' : 'Primary Industry ID',
				`${value} is not an industry code`,
				"Use a code from WeChat's industry table (1 to 41).",
			);
		return String(id);
	});
	await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/template/api_set_industry',
		json: { industry_id1: ids[0], industry_id2: ids[1] },
		kind: 'write',
	});
	return { json: { industry_id1: ids[0], industry_id2: ids[1], updated: true } };
};
