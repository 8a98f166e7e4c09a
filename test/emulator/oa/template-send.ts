import { isRecord, nonEmptyString } from '../core/json';
import type { ApiReply, TokenRequest, TokenRoute } from '../core/router';
import type { OaAccount } from './accounts';
import { followerViolation, oaRoute, type OaContext } from './context';
import { badField, OaErrcode, oaOk, OaViolation, refuse, violation } from './errors';
import type { OaTemplateMessage } from './records';
import { dataViolation, deliveredData, templateKeywords } from './template-data';

/** "对于同一个openid + client_msg_id, 只发送一条消息,10分钟有效,超过10分钟不保证效果" (template send doc). */
const CLIENT_MSG_ID_WINDOW_MS = 10 * 60 * 1000;

/**
 * POST /cgi-bin/message/template/send (reference E1). Checked in order: body, permission (service accounts
 * only), touser, template_id, jump targets, client_msg_id, data. Then a repeated client_msg_id answers the
 * original msgid without sending; otherwise the message is recorded and its TEMPLATESENDJOBFINISH event too.
 */
export function templateSendRoute(ctx: OaContext): TokenRoute<'oa'> {
	return oaRoute(ctx, 'POST', '/cgi-bin/message/template/send', (req, account) => send(ctx, req, account));
}

function send(ctx: OaContext, req: TokenRequest<'oa'>, account: OaAccount): ApiReply {
	const body = req.json;
	if (!isRecord(body)) return refuse(violation(OaErrcode.dataFormatError));
	// "模板消息仅用于公众号向用户发送重要的服务通知" and needs a verified service account.
	if (!account.serviceAccount || !account.verified) return refuse(violation(OaErrcode.apiUnauthorized));
	const problem = followerViolation(ctx, account, body.touser, OaErrcode.requireSubscribe);
	if (problem !== undefined) return refuse(problem);
	const touser = String(body.touser);
	const template = account.templates.find((candidate) => candidate.templateId === body.template_id);
	if (template === undefined) return refuse(violation(OaErrcode.invalidTemplateId));
	const jump = jumpTargets(body);
	if (jump instanceof OaViolation) return refuse(jump);
	const clientMsgId = body.client_msg_id;
	if (clientMsgId !== undefined && !nonEmptyString(clientMsgId)) return refuse(badField('client_msg_id', 'must be a non-empty string'));
	const keywords = templateKeywords(template.content);
	const dataProblem = dataViolation(keywords, body.data, true);
	if (dataProblem !== undefined) return refuse(dataProblem);

	const now = ctx.clock.now();
	const original = clientMsgId === undefined ? undefined : findOriginal(ctx, account.appId, touser, clientMsgId, now);
	const record: OaTemplateMessage = {
		appId: account.appId,
		msgid: original?.msgid ?? ctx.ids.nextTemplateMsgid(),
		touser,
		templateId: template.templateId,
		body,
		delivered: deliveredData(keywords, body.data),
		...jump,
		sentAt: now,
		deduplicated: original !== undefined,
	};
	if (clientMsgId !== undefined) record.clientMsgId = clientMsgId;
	if (original === undefined) {
		record.status = account.templateBlockers.includes(touser) ? 'failed:user block' : 'success';
		ctx.events.record(account.appId, {
			ToUserName: account.ghId,
			FromUserName: touser,
			CreateTime: Math.floor(now / 1000),
			MsgType: 'event',
			Event: 'TEMPLATESENDJOBFINISH',
			MsgID: String(record.msgid),
			Status: record.status,
		});
	}
	ctx.records.templateMessages.push(record);
	return oaOk({ msgid: record.msgid });
}

/** The delivered original with this openid + client_msg_id within the window, if any. */
function findOriginal(ctx: OaContext, appId: string, touser: string, clientMsgId: string, now: number): OaTemplateMessage | undefined {
	return ctx.records.templateMessages.find(
		(message) =>
			!message.deduplicated && message.appId === appId && message.touser === touser && message.clientMsgId === clientMsgId && now - message.sentAt < CLIENT_MSG_ID_WINDOW_MS,
	);
}

/** `url` and `miniprogram {appid, pagepath | path}` (WxJava sends `path`); the mini program wins when both are set. */
function jumpTargets(body: Record<string, unknown>): Pick<OaTemplateMessage, 'url' | 'miniprogram'> | OaViolation {
	const targets: Pick<OaTemplateMessage, 'url' | 'miniprogram'> = {};
	if (body.url !== undefined) {
		if (typeof body.url !== 'string') return badField('url', 'must be a string');
		if (body.url !== '') targets.url = body.url;
	}
	if (body.miniprogram !== undefined) {
		const mini = body.miniprogram;
		if (!isRecord(mini) || !nonEmptyString(mini.appid)) return badField('miniprogram.appid', 'is required');
		const pagepath = mini.pagepath ?? mini.path;
		if (pagepath !== undefined && typeof pagepath !== 'string') return badField('miniprogram.pagepath', 'must be a string');
		targets.miniprogram = pagepath === undefined ? { appid: mini.appid } : { appid: mini.appid, pagepath };
	}
	return targets;
}
