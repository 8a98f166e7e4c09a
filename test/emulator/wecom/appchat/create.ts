import { randomInt } from 'node:crypto';
import { isRecord } from '../../core/json';
import type { JsonReply, TokenRequest, TokenRoute } from '../../core/router';
import type { WeComContext } from '../context';
import { WeComErrcode, weComError, weComOk, weComPlatform } from '../errors';
import { refuse, Violation } from '../violation';
import { chatApp, chatName, corpUsers, memberCountViolation, ownerAmong } from './access';

/** "字符串类型，最长32个字符。只允许字符0-9及字母a-zA-Z". */
const CHATID = /^[0-9a-zA-Z]{1,32}$/;

/**
 * POST /cgi-bin/appchat/create `{name?, owner?, userlist, chatid?}` (reference C1) → `{chatid}`. Checked in
 * this order, one error per call: body, app visibility, chatid, name, members, owner.
 */
export function appchatCreateRoute(ctx: WeComContext): TokenRoute {
	return { method: 'POST', path: '/cgi-bin/appchat/create', platform: weComPlatform, auth: 'token', handle: (req) => create(ctx, req) };
}

function create(ctx: WeComContext, req: TokenRequest): JsonReply {
	const body = req.json;
	if (!isRecord(body)) return weComError(req, WeComErrcode.dataFormatError, 'data format error');
	const app = chatApp(ctx, req.caller);
	if (app instanceof Violation) return refuse(req, app);

	const requested = body.chatid;
	if (requested !== undefined && requested !== '') {
		if (typeof requested !== 'string' || !CHATID.test(requested)) return weComError(req, WeComErrcode.chatIdInvalid, 'invalid chatid, at most 32 characters of 0-9a-zA-Z');
		// Unique in the corp, whichever app created the existing one.
		if (ctx.chats.find(app.corpId, requested) !== undefined) return weComError(req, WeComErrcode.chatIdExists, 'chatid already exists');
	}
	const name = body.name === undefined ? '' : chatName(body.name);
	if (name instanceof Violation) return refuse(req, name);

	if (body.userlist === undefined || (Array.isArray(body.userlist) && body.userlist.length === 0)) {
		return weComError(req, WeComErrcode.missingChatMembers, 'userlist missing');
	}
	const members = corpUsers(app, 'userlist', body.userlist);
	if (members instanceof Violation) return refuse(req, members);
	const countViolation = memberCountViolation(members);
	if (countViolation !== undefined) return refuse(req, countViolation);
	// "如果不指定，系统会随机从userlist中选一人作为群主".
	const owner = body.owner === undefined || body.owner === '' ? members[randomInt(members.length)] : ownerAmong(app, body.owner, members);
	if (owner instanceof Violation) return refuse(req, owner);

	const chatid = typeof requested === 'string' && requested !== '' ? requested : ctx.chats.newChatId(app.corpId);
	ctx.chats.add({ chatid, corpId: app.corpId, agentId: app.agentId, name, owner, members, createdAt: ctx.clock.now(), messages: [] });
	return weComOk({ chatid });
}
