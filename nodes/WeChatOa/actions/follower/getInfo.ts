/**
 * A follower's info (获取用户基本信息): user/info. Since December 2021 WeChat no longer returns nickname or
 * avatar here; subscribe, subscribe_time, remark, tagid_list, subscribe_scene and qr_scene(_str) remain.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { requireText } from '../../../shared/execution/itemContext';
import { callJson } from '../../../shared/transport/client';
import { languageField, openIdField, OPENID_FIX } from './fields';

export const description = scoped({ resource: ['follower'], operation: ['getInfo'] }, [openIdField, languageField]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const openid = requireText(ctx, 'openId', 'OpenID', OPENID_FIX);
	const answer = await callJson(run.client, {
		method: 'GET',
		path: '/cgi-bin/user/info',
		query: { openid, lang: ctx.param<string>('lang', 'zh_CN') },
		kind: 'read',
	});
	// user/info answers without errcode on success; drop it if a relay adds one.
	return {
		json: Object.fromEntries(
			Object.entries(answer).filter(([key]) => key !== 'errcode' && key !== 'errmsg'),
		) as IDataObject,
	};
};
