/** Create a group chat (创建群聊会话): at least 2 members; the chat then belongs to this app. */
import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { directoryPicker, typedAndPicked } from '../../../shared/descriptions/wecomRecipients';
import { FieldError } from '../../../shared/execution/errors';
import { callJson } from '../../../shared/transport/client';
import { concurrencyOption } from '../../../shared/descriptions/options';
import { checkChatId } from './chatId';

export const description = scoped({ resource: ['appChat'], operation: ['create'] }, [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		description: 'Chat name, at most 50 characters; WeCom names it after the members when empty',
	},
	{
		displayName: 'Members',
		name: 'userList',
		type: 'string',
		default: '',
		placeholder: 'zhangsan|lisi|wangwu',
		description: 'UserIDs, separated by | or commas; with those picked below, at least 2 and at most 2000',
	},
	directoryPicker('pickedUserList', 'Member Names or IDs', 'getMembers', 'Members (成员) from the directory, added to Members'),
	{
		displayName: 'Owner',
		name: 'owner',
		type: 'string',
		default: '',
		description: 'UserID of the owner (群主), one of the members; random when empty',
	},
	{
		displayName: 'Chat ID',
		name: 'chatId',
		type: 'string',
		default: '',
		description: 'Your own ID for the chat (at most 32 letters and digits); WeCom generates one when empty',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [concurrencyOption],
	},
]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const userlist = typedAndPicked(ctx, 'userList', 'pickedUserList');
	if (userlist.length < 2)
		throw new FieldError(
			'Members',
			`has ${userlist.length} member${userlist.length === 1 ? '' : 's'}`,
			'A group chat needs at least 2 members (UserIDs separated by |).',
		);
	if (userlist.length > 2000)
		throw new FieldError('Members', `has ${userlist.length} members`, 'A group chat takes at most 2000 members.');
	const body: IDataObject = { userlist };
	const name = ctx.text('name');
	const owner = ctx.text('owner');
	const chatid = ctx.text('chatId');
	if (name) {
		if ([...name].length > 50) throw new FieldError('Name', 'is longer than 50 characters', 'Shorten the chat name.');
		body.name = name;
	}
	if (owner) {
		if (!userlist.includes(owner))
			throw new FieldError(
				'Owner',
				`"${owner}" is not one of the members`,
				'Add the owner to Members, or leave Owner empty.',
			);
		body.owner = owner;
	}
	if (chatid) body.chatid = checkChatId(chatid, 'Chat ID');
	const answer = await callJson(run.connection.client, {
		method: 'POST',
		path: '/cgi-bin/appchat/create',
		json: body,
		kind: 'write',
	});
	return { json: { chatid: String(answer.chatid), name: name || '', owner: owner || '', userlist } };
};
