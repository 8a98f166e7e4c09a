import { isStringArray } from '../../core/json';
import type { TokenOwner } from '../../core/tokens';
import type { WeComApp } from '../apps';
import type { WeComContext } from '../context';
import { WeComErrcode } from '../errors';
import { invalidField, Violation } from '../violation';
import type { WeComChat } from './chats';

/**
 * Checks every appchat call shares (reference C): "只允许企业自建应用调用，且应用的可见范围必须是根部门", and a
 * chatid must name a chat that this very app created.
 */

/** "群成员id列表。至少2人". The maximum was 500 in older docs; the current limit is 2000. */
export const MIN_CHAT_MEMBERS = 2;
export const MAX_CHAT_MEMBERS = 2000;

/** The token's app, when its visibility scope allows group chats. */
export function chatApp(ctx: WeComContext, caller: TokenOwner): WeComApp | Violation {
	const app = ctx.apps.find(caller.corpId, caller.agentId);
	if (app === undefined) return new Violation(WeComErrcode.invalidAgentId, 'invalid agentid');
	if (!app.visibleToAll) return new Violation(WeComErrcode.noPrivilege, 'no privilege to access/modify contact/party/agent');
	return app;
}

/** The chat `chatid` names, if this app created it. */
export function ownChat(ctx: WeComContext, app: WeComApp, chatid: unknown): WeComChat | Violation {
	if (chatid === undefined || chatid === '') return new Violation(WeComErrcode.missingChatId, 'chatid missing');
	if (typeof chatid !== 'string') return new Violation(WeComErrcode.chatIdInvalid, 'invalid chatid');
	const chat = ctx.chats.find(app.corpId, chatid);
	if (chat === undefined) return new Violation(WeComErrcode.chatNotFound, 'chatid not exist');
	// A chat of another app of the same corp exists but is not this app's to use ("非法操作非自己创建的群").
	if (chat.agentId !== app.agentId) return new Violation(WeComErrcode.chatOfOtherApp, 'not allow to operate chat not created by this app');
	return chat;
}

/**
 * The userids of a member list as the app's users list spells them (WeCom matches userids case-insensitively),
 * or 86007 for the first one the corp does not know. Duplicates collapse to one member.
 */
export function corpUsers(app: WeComApp, field: string, list: unknown): string[] | Violation {
	if (!isStringArray(list)) return invalidField(field, 'must be an array of userids');
	const known = new Map(app.users.map((user) => [user.toLowerCase(), user]));
	const users: string[] = [];
	for (const userid of list) {
		const user = known.get(userid.toLowerCase());
		if (user === undefined) return new Violation(WeComErrcode.chatMemberInvalid, `invalid chat member ${userid}`);
		if (!users.includes(user)) users.push(user);
	}
	return users;
}

/** 86006 unless the chat keeps 2 to 2000 members. */
export function memberCountViolation(members: readonly string[]): Violation | undefined {
	if (members.length >= MIN_CHAT_MEMBERS && members.length <= MAX_CHAT_MEMBERS) return undefined;
	return new Violation(WeComErrcode.chatMemberCount, `chat member count must be ${MIN_CHAT_MEMBERS} to ${MAX_CHAT_MEMBERS}, got ${members.length}`);
}

/**
 * The owner as a member of `members`: 86005 for an owner that is not a user of the corp, 86207 ("群主不在群成员
 * 列表") for a user who is not in the chat.
 */
export function ownerAmong(app: WeComApp, owner: unknown, members: readonly string[]): string | Violation {
	if (typeof owner !== 'string' || owner === '') return new Violation(WeComErrcode.chatOwnerInvalid, 'invalid owner');
	const user = app.users.find((candidate) => candidate.toLowerCase() === owner.toLowerCase());
	if (user === undefined) return new Violation(WeComErrcode.chatOwnerInvalid, 'invalid owner');
	return members.includes(user) ? user : new Violation(WeComErrcode.chatOwnerNotMember, `owner ${owner} is not a member of the chat`);
}

/** "群聊名，最多50个utf8字符，超过将截断": a longer name is cut, not refused; a name that is no string is 86004. */
export function chatName(name: unknown): string | Violation {
	if (typeof name !== 'string') return new Violation(WeComErrcode.chatNameInvalid, 'invalid chat name');
	return [...name].slice(0, 50).join('');
}
