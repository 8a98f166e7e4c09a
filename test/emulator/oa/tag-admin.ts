import { isRecord, isStringArray, utf8Length } from '../core/json';
import type { ApiReply, TokenRequest, TokenRoute } from '../core/router';
import type { OaAccount } from './accounts';
import { requireVerified, type OaContext } from './context';
import { limitedRoute } from './api-quota';
import { badField, OaErrcode, oaBare, oaOk, OaViolation, refuse, violation } from './errors';

/** WeChat's own tags: 0 未分组, 1 黑名单, 2 星标组. */
const RESERVED_TAGS = new Set([0, 1, 2]);
const MAX_TAGS = 100;
const MAX_TAGS_PER_FOLLOWER = 20;
const TAGGING_BATCH = 50;
/** "当某个标签下的粉丝超过10w时，后台不可直接删除标签". */
const MAX_DELETABLE_FANS = 100_000;

function body(req: TokenRequest<'oa'>): Record<string, unknown> {
	return isRecord(req.json) ? req.json : {};
}

function tagName(account: OaAccount, name: unknown, exceptId?: number): string | OaViolation {
	if (typeof name !== 'string' || name === '') return badField('tag.name', 'must be a non-empty string');
	if (utf8Length(name) > 30) return violation(OaErrcode.tagNameTooLong);
	if (account.tags.some((tag) => tag.name === name && tag.id !== exceptId)) return violation(OaErrcode.tagNameExists);
	return name;
}

/**
 * openid_list of a batch call: 1..`max` openids (else 40032), each a follower of this account (another
 * account's openid: 49003; anyone else 40003).
 */
export function openidBatch(ctx: OaContext, account: OaAccount, value: unknown, max: number): string[] | OaViolation {
	if (!isStringArray(value) || value.length === 0 || value.length > max)
		return violation(OaErrcode.invalidOpenidListSize);
	for (const openid of value) {
		if (account.followers.includes(openid)) continue;
		if (ctx.accounts.belongsElsewhere(account.appId, openid)) return violation(OaErrcode.openidOfOtherAccount);
		return violation(OaErrcode.invalidOpenid, openid);
	}
	return value;
}

function tagCount(account: OaAccount, openid: string): number {
	return account.tags.filter((tag) => tag.openids.includes(openid)).length;
}

function tagWith(account: OaAccount, id: unknown): OaAccount['tags'][number] | OaViolation {
	if (!Number.isInteger(id)) return badField('tag.id', 'must be an integer');
	return account.tags.find((tag) => tag.id === id) ?? violation(OaErrcode.invalidTag);
}

/** tags/create|update|delete, tags/members/batchtagging|batchuntagging, tags/getidlist (User_Tag_Management). */
export function tagAdminRoutes(ctx: OaContext): Array<TokenRoute<'oa'>> {
	const route = (path: string, handle: (req: TokenRequest<'oa'>, account: OaAccount) => ApiReply) =>
		limitedRoute(ctx, 'POST', path, (req, account) => {
			const unverified = requireVerified(account);
			return unverified === undefined ? handle(req, account) : refuse(unverified);
		});
	const members = (
		path: string,
		apply: (tag: OaAccount['tags'][number], openid: string) => void,
		checkLimit: boolean,
	) =>
		route(path, (req, account) => {
			const { tagid, openid_list } = body(req);
			const openids = openidBatch(ctx, account, openid_list, TAGGING_BATCH);
			if (openids instanceof OaViolation) return refuse(openids);
			if (!Number.isInteger(tagid)) return refuse(badField('tagid', 'must be an integer'));
			const tag = account.tags.find((candidate) => candidate.id === tagid);
			if (tag === undefined) return refuse(violation(OaErrcode.invalidTag));
			if (
				checkLimit &&
				openids.some((openid) => !tag.openids.includes(openid) && tagCount(account, openid) >= MAX_TAGS_PER_FOLLOWER)
			)
				return refuse(violation(OaErrcode.followerTagLimit));
			for (const openid of openids) apply(tag, openid);
			return oaOk();
		});
	return [
		route('/cgi-bin/tags/create', (req, account) => {
			const tag = body(req).tag;
			const name = tagName(account, isRecord(tag) ? tag.name : undefined);
			if (typeof name !== 'string') return refuse(name);
			if (account.tags.filter((existing) => !RESERVED_TAGS.has(existing.id)).length >= MAX_TAGS)
				return refuse(violation(OaErrcode.tooManyTags));
			const id = Math.max(99, ...account.tags.map((existing) => existing.id)) + 1;
			account.tags.push({ id, name, openids: [] });
			return oaBare({ tag: { id, name } });
		}),
		route('/cgi-bin/tags/update', (req, account) => {
			const tag = body(req).tag;
			const id = isRecord(tag) ? tag.id : undefined;
			if (typeof id === 'number' && RESERVED_TAGS.has(id)) return refuse(violation(OaErrcode.reservedTag));
			const found = tagWith(account, id);
			if (found instanceof OaViolation) return refuse(found);
			const name = tagName(account, isRecord(tag) ? tag.name : undefined, found.id);
			if (typeof name !== 'string') return refuse(name);
			found.name = name;
			return oaOk();
		}),
		route('/cgi-bin/tags/delete', (req, account) => {
			const tag = body(req).tag;
			const id = isRecord(tag) ? tag.id : undefined;
			if (typeof id === 'number' && RESERVED_TAGS.has(id)) return refuse(violation(OaErrcode.reservedTag));
			const found = tagWith(account, id);
			if (found instanceof OaViolation) return refuse(found);
			if (found.openids.length > MAX_DELETABLE_FANS) return refuse(violation(OaErrcode.tagTooManyFans));
			account.tags = account.tags.filter((existing) => existing !== found);
			return oaOk();
		}),
		members(
			'/cgi-bin/tags/members/batchtagging',
			(tag, openid) => {
				if (!tag.openids.includes(openid)) tag.openids.push(openid);
			},
			true,
		),
		members(
			'/cgi-bin/tags/members/batchuntagging',
			(tag, openid) => {
				tag.openids = tag.openids.filter((member) => member !== openid);
			},
			false,
		),
		route('/cgi-bin/tags/getidlist', (req, account) => {
			const { openid } = body(req);
			if (typeof openid !== 'string' || !account.followers.includes(openid))
				return refuse(violation(OaErrcode.invalidOpenid));
			return oaBare({ tagid_list: followerTagIds(account, openid) });
		}),
	];
}

/** The tags a follower carries, in the order the account's tags were created. */
export function followerTagIds(account: OaAccount, openid: string): number[] {
	return account.tags.filter((tag) => tag.openids.includes(openid)).map((tag) => tag.id);
}
