import { isRecord, nonEmptyString } from '../core/json';
import type { ApiReply, TokenRequest, TokenRoute } from '../core/router';
import type { OaAccount } from './accounts';
import { oaRoute, type OaContext } from './context';
import { badField, OaErrcode, oaOk, refuse, violation } from './errors';
import { dataViolation, templateKeywords } from './template-data';

/**
 * POST /cgi-bin/message/subscribe/bizsend (reference E3). The user must have accepted this template in the
 * subscribe pop-up (the seed's `subscriptions`, or emulator.oa.addSubscription): without a consent left the
 * answer is 43101 "user refuse to accept the msg". A one-time consent is used up by the send; a long-term one
 * (no `remaining`) is not. Subscribe messages have no colours and need no follow.
 */
export function subscribeSendRoute(ctx: OaContext): TokenRoute<'oa'> {
	return oaRoute(ctx, 'POST', '/cgi-bin/message/subscribe/bizsend', (req, account) => send(ctx, req, account));
}

function send(ctx: OaContext, req: TokenRequest<'oa'>, account: OaAccount): ApiReply {
	const body = req.json;
	if (!isRecord(body)) return refuse(violation(OaErrcode.dataFormatError));
	const touser = body.touser;
	if (!nonEmptyString(touser) || ctx.accounts.belongsElsewhere(account.appId, touser)) return refuse(violation(OaErrcode.invalidOpenid));
	const template = account.subscribeTemplates.find((candidate) => candidate.templateId === body.template_id);
	if (template === undefined) return refuse(violation(OaErrcode.invalidTemplateId));
	if (body.page !== undefined && typeof body.page !== 'string') return refuse(badField('page', 'must be a string'));
	if (body.miniprogram !== undefined && !(isRecord(body.miniprogram) && nonEmptyString(body.miniprogram.appid))) {
		return refuse(badField('miniprogram.appid', 'is required'));
	}
	const dataProblem = dataViolation(templateKeywords(template.content), body.data);
	if (dataProblem !== undefined) return refuse(dataProblem);
	const consent = account.subscriptions.find(
		(subscription) => subscription.openid === touser && subscription.templateId === template.templateId && (subscription.remaining === null || subscription.remaining > 0),
	);
	if (consent === undefined) return refuse(violation(OaErrcode.userRefused));
	if (consent.remaining !== null) consent.remaining -= 1;
	ctx.records.subscribeMessages.push({ appId: account.appId, touser, templateId: template.templateId, body, sentAt: ctx.clock.now() });
	return oaOk();
}
