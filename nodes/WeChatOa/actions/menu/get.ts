/**
 * Get the menu. "What followers see" is get_current_selfmenu_info (查询自定义菜单信息): it also shows a menu
 * published in the console, with sub-buttons under sub_button.list. "API configuration" is menu/get (获取自定义菜单
 * 配置): only API menus, but with the conditional menus and their menuid, which Delete Conditional needs.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';

export const description = scoped({ resource: ['menu'], operation: ['get'] }, [
	{
		displayName: 'Which Menu',
		name: 'source',
		type: 'options',
		options: [
			{
				name: 'What Followers See',
				value: 'current',
				description: 'The menu in use, also when it was published in the console (get_current_selfmenu_info)',
			},
			{
				name: 'API Configuration',
				value: 'configuration',
				description: 'The default menu and the conditional menus with their menuid, API menus only (menu/get)',
			},
		],
		default: 'current',
	},
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const current = run.item(itemIndex).param<string>('source', 'current') === 'current';
	const answer = await callJson(run.client, {
		method: 'GET',
		path: current ? '/cgi-bin/get_current_selfmenu_info' : '/cgi-bin/menu/get',
		kind: 'read',
	});
	return {
		json: Object.fromEntries(
			Object.entries(answer).filter(([key]) => key !== 'errcode' && key !== 'errmsg'),
		) as IDataObject,
	};
};
