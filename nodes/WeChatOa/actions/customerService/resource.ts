/**
 * Customer Service (客服): the accounts that answer followers and their sessions. Account administration lives
 * here with the account's other settings; sending customer-service messages stays in WeChat OA Reply.
 */
import { operationPicker } from '../../../shared/descriptions/operationPicker';
import type { OaResourceModule } from '../resourceModule';
import * as listAccounts from './listAccounts';
import * as listOnlineAccounts from './listOnlineAccounts';
import * as addAccount from './addAccount';
import * as updateAccount from './updateAccount';
import * as deleteAccount from './deleteAccount';
import * as createSession from './createSession';
import * as closeSession from './closeSession';
import * as getSession from './getSession';
import * as listSessions from './listSessions';
import * as listWaiting from './listWaiting';

export const customerServiceResource: OaResourceModule = {
	option: {
		name: 'Customer Service',
		value: 'customerService',
		description: 'Customer-service accounts and their sessions with followers (客服账号与会话)',
	},
	picker: operationPicker(
		'customerService',
		[
			{
				name: 'Add Account',
				value: 'addAccount',
				action: 'Add a customer service account',
				description: 'Add a customer-service account (添加客服账号)',
			},
			{
				name: 'Close Session',
				value: 'closeSession',
				action: 'Close a customer service session',
				description: "End a follower's session (关闭会话)",
			},
			{
				name: 'Create Session',
				value: 'createSession',
				action: 'Create a customer service session',
				description: 'Assign a follower to an online account (创建会话)',
			},
			{
				name: 'Delete Account',
				value: 'deleteAccount',
				action: 'Delete a customer service account',
				description: 'Delete a customer-service account (删除客服账号)',
			},
			{
				name: 'Get Session',
				value: 'getSession',
				action: 'Get a follower s session',
				description: 'Which account is serving a follower (获取客户会话状态)',
			},
			{
				name: 'List Accounts',
				value: 'listAccounts',
				action: 'List customer service accounts',
				description: 'Every customer-service account (获取所有客服账号)',
			},
			{
				name: 'List Online Accounts',
				value: 'listOnlineAccounts',
				action: 'List online customer service accounts',
				description: 'Accounts online now, with their session counts (获取在线客服列表)',
			},
			{
				name: 'List Sessions',
				value: 'listSessions',
				action: 'List an account s sessions',
				description: 'The followers an account is serving (获取客服会话列表)',
			},
			{
				name: 'List Waiting',
				value: 'listWaiting',
				action: 'List followers waiting for service',
				description: 'The waiting queue (获取未接入会话列表)',
			},
			{
				name: 'Update Account',
				value: 'updateAccount',
				action: 'Update a customer service account',
				description: "Change an account's nickname (修改客服账号)",
			},
		],
		'listAccounts',
	),
	operations: {
		listAccounts,
		listOnlineAccounts,
		addAccount,
		updateAccount,
		deleteAccount,
		createSession,
		closeSession,
		getSession,
		listSessions,
		listWaiting,
	},
};
