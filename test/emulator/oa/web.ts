/**
 * The OA's web-facing areas: web authorisation (consent page and sns/*), the JS-SDK ticket, and customer-service
 * accounts and sessions, with the control routes tests use to play the WeChat user and the console.
 */
import { badRequest, ok } from '../core/control-api';
import { isRecord, nonEmptyString } from '../core/json';
import type { CoreServices } from '../core/services';
import type { OaContext } from './context';
import { OaCustomService, kfRoutes } from './kf';
import { OaTickets, ticketRoute } from './jsapi-ticket';
import { OaOAuthState, oauthRoutes } from './oauth';

export interface OaWeb {
	reset(): void;
}

function field<T>(body: unknown, name: string, check: (value: unknown) => value is T): T | undefined {
	return isRecord(body) && check(body[name]) ? body[name] : undefined;
}

function isBoolean(value: unknown): value is boolean {
	return typeof value === 'boolean';
}

export function registerOaWeb(core: CoreServices, ctx: OaContext): OaWeb {
	const oauth = new OaOAuthState(ctx.clock);
	const tickets = new OaTickets(ctx.clock);
	const kf = new OaCustomService();
	for (const route of oauthRoutes(ctx, oauth)) core.router.add(route);
	core.router.add(ticketRoute(ctx, tickets));
	for (const route of kfRoutes(ctx, kf)) core.router.add(route);

	const known = (appId: string | undefined): appId is string =>
		appId !== undefined && ctx.accounts.get(appId) !== undefined;

	// Who opens the consent page next, and whether they decline (then WeChat redirects with only ?state).
	core.control.add('POST', 'oa/oauth/visitor', ({ body }) => {
		const appId = field(body, 'appId', nonEmptyString);
		const openid = field(body, 'openid', nonEmptyString);
		if (!known(appId) || openid === undefined)
			return badRequest('body must be {"appId" of an account, "openid", "decline"?: boolean}');
		oauth.visitors.set(appId, { openid, decline: field(body, 'decline', isBoolean) ?? false });
		return ok();
	});
	// A code as if the user had consented, without going through the page.
	core.control.add('POST', 'oa/oauth/codes', ({ body }) => {
		const appId = field(body, 'appId', nonEmptyString);
		const openid = field(body, 'openid', nonEmptyString);
		const scope = field(
			body,
			'scope',
			(value): value is 'snsapi_base' | 'snsapi_userinfo' => value === 'snsapi_base' || value === 'snsapi_userinfo',
		);
		if (!known(appId) || openid === undefined || scope === undefined)
			return badRequest('body must be {"appId", "openid", "scope": "snsapi_base" | "snsapi_userinfo"}');
		return ok({ code: oauth.issueCode(appId, openid, scope) });
	});
	// The console side of customer service: a WeChat user bound to the account, and online or not.
	core.control.add('POST', 'oa/kf/workers', ({ body }) => {
		const appId = field(body, 'appId', nonEmptyString);
		const worker = known(appId) ? kf.worker(appId, field(body, 'kfAccount', nonEmptyString)) : undefined;
		if (worker === undefined)
			return badRequest('body must be {"appId", "kfAccount" of an added account, "bound"?, "online"?}');
		worker.bound = field(body, 'bound', isBoolean) ?? worker.bound;
		worker.online = field(body, 'online', isBoolean) ?? worker.online;
		return ok(worker);
	});
	core.control.add('POST', 'oa/kf/waiting', ({ body }) => {
		const appId = field(body, 'appId', nonEmptyString);
		const openid = field(body, 'openid', nonEmptyString);
		if (!known(appId) || openid === undefined) return badRequest('body must be {"appId", "openid"}');
		kf.waiting.push({ appId, openid, latestTime: ctx.clock.nowSeconds() });
		return ok();
	});
	core.control.add('POST', 'oa/kf/enabled', ({ body }) => {
		const appId = field(body, 'appId', nonEmptyString);
		const enabled = field(body, 'enabled', isBoolean);
		if (!known(appId) || enabled === undefined) return badRequest('body must be {"appId", "enabled": boolean}');
		if (enabled) kf.disabled.delete(appId);
		else kf.disabled.add(appId);
		return ok();
	});
	core.control.add('GET', 'oa/kf', ({ query }) =>
		ok({
			workers: kf.workers.filter((worker) => query.appId === undefined || worker.appId === query.appId),
			sessions: kf.sessions.filter((session) => query.appId === undefined || session.appId === query.appId),
		}),
	);

	return {
		reset() {
			oauth.reset();
			tickets.reset();
			kf.reset();
		},
	};
}
