/** Update a group chat (修改群聊会话): rename, change the owner, add or remove members. */
import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { directoryPicker, joinedIds } from '../../../shared/descriptions/wecomRecipients';
import { FieldError } from '../../../shared/execution/errors';
import { callJson } from '../../../shared/transport/client';
import { concurrencyOption } from '../../../shared/descriptions/options';
import { chatIdProperty, requireChatId } from './chatId';

export const description = scoped({ resource: ['appChat'], operation: ['update'] }, [
	chatIdProperty,
	{
		displayName: 'Changes',
		name: 'changes',
		type: 'collection',
		placeholder: 'Add Change',
		default: {},
		options: [
			directoryPicker('pickedAddUserList', 'Add Member Names or IDs', 'getMembers', 'Members (成员) from the directory to add, with Add Members'),
			{
				displayName: 'Add Members',
				name: 'addUserList',
				type: 'string',
				default: '',
				placeholder: 'wangwu|zhaoliu',
				description: 'UserIDs to add, separated by | or commas',
			},
			{ displayName: 'New Name', name: 'name', type: 'string', default: '', description: 'At most 50 characters' },
			{ displayName: 'New Owner', name: 'owner', type: 'string', default: '', description: 'UserID of a member' },
			directoryPicker('pickedDelUserList', 'Remove Member Names or IDs', 'getMembers', 'Members (成员) from the directory to remove, with Remove Members'),
			{
				displayName: 'Remove Members',
				name: 'delUserList',
				type: 'string',
				default: '',
				description: 'UserIDs to remove, separated by | or commas',
			},
		],
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
	const chatid = requireChatId(ctx);
	const changes = ctx.param<IDataObject>('changes', {});
	const body: IDataObject = { chatid };
	const name = String(changes.name ?? '').trim();
	const owner = String(changes.owner ?? '').trim();
	const add = joinedIds(changes.addUserList, changes.pickedAddUserList);
	const remove = joinedIds(changes.delUserList, changes.pickedDelUserList);
	if (name) {
		if ([...name].length > 50)
			throw new FieldError('Changes › New Name', 'is longer than 50 characters', 'Shorten the chat name.');
		body.name = name;
	}
	if (owner) body.owner = owner;
	if (add.length) body.add_user_list = add;
	if (remove.length) body.del_user_list = remove;
	if (Object.keys(body).length === 1)
		throw new FieldError('Changes', 'nothing to change', 'Add a new name, owner, or members to add or remove.');
	const both = add.filter((id) => remove.includes(id));
	if (both.length)
		throw new FieldError(
			'Changes',
			`${both.join(', ')} would be added and removed at once`,
			'List each member in only one of Add Members and Remove Members.',
		);
	await callJson(run.connection.client, { method: 'POST', path: '/cgi-bin/appchat/update', json: body, kind: 'write' });
	return {
		json: {
			chatid,
			updated: true,
			...(name && { name }),
			...(owner && { owner }),
			addedUsers: add,
			removedUsers: remove,
		},
	};
};
