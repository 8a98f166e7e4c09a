import { isList, isRecord, utf8Length } from '../core/json';
import type { JsonObject } from '../core/json';
import type { ApiReply, TokenRequest, TokenRoute } from '../core/router';
import type { OaAccount } from './accounts';
import { requireVerified, type OaContext } from './context';
import { limitedRoute } from './api-quota';
import { badField, OaErrcode, oaBare, oaOk, OaViolation, refuse, violation } from './errors';
import { followerTagIds, openidBatch } from './tag-admin';
import { page } from './users';

const USER_INFO_BATCH = 100;
const BLACKLIST_BATCH = 20;
/** The emulator's followers subscribed an hour apart from this time (2023-11-14 22:13:20 UTC). */
const FIRST_SUBSCRIBE = 1_700_000_000;

/**
 * user/info for one openid: a follower's fields as WeChat returns them since its December 2021 privacy change
 * (no nickname or avatar); a user who does not follow gets `{subscribe: 0, openid}`; another account's openid
 * and an empty one are 40003.
 */
function userInfo(ctx: OaContext, account: OaAccount, openid: unknown, lang: string): JsonObject | OaViolation {
	if (typeof openid !== 'string' || openid === '' || ctx.accounts.belongsElsewhere(account.appId, openid))
		return violation(OaErrcode.invalidOpenid);
	const index = account.followers.indexOf(openid);
	if (index < 0) return { subscribe: 0, openid };
	return {
		subscribe: 1,
		openid,
		language: lang,
		subscribe_time: FIRST_SUBSCRIBE + index * 3600,
		remark: account.remarks[openid] ?? '',
		groupid: 0,
		tagid_list: followerTagIds(account, openid),
		subscribe_scene: 'ADD_SCENE_QR_CODE',
		qr_scene: 0,
		qr_scene_str: '',
	};
}

function language(value: unknown): string {
	return value === 'zh_TW' || value === 'en' ? value : 'zh_CN';
}

/** user/info, user/info/batchget, user/info/updateremark and the blacklist (User_Management). */
export function userInfoRoutes(ctx: OaContext): Array<TokenRoute<'oa'>> {
	const route = (
		method: 'GET' | 'POST',
		path: string,
		handle: (req: TokenRequest<'oa'>, account: OaAccount) => ApiReply,
	) =>
		limitedRoute(ctx, method, path, (req, account) => {
			const unverified = requireVerified(account);
			return unverified === undefined ? handle(req, account) : refuse(unverified);
		});
	const json = (req: TokenRequest<'oa'>): Record<string, unknown> => (isRecord(req.json) ? req.json : {});
	const blacklistChange = (path: string, apply: (account: OaAccount, openids: string[]) => void) =>
		route('POST', path, (req, account) => {
			const openids = openidBatch(ctx, account, json(req).openid_list, BLACKLIST_BATCH);
			if (openids instanceof OaViolation) return refuse(openids);
			apply(account, openids);
			return oaOk();
		});
	return [
		route('GET', '/cgi-bin/user/info', (req, account) => {
			const info = userInfo(ctx, account, req.query.openid, language(req.query.lang));
			return info instanceof OaViolation ? refuse(info) : oaBare(info);
		}),
		route('POST', '/cgi-bin/user/info/batchget', (req, account) => {
			const list = json(req).user_list;
			if (!isList(list) || list.length === 0 || list.length > USER_INFO_BATCH)
				return refuse(violation(OaErrcode.invalidOpenidListSize));
			const infos: JsonObject[] = [];
			for (const entry of list) {
				if (!isRecord(entry)) return refuse(badField('user_list', 'entries must be {openid, lang}'));
				const info = userInfo(ctx, account, entry.openid, language(entry.lang));
				if (info instanceof OaViolation) return refuse(info);
				infos.push(info);
			}
			return oaBare({ user_info_list: infos });
		}),
		route('POST', '/cgi-bin/user/info/updateremark', (req, account) => {
			if (!account.serviceAccount) return refuse(violation(OaErrcode.apiUnauthorized));
			const { openid, remark } = json(req);
			if (typeof openid !== 'string' || !account.followers.includes(openid))
				return refuse(violation(OaErrcode.invalidOpenid));
			if (typeof remark !== 'string' || utf8Length(remark) >= 30) return refuse(violation(OaErrcode.invalidRemark));
			account.remarks[openid] = remark;
			return oaOk();
		}),
		route('POST', '/cgi-bin/tags/members/getblacklist', (req, account) => {
			const result = page(account.blacklist, json(req).begin_openid, ctx.settings.userListPageSize);
			return result === undefined
				? refuse(violation(OaErrcode.invalidOpenid, 'begin_openid'))
				: oaBare({ total: account.blacklist.length, ...result });
		}),
		blacklistChange('/cgi-bin/tags/members/batchblacklist', (account, openids) => {
			for (const openid of openids) if (!account.blacklist.includes(openid)) account.blacklist.push(openid);
		}),
		blacklistChange('/cgi-bin/tags/members/batchunblacklist', (account, openids) => {
			account.blacklist = account.blacklist.filter((openid) => !openids.includes(openid));
		}),
	];
}
