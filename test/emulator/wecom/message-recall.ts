import { isRecord, nonEmptyString } from '../core/json';
import type { TokenRoute } from '../core/router';
import type { WeComContext } from './context';
import { WeComErrcode, weComError, weComOk, weComPlatform } from './errors';
import { invalidField, refuse } from './violation';

/** WeCom: "本接口可以撤回24小时内通过发送应用消息接口推送的消息". */
const RECALL_WINDOW_MS = 24 * 3600 * 1000;

/**
 * POST /cgi-bin/message/recall `{msgid}` (reference B2). WeCom's errcodes for a bad msgid are undocumented;
 * the emulator answers 40058 (invalid parameter) naming msgid for an unknown, foreign, already recalled or
 * too old message, so a client can only rely on errcode != 0, which is all it should rely on.
 */
export function messageRecallRoute(ctx: WeComContext): TokenRoute {
	return {
		method: 'POST',
		path: '/cgi-bin/message/recall',
		platform: weComPlatform,
		auth: 'token',
		handle(req) {
			const body = req.json;
			if (!isRecord(body)) return weComError(req, WeComErrcode.dataFormatError, 'data format error');
			if (!nonEmptyString(body.msgid)) return refuse(req, invalidField('msgid', 'required'));
			const message = ctx.messages.find(req.caller.corpId, body.msgid);
			if (message === undefined || message.agentId !== req.caller.agentId) return refuse(req, invalidField('msgid', 'no message with this msgid was sent by this app'));
			if (message.recalledAt !== undefined) return refuse(req, invalidField('msgid', 'the message was already recalled'));
			const now = ctx.clock.now();
			if (now - message.sentAt > RECALL_WINDOW_MS) return refuse(req, invalidField('msgid', 'only messages of the last 24 hours can be recalled'));
			message.recalledAt = now;
			return weComOk();
		},
	};
}
