/** The customer-service accounts online now, with how many sessions each is serving (获取在线客服列表). */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { getList } from './requests';

export const description = scoped({ resource: ['customerService'], operation: ['listOnlineAccounts'] }, []);

export const execute: Operation<OaRun>['execute'] = async function (run) {
	return await getList(run, '/cgi-bin/customservice/getonlinekflist', 'kf_online_list');
};
