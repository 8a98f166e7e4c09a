import type { ApiReply, TokenRequest, TokenRoute } from '../core/router';
import type { OaAccount } from './accounts';
import { oaRoute, type OaContext } from './context';
import { OaErrcode, oaError, refuse, violation, type OaViolation } from './errors';
import { chinaDay } from './quota';

/**
 * Daily call quotas of the audience APIs (接口调用频次限制说明 and the custom-menu pages: "个性化菜单接口...新增、
 * 删除、测试匹配...2000、2000、20000"), counted per account and China's day; the call past the quota is 45009.
 */
const DAILY_QUOTAS: Readonly<Record<string, number>> = {
	'/cgi-bin/menu/create': 1_000,
	'/cgi-bin/menu/get': 10_000,
	'/cgi-bin/menu/delete': 1_000,
	'/cgi-bin/menu/addconditional': 2_000,
	'/cgi-bin/menu/delconditional': 2_000,
	'/cgi-bin/menu/trymatch': 20_000,
	'/cgi-bin/user/info/updateremark': 10_000,
	'/cgi-bin/qrcode/create': 100_000,
};

/** Counts one call of `path` when it has a quota; 45009 once today's calls are used up. */
function takeDailyQuota(ctx: OaContext, account: OaAccount, path: string): OaViolation | undefined {
	const limit = DAILY_QUOTAS[path];
	if (limit === undefined) return undefined;
	const day = chinaDay(ctx.clock.now());
	const entry = account.dailyCalls[path];
	const count = entry?.day === day ? entry.count : 0;
	if (count >= limit) return violation(OaErrcode.dailyQuota);
	account.dailyCalls[path] = { day, count: count + 1 };
	return undefined;
}

/**
 * An OA route that checks what WeChat checks on every call before the handler runs: the caller's IP against the
 * account's whitelist (40164, not only for token fetches) and the API's daily quota (45009).
 */
export function limitedRoute(
	ctx: OaContext,
	method: 'GET' | 'POST',
	path: string,
	handle: (req: TokenRequest<'oa'>, account: OaAccount) => ApiReply,
): TokenRoute<'oa'> {
	return oaRoute(ctx, method, path, (req, account) => {
		if (account.ipWhitelist !== null && !account.ipWhitelist.includes(req.remoteAddress))
			return oaError(
				OaErrcode.ipNotWhitelisted,
				`invalid ip ${req.remoteAddress} ipv6 ::ffff:${req.remoteAddress}, not in whitelist`,
			);
		const over = takeDailyQuota(ctx, account, path);
		return over === undefined ? handle(req, account) : refuse(over);
	});
}
