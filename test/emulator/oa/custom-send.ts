import { isRecord, nonEmptyString } from '../core/json';
import type { ApiReply, TokenRequest, TokenRoute } from '../core/router';
import type { OaAccount } from './accounts';
import { followerViolation, oaRoute, requireVerified, type OaContext } from './context';
import { customContentViolation } from './custom-content';
import { badField, OaErrcode, oaOk, refuse, violation, type OaViolation } from './errors';
import { own } from './lookup';
import type { OaCustomMessage } from './records';

/**
 * "当用户和公众号产生特定动作的交互以后…48小时内…可以调用客服接口" (reference I1): a customer-service message
 * needs an interaction in the last 48 hours, else 45015 "response out of time limit or subscription is
 * canceled" (the same answer as for a user who unfollowed).
 */
export const CUSTOM_MESSAGE_WINDOW_MS = 48 * 3600 * 1000;

/** The follower check and the 48-hour window, shared by custom/send and custom/typing. */
function reachable(ctx: OaContext, account: OaAccount, touser: unknown): OaViolation | undefined {
	const problem = followerViolation(ctx, account, touser, OaErrcode.responseOutOfTimeLimit);
	if (problem !== undefined) return problem;
	const last = own(account.lastInteractionAt, String(touser));
	return last !== undefined && ctx.clock.now() - last <= CUSTOM_MESSAGE_WINDOW_MS ? undefined : violation(OaErrcode.responseOutOfTimeLimit);
}

/** POST /cgi-bin/message/custom/send and /cgi-bin/message/custom/typing. */
export function customRoutes(ctx: OaContext): Array<TokenRoute<'oa'>> {
	return [
		oaRoute(ctx, 'POST', '/cgi-bin/message/custom/send', (req, account) => send(ctx, req, account)),
		oaRoute(ctx, 'POST', '/cgi-bin/message/custom/typing', (req, account): ApiReply => {
			const body = req.json;
			if (!isRecord(body)) return refuse(violation(OaErrcode.dataFormatError));
			if (body.command !== 'Typing' && body.command !== 'CancelTyping') return refuse(badField('command', 'must be Typing or CancelTyping'));
			const problem = requireVerified(account) ?? reachable(ctx, account, body.touser);
			if (problem !== undefined) return refuse(problem);
			ctx.records.typing.push({ appId: account.appId, touser: String(body.touser), command: body.command, at: ctx.clock.now() });
			return oaOk();
		}),
	];
}

function send(ctx: OaContext, req: TokenRequest<'oa'>, account: OaAccount): ApiReply {
	const body = req.json;
	if (!isRecord(body)) return refuse(violation(OaErrcode.dataFormatError));
	const problem = requireVerified(account) ?? reachable(ctx, account, body.touser) ?? customContentViolation(ctx, account, body);
	if (problem !== undefined) return refuse(problem);
	const record: OaCustomMessage = { appId: account.appId, touser: String(body.touser), msgtype: String(body.msgtype), body, sentAt: ctx.clock.now() };
	if (body.customservice !== undefined) {
		const kfAccount = isRecord(body.customservice) ? body.customservice.kf_account : undefined;
		if (!nonEmptyString(kfAccount)) return refuse(badField('customservice.kf_account', 'is required'));
		record.kfAccount = kfAccount;
	}
	ctx.records.customMessages.push(record);
	return oaOk();
}
