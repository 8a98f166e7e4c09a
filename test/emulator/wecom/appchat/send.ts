import { isRecord } from '../../core/json';
import type { JsonReply, TokenRequest, TokenRoute } from '../../core/router';
import { APP_MESSAGE_CONTENT } from '../content';
import { contentContext, type WeComContext } from '../context';
import { WeComErrcode, weComError, weComOk, weComPlatform } from '../errors';
import { invalidField, refuse, Violation } from '../violation';
import { chatApp, ownChat } from './access';

/**
 * The msgtypes a group chat accepts (reference C4): those of application messages minus template_card and
 * miniprogram_notice, which get 40008 like an unknown msgtype. Payloads are checked by message/send's own
 * validators, so both endpoints refuse a bad payload identically.
 */
const CHAT_MSGTYPES: ReadonlySet<string> = new Set(['text', 'image', 'voice', 'video', 'file', 'textcard', 'news', 'mpnews', 'markdown']);

/** POST /cgi-bin/appchat/send `{chatid, msgtype, safe?, <payload>}` → `{}`; the message is kept on the chat. */
export function appchatSendRoute(ctx: WeComContext): TokenRoute {
	return { method: 'POST', path: '/cgi-bin/appchat/send', platform: weComPlatform, auth: 'token', handle: (req) => send(ctx, req) };
}

function send(ctx: WeComContext, req: TokenRequest): JsonReply {
	const body = req.json;
	if (!isRecord(body)) return weComError(req, WeComErrcode.dataFormatError, 'data format error');
	const app = chatApp(ctx, req.caller);
	if (app instanceof Violation) return refuse(req, app);
	const chat = ownChat(ctx, app, body.chatid);
	if (chat instanceof Violation) return refuse(req, chat);
	const msgtype = body.msgtype;
	const validate = typeof msgtype === 'string' && CHAT_MSGTYPES.has(msgtype) ? APP_MESSAGE_CONTENT.get(msgtype) : undefined;
	if (typeof msgtype !== 'string' || validate === undefined) return weComError(req, WeComErrcode.invalidMessageType, 'invalid message type');
	// "表示是否是保密消息，0表示否，1表示是，默认0": group chats have no safe=2.
	if (body.safe !== undefined && body.safe !== 0 && body.safe !== 1) return refuse(req, invalidField('safe', 'must be 0 or 1'));
	const violation = validate(body[msgtype], contentContext(ctx, req.caller, 'send'));
	if (violation !== undefined) return refuse(req, violation);
	chat.messages.push({ msgtype, body, sentAt: ctx.clock.now() });
	return weComOk();
}
