/** Member (成员): the company's members. */
import { operationPicker } from '../../../shared/descriptions/operationPicker';
import type { ContactsResourceModule } from '../resourceModule';
import * as convertToOpenid from './convertToOpenid';
import * as convertToUserid from './convertToUserid';
import * as create from './create';
import * as deleteMember from './delete';
import * as deleteMany from './deleteMany';
import * as get from './get';
import * as getJoinQrCode from './getJoinQrCode';
import * as getUserId from './getUserId';
import * as invite from './invite';
import * as list from './list';
import * as update from './update';

export const memberResource: ContactsResourceModule = {
	option: { name: 'Member', value: 'member', description: 'Members of the company (成员)' },
	picker: operationPicker(
		'member',
		[
			{
				name: 'Convert OpenID to User ID',
				value: 'convertToUserid',
				action: 'Convert an openid to a user ID',
				description: 'Turn a WeCom openid back into a UserID (openid转userid)',
			},
			{
				name: 'Convert User ID to OpenID',
				value: 'convertToOpenid',
				action: 'Convert a user ID to an openid',
				description: 'The openid of a member, for WeChat Pay and similar (userid转openid)',
			},
			{ name: 'Create', value: 'create', action: 'Create a member', description: 'Add a member (创建成员)' },
			{ name: 'Delete', value: 'delete', action: 'Delete a member', description: 'Remove a member (删除成员)' },
			{
				name: 'Delete Many',
				value: 'deleteMany',
				action: 'Delete many members',
				description: 'Remove a list of members, 200 a call (批量删除成员)',
			},
			{ name: 'Get', value: 'get', action: 'Get a member', description: "A member's details (读取成员)" },
			{
				name: 'Get Join QR Code',
				value: 'getJoinQrCode',
				action: 'Get the join QR code',
				description: 'The picture people scan to join the company, as a file (获取加入企业二维码)',
			},
			{
				name: 'Get User ID',
				value: 'getUserId',
				action: 'Get a user ID by mobile or e-mail',
				description: 'Find a UserID from a mobile number or e-mail address (手机号/邮箱获取userid)',
			},
			{
				name: 'Invite',
				value: 'invite',
				action: 'Invite members',
				description: 'Invite members, departments or tags to use WeCom (邀请成员)',
			},
			{
				name: 'List',
				value: 'list',
				action: 'List members of a department',
				description: 'The members of a department, with details or IDs only (读取部门成员 / 获取成员ID列表)',
			},
			{ name: 'Update', value: 'update', action: 'Update a member', description: "Change a member's fields (更新成员)" },
		],
		'get',
	),
	operations: {
		convertToOpenid,
		convertToUserid,
		create,
		delete: deleteMember,
		deleteMany,
		get,
		getJoinQrCode,
		getUserId,
		invite,
		list,
		update,
	},
};
