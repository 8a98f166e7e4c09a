import { isRecord } from '../core/json';
import type { TokenRoute } from '../core/router';
import { oaRoute, type OaContext } from './context';
import { OaErrcode, oaBare, oaOk, refuse, violation } from './errors';
import { chinaMonth } from './quota';
import { INDUSTRIES } from './template-library';

/** An industry id as sent: a number or a string of digits (SDKs send both). */
function industryId(value: unknown): number | undefined {
	const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
	return typeof id === 'number' && INDUSTRIES[id] !== undefined ? id : undefined;
}

function classes(id: number | undefined): { first_class: string; second_class: string } {
	const industry = id === undefined ? undefined : INDUSTRIES[id];
	return { first_class: industry?.[0] ?? '', second_class: industry?.[1] ?? '' };
}

/** get_industry and api_set_industry (reference E2). */
export function industryRoutes(ctx: OaContext): Array<TokenRoute<'oa'>> {
	return [
		// No errcode on success, like WeChat; an account without an industry gets empty classes.
		oaRoute(ctx, 'GET', '/cgi-bin/template/get_industry', (_req, account) =>
			oaBare({ primary_industry: classes(account.industry?.primary), secondary_industry: classes(account.industry?.secondary) }),
		),
		// "设置行业可在微信公众平台后台完成，每月可修改行业1次": a second change in the same (China) month is 43100.
		oaRoute(ctx, 'POST', '/cgi-bin/template/api_set_industry', (req, account) => {
			const body = isRecord(req.json) ? req.json : {};
			const primary = industryId(body.industry_id1);
			const secondary = industryId(body.industry_id2);
			if (primary === undefined || secondary === undefined) return refuse(violation(OaErrcode.invalidIndustryId));
			const now = ctx.clock.now();
			if (account.industryChangedAt !== null && chinaMonth(account.industryChangedAt) === chinaMonth(now)) return refuse(violation(OaErrcode.industryChangeLimit));
			account.industry = { primary, secondary };
			account.industryChangedAt = now;
			return oaOk();
		}),
	];
}
