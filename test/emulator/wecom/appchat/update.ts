import { isRecord } from '../../core/json';
import type { JsonReply, TokenRequest, TokenRoute } from '../../core/router';
import type { WeComContext } from '../context';
import { WeComErrcode, weComError, weComOk, weComPlatform } from '../errors';
import { refuse, Violation } from '../violation';
import { chatApp, chatName, corpUsers, memberCountViolation, ownChat, ownerAmong } from './access';

/**
 * POST /cgi-bin/appchat/update `{chatid, name?, owner?, add_user_list?, del_user_list?}` (reference C2).
 * Everything is checked against the chat as it would be after the change, and nothing changes unless all of
 * it is valid.
 */
export function appchatUpdateRoute(ctx: WeComContext): TokenRoute {
	return { method: 'POST', path: '/cgi-bin/appchat/update', platform: weComPlatform, auth: 'token', handle: (req) => update(ctx, req) };
}

function update(ctx: WeComContext, req: TokenRequest): JsonReply {
	const body = req.json;
	if (!isRecord(body)) return weComError(req, WeComErrcode.dataFormatError, 'data format error');
	const app = chatApp(ctx, req.caller);
	if (app instanceof Violation) return refuse(req, app);
	const chat = ownChat(ctx, app, body.chatid);
	if (chat instanceof Violation) return refuse(req, chat);

	const name = body.name === undefined ? chat.name : chatName(body.name);
	if (name instanceof Violation) return refuse(req, name);
	const added = body.add_user_list === undefined ? [] : corpUsers(app, 'add_user_list', body.add_user_list);
	if (added instanceof Violation) return refuse(req, added);
	const removed = body.del_user_list === undefined ? [] : corpUsers(app, 'del_user_list', body.del_user_list);
	if (removed instanceof Violation) return refuse(req, removed);
	// Removing someone who is not in the chat is refused like an unknown member: the request is wrong either way.
	const stranger = removed.find((user) => !chat.members.includes(user) && !added.includes(user));
	if (stranger !== undefined) return weComError(req, WeComErrcode.chatMemberInvalid, `invalid chat member ${stranger}: not in the chat`);
	const members = [...chat.members, ...added.filter((user) => !chat.members.includes(user))].filter((user) => !removed.includes(user));
	const countViolation = memberCountViolation(members);
	if (countViolation !== undefined) return refuse(req, countViolation);
	// A chat always has an owner among its members: removing the owner without naming a new one is refused.
	const owner = ownerAmong(app, body.owner === undefined ? chat.owner : body.owner, members);
	if (owner instanceof Violation) return refuse(req, owner);

	chat.name = name;
	chat.members = members;
	chat.owner = owner;
	return weComOk();
}
