/** Every customer-service account of the Official Account (获取所有客服账号), one item each. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { getList } from './requests';

export const description = scoped({ resource: ['customerService'], operation: ['listAccounts'] }, []);

export const execute: Operation<OaRun>['execute'] = async function (run) {
	return await getList(run, '/cgi-bin/customservice/getkflist', 'kf_list');
};
