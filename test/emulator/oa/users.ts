import { isRecord, type JsonObject } from '../core/json';
import type { ApiReply, TokenRoute } from '../core/router';
import type { OaAccount } from './accounts';
import { oaRoute, requireVerified, type OaContext } from './context';
import { badField, OaErrcode, oaBare, refuse, violation } from './errors';

/**
 * One page of an openid list after `next_openid` (reference I4/I5): `{count, data: {openid}, next_openid}`,
 * next_openid being the page's last openid. The page after the last one has count 0, no `data` and an empty
 * next_openid (wechatpy's iter_followers stops on either). An unknown next_openid is 40003.
 */
export function page(openids: readonly string[], nextOpenid: unknown, size: number): JsonObject | undefined {
	let start = 0;
	if (nextOpenid !== undefined && nextOpenid !== '') {
		const index = typeof nextOpenid === 'string' ? openids.indexOf(nextOpenid) : -1;
		if (index < 0) return undefined;
		start = index + 1;
	}
	const slice = openids.slice(start, start + size);
	if (slice.length === 0) return { count: 0, next_openid: '' };
	return { count: slice.length, data: { openid: slice }, next_openid: slice[slice.length - 1] };
}

/** Followers of a tag who still follow the account, in the tag's order. */
function tagMembers(account: OaAccount, tagId: number): string[] | undefined {
	return account.tags.find((tag) => tag.id === tagId)?.openids.filter((openid) => account.followers.includes(openid));
}

/** Targeting helpers: tags/get, user/get, user/tag/get (answers without errcode, like WeChat's). */
export function userRoutes(ctx: OaContext): Array<TokenRoute<'oa'>> {
	return [
		oaRoute(ctx, 'GET', '/cgi-bin/tags/get', (_req, account) => {
			const denied = requireVerified(account);
			if (denied !== undefined) return refuse(denied);
			return oaBare({ tags: account.tags.map((tag) => ({ id: tag.id, name: tag.name, count: tagMembers(account, tag.id)?.length ?? 0 })) });
		}),
		oaRoute(ctx, 'GET', '/cgi-bin/user/get', (req, account): ApiReply => {
			const denied = requireVerified(account);
			if (denied !== undefined) return refuse(denied);
			const result = page(account.followers, req.query.next_openid, ctx.settings.userListPageSize);
			return result === undefined ? refuse(violation(OaErrcode.invalidOpenid, 'next_openid')) : oaBare({ total: account.followers.length, ...result });
		}),
		oaRoute(ctx, 'POST', '/cgi-bin/user/tag/get', (req, account): ApiReply => {
			const denied = requireVerified(account);
			if (denied !== undefined) return refuse(denied);
			const body = isRecord(req.json) ? req.json : {};
			if (!Number.isInteger(body.tagid)) return refuse(badField('tagid', 'must be an integer'));
			const members = tagMembers(account, body.tagid as number);
			if (members === undefined) return refuse(violation(OaErrcode.invalidTag));
			const result = page(members, body.next_openid, ctx.settings.userListPageSize);
			return result === undefined ? refuse(violation(OaErrcode.invalidOpenid, 'next_openid')) : oaBare(result);
		}),
	];
}
