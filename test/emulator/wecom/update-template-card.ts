import { isRecord, nonEmptyString, type JsonObject } from '../core/json';
import type { JsonReply, TokenRequest, TokenRoute } from '../core/router';
import { agentFromBody } from './apps';
import { templateCard } from './content/template-card';
import { contentContext, type WeComContext } from './context';
import { WeComErrcode, weComError, weComOk, weComPlatform } from './errors';
import { RESPONSE_CODE_TTL_MS } from './messages';
import { reachesNobody, resolveRecipients, updateRecipients } from './recipients';
import { invalidField, refuse, Violation } from './violation';

/**
 * POST /cgi-bin/message/update_template_card (reference B3): replaces the clicked button's text
 * (`button.replace_name`) or the whole card, for the recipients named, using a response_code once.
 */
export function updateTemplateCardRoute(ctx: WeComContext): TokenRoute {
	return { method: 'POST', path: '/cgi-bin/message/update_template_card', platform: weComPlatform, auth: 'token', handle: (req) => update(ctx, req) };
}

function update(ctx: WeComContext, req: TokenRequest): JsonReply {
	const body = req.json;
	if (!isRecord(body)) return weComError(req, WeComErrcode.dataFormatError, 'data format error');
	const app = agentFromBody(ctx.apps, req.caller, body.agentid);
	if (app instanceof Violation) return refuse(req, app);
	if (!nonEmptyString(body.response_code)) return refuse(req, invalidField('response_code', 'required'));
	const code = ctx.messages.responseCode(body.response_code);
	const now = ctx.clock.now();
	// Unknown, spent and expired codes get the same 40058: WeCom documents no separate errcodes for them.
	if (code === undefined || code.corpId !== app.corpId) return refuse(req, invalidField('response_code', 'unknown response_code'));
	if (code.agentId !== app.agentId) return weComError(req, WeComErrcode.updateAppMismatch, 'the app updating the card is not the app that sent it');
	if (code.usedAt !== undefined) return refuse(req, invalidField('response_code', 'this response_code was already used'));
	if (now - code.issuedAt > RESPONSE_CODE_TTL_MS) return refuse(req, invalidField('response_code', 'this response_code has expired (24 hours)'));
	const recipients = updateRecipients(body);
	if (recipients instanceof Violation) return refuse(req, recipients);
	const change = changeViolation(ctx, req, body);
	if (change !== undefined) return refuse(req, change);
	const delivery = resolveRecipients(app, recipients);
	if (reachesNobody(delivery)) return weComError(req, WeComErrcode.allRecipientsInvalid, 'user & party & tag all invalid');

	code.usedAt = now;
	ctx.messages.addCardUpdate({ corpId: app.corpId, agentId: app.agentId, responseCode: code.responseCode, msgid: code.msgid, body, delivery, updatedAt: now });
	// The documented answer lists refused userids as an array here (message/send joins them with |).
	const fields: JsonObject = delivery.invalidUsers.length > 0 ? { invaliduser: delivery.invalidUsers } : {};
	return weComOk(fields);
}

/** Exactly what to change: a whole `template_card` (validated like a send, in its update form) or `button.replace_name`. */
function changeViolation(ctx: WeComContext, req: TokenRequest, body: Record<string, unknown>): Violation | undefined {
	if (body.template_card !== undefined) return templateCard(body.template_card, contentContext(ctx, req.caller, 'update'));
	if (body.button === undefined) return invalidField('button', 'button.replace_name or template_card is required');
	const replaceName = isRecord(body.button) ? body.button.replace_name : undefined;
	return nonEmptyString(replaceName) ? undefined : invalidField('button.replace_name', 'required');
}
