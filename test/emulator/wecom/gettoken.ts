import type { PublicRoute } from '../core/router';
import type { WeComContext } from './context';
import { WeComErrcode, weComError, weComOk, weComPlatform } from './errors';

/**
 * GET /cgi-bin/gettoken?corpid&corpsecret (reference A1). The secret identifies the app, and its token only
 * works for that app. While a token is valid the same one comes back (the older documented behaviour, which
 * is also what makes "one gettoken for 50 items" a meaningful assertion).
 */
export function gettokenRoute(ctx: WeComContext): PublicRoute {
	return {
		method: 'GET',
		path: '/cgi-bin/gettoken',
		platform: weComPlatform,
		auth: 'none',
		handle(req) {
			const { corpid, corpsecret } = req.query;
			if (!corpid) return weComError(req, WeComErrcode.missingCorpId, 'corpid missing');
			if (!corpsecret) return weComError(req, WeComErrcode.missingCorpSecret, 'corpsecret missing');
			if (!ctx.apps.hasCorp(corpid)) return weComError(req, WeComErrcode.invalidCorpId, 'invalid corpid');
			const app = ctx.apps.bySecret(corpid, corpsecret);
			if (app === undefined) return weComError(req, WeComErrcode.invalidCredential, 'invalid credential');
			app.gettokenCalls += 1;
			const issued = ctx.tokens.currentOrIssue({ platform: 'wecom', corpId: app.corpId, agentId: app.agentId });
			// The seconds the token really has left, so a client that trusts expires_in never outlives it.
			return weComOk({ access_token: issued.token, expires_in: Math.ceil((issued.expiresAt - ctx.clock.now()) / 1000) });
		},
	};
}
