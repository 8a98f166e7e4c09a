/** Many followers' info (批量获取用户基本信息): user/info/batchget, 100 a call; one output item per follower. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import type { IDataObject } from 'n8n-workflow';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { inBatches, openidList, openIdsField } from '../../../shared/oa/batches';
import { languageField } from './fields';

const USER_INFO_BATCH = 100;

export const description = scoped({ resource: ['follower'], operation: ['getMany'] }, [
	openIdsField(USER_INFO_BATCH),
	languageField,
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const openids = openidList(ctx.param<unknown>('openIds', ''), 'OpenIDs');
	const lang = ctx.param<string>('lang', 'zh_CN');
	const answers = await inBatches(
		openids,
		USER_INFO_BATCH,
		(batch) =>
			callJson(run.client, {
				method: 'POST',
				path: '/cgi-bin/user/info/batchget',
				json: { user_list: batch.map((openid) => ({ openid, lang })) },
				kind: 'read',
			}),
		'were read',
	);
	return answers.flatMap((answer) =>
		(Array.isArray(answer.user_info_list) ? (answer.user_info_list as IDataObject[]) : []).map((json) => ({ json })),
	);
};
