/** Follower (用户): who follows the account, their info and remarks, and the blacklist. */
import { operationPicker } from '../../../shared/descriptions/operationPicker';
import type { OaResourceModule } from '../resourceModule';
import * as getInfo from './getInfo';
import * as getMany from './getMany';
import * as setRemark from './setRemark';
import * as listAll from './listAll';
import * as listBlacklist from './listBlacklist';
import * as blacklist from './blacklist';
import * as unblacklist from './unblacklist';

export const followerResource: OaResourceModule = {
	option: { name: 'Follower', value: 'follower', description: 'Followers (用户管理): info, remarks, lists, blacklist' },
	picker: operationPicker(
		'follower',
		[
			{
				name: 'Blacklist',
				value: 'blacklist',
				action: 'Blacklist followers',
				description: 'Blacklist followers, 20 a call (拉黑用户)',
			},
			{
				name: 'Get Info',
				value: 'getInfo',
				action: "Get a follower's info",
				description: "A follower's info (获取用户基本信息)",
			},
			{
				name: 'Get Many',
				value: 'getMany',
				action: "Get many followers' info",
				description: 'Info of many followers, 100 a call (批量获取用户基本信息)',
			},
			{
				name: 'List All',
				value: 'listAll',
				action: 'List all followers',
				description: 'Every follower, page by page (获取用户列表)',
			},
			{
				name: 'List Blacklist',
				value: 'listBlacklist',
				action: 'List the blacklist',
				description: 'Every blacklisted follower, page by page (获取黑名单列表)',
			},
			{
				name: 'Set Remark',
				value: 'setRemark',
				action: "Set a follower's remark",
				description: "Set a follower's remark (设置用户备注名)",
			},
			{
				name: 'Unblacklist',
				value: 'unblacklist',
				action: 'Unblacklist followers',
				description: 'Take followers off the blacklist, 20 a call (取消拉黑用户)',
			},
		],
		'getInfo',
	),
	operations: { getInfo, getMany, setRemark, listAll, listBlacklist, blacklist, unblacklist },
};
