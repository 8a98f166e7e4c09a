/** Get a group chat (获取群聊会话): its name, owner and members. */
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { concurrencyOption } from '../../../shared/descriptions/options';
import { chatIdProperty, requireChatId } from './chatId';

export const description = scoped({ resource: ['appChat'], operation: ['get'] }, [
	chatIdProperty,
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
	const chatid = requireChatId(run.item(itemIndex));
	const answer = await callJson(run.connection.client, {
		method: 'GET',
		path: '/cgi-bin/appchat/get',
		query: { chatid },
		kind: 'read',
	});
	const info = (answer.chat_info ?? {}) as Record<string, unknown>;
	return {
		json: {
			chatid: String(info.chatid ?? chatid),
			name: String(info.name ?? ''),
			owner: String(info.owner ?? ''),
			userlist: Array.isArray(info.userlist) ? info.userlist.map(String) : [],
			chat_type: Number(info.chat_type ?? 0),
		},
	};
};
