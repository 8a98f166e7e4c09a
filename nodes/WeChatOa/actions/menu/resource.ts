/** Menu (自定义菜单): the default menu and the conditional menus (个性化菜单). */
import { operationPicker } from '../../../shared/descriptions/operationPicker';
import type { OaResourceModule } from '../resourceModule';
import * as create from './create';
import * as get from './get';
import * as deleteMenu from './delete';
import * as addConditional from './addConditional';
import * as deleteConditional from './deleteConditional';
import * as tryMatch from './tryMatch';

export const menuResource: OaResourceModule = {
	option: {
		name: 'Menu',
		value: 'menu',
		description: 'The custom menu (自定义菜单) and conditional menus (个性化菜单)',
	},
	picker: operationPicker(
		'menu',
		[
			{
				name: 'Add Conditional',
				value: 'addConditional',
				action: 'Add a conditional menu',
				description: 'A menu for followers with a tag or platform (创建个性化菜单)',
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create the menu',
				description: 'Replace the menu, from JSON or a form (创建自定义菜单)',
			},
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete the menu',
				description: 'Remove the menu and all conditional menus (删除)',
			},
			{
				name: 'Delete Conditional',
				value: 'deleteConditional',
				action: 'Delete a conditional menu',
				description: 'Remove one conditional menu by menuid (删除个性化菜单)',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get the menu',
				description: 'The menu followers see, or the API configuration (查询)',
			},
			{
				name: 'Try Match',
				value: 'tryMatch',
				action: 'Get the menu a follower sees',
				description: 'Which menu a given follower gets (测试个性化菜单匹配结果)',
			},
		],
		'create',
	),
	operations: { create, get, delete: deleteMenu, addConditional, deleteConditional, tryMatch },
	// A conditional menu needs the default menu first: items run in order.
	concurrency: 1,
};
