/**
 * Tag routes (标签管理, developer.work.weixin.qq.com/document/path/90210 ff.). Tags made by an app belong to it:
 * only that app or the contact-sync secret may change them; members outside the caller's scope are reported
 * back in invalidlist / invalidparty instead of being tagged.
 */
import { isIntegerArray, isRecord, isStringArray } from '../../core/json';
import type { TokenRoute } from '../../core/router';
import { weComOk, weComPlatform } from '../errors';
import { refuse, Violation } from '../violation';
import { caller, DirectoryErrcode, invalid, noPrivilege, type Caller, type DirectoryContext } from './access';
import type { Tag } from './state';

function route(method: 'GET' | 'POST', path: string, handle: TokenRoute['handle']): TokenRoute {
	return { method, path, platform: weComPlatform, auth: 'token', handle };
}

function tagIdOf(value: unknown): number | undefined {
	const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
	return typeof id === 'number' && Number.isInteger(id) && id > 0 ? id : undefined;
}

function checkName(found: Caller, value: unknown, self?: number): string | Violation {
	if (typeof value !== 'string' || value === '' || [...value].length > 32) return new Violation(DirectoryErrcode.tagNameLength, 'invalid tagname length');
	if ([...found.directory.tags.values()].some((tag) => tag.tagname === value && tag.tagid !== self)) return new Violation(DirectoryErrcode.tagNameExists, 'tagname existed');
	return value;
}

/** A tag this caller may change. */
function ownTag(found: Caller, value: unknown): Tag | Violation {
	const tag = found.directory.tags.get(tagIdOf(value) ?? -1);
	if (tag === undefined) return new Violation(DirectoryErrcode.invalidTagId, 'invalid tagid');
	if (!found.scope.sync && tag.owner !== found.scope.agentId) return noPrivilege();
	return tag;
}

function memberChange(ctx: DirectoryContext, add: boolean): TokenRoute['handle'] {
	return (req) => {
		const found = caller(ctx, req);
		if (found instanceof Violation) return refuse(req, found);
		const body = isRecord(req.json) ? req.json : {};
		const tag = ownTag(found, body.tagid);
		if (tag instanceof Violation) return refuse(req, tag);
		const users = body.userlist ?? [];
		const parties = body.partylist ?? [];
		if (!isStringArray(users) || !isIntegerArray(parties)) return refuse(req, invalid('userlist and partylist must be lists'));
		if (users.length > 1000) return refuse(req, new Violation(DirectoryErrcode.userListTooLong, 'invalid userlist size, at most 1000'));
		if (parties.length > 100) return refuse(req, invalid('invalid partylist size, at most 100'));
		if (users.length + parties.length === 0) return refuse(req, invalid('userlist and partylist are both empty'));
		const { directory, scope } = found;
		const invalidUsers = users.filter((user) => !directory.member(user) || !scope.members.has(user.toLowerCase()));
		const invalidParties = parties.filter((party) => !directory.departments.has(party) || !scope.departments.has(party));
		// All invalid: addtagusers answers 40070, deltagusers 40031 (both "all list invalid", per their reference pages).
		if (invalidUsers.length === users.length && invalidParties.length === parties.length)
			return refuse(req, new Violation(add ? DirectoryErrcode.allTagMembersInvalid : DirectoryErrcode.invalidUserIdList, 'all list invalid'));
		const goodUsers = users.filter((user) => !invalidUsers.includes(user)).map((user) => directory.member(user)?.userid ?? user);
		const goodParties = parties.filter((party) => !invalidParties.includes(party));
		if (add) {
			tag.users = [...new Set([...tag.users, ...goodUsers])];
			tag.parties = [...new Set([...tag.parties, ...goodParties])];
		} else {
			const dropUsers = new Set(goodUsers.map((user) => user.toLowerCase()));
			tag.users = tag.users.filter((user) => !dropUsers.has(user.toLowerCase()));
			tag.parties = tag.parties.filter((party) => !goodParties.includes(party));
		}
		const answer: Record<string, string | number[]> = {};
		if (invalidUsers.length) answer.invalidlist = invalidUsers.join('|');
		if (invalidParties.length) answer.invalidparty = invalidParties;
		return weComOk(answer);
	};
}

export function tagRoutes(ctx: DirectoryContext): TokenRoute[] {
	return [
		route('GET', '/cgi-bin/tag/list', (req) => {
			const found = caller(ctx, req);
			if (found instanceof Violation) return refuse(req, found);
			return weComOk({ taglist: [...found.directory.tags.values()].map(({ tagid, tagname }) => ({ tagid, tagname })) });
		}),
		route('GET', '/cgi-bin/tag/get', (req) => {
			const found = caller(ctx, req);
			if (found instanceof Violation) return refuse(req, found);
			const tag = found.directory.tags.get(tagIdOf(req.query.tagid) ?? -1);
			if (tag === undefined) return refuse(req, new Violation(DirectoryErrcode.invalidTagId, 'invalid tagid'));
			const userlist = tag.users
				.filter((user) => found.scope.members.has(user.toLowerCase()))
				.map((user) => ({ userid: user, name: found.directory.member(user)?.name ?? user }));
			const partylist = tag.parties.filter((party) => found.scope.departments.has(party));
			return weComOk({ tagname: tag.tagname, userlist, partylist });
		}),
		route('POST', '/cgi-bin/tag/create', (req) => {
			const found = caller(ctx, req);
			if (found instanceof Violation) return refuse(req, found);
			const body = isRecord(req.json) ? req.json : {};
			const tagname = checkName(found, body.tagname);
			if (tagname instanceof Violation) return refuse(req, tagname);
			if (body.tagid !== undefined && (tagIdOf(body.tagid) === undefined || found.directory.tags.has(body.tagid as number)))
				return refuse(req, new Violation(DirectoryErrcode.invalidTagId, 'invalid tagid'));
			const tagid = body.tagid === undefined ? found.directory.newTagId() : (body.tagid as number);
			found.directory.tags.set(tagid, { tagid, tagname, users: [], parties: [], owner: found.scope.sync ? undefined : found.scope.agentId });
			return weComOk({ errmsg: 'created', tagid });
		}),
		route('POST', '/cgi-bin/tag/update', (req) => {
			const found = caller(ctx, req);
			if (found instanceof Violation) return refuse(req, found);
			const body = isRecord(req.json) ? req.json : {};
			const tag = ownTag(found, body.tagid);
			if (tag instanceof Violation) return refuse(req, tag);
			const tagname = checkName(found, body.tagname, tag.tagid);
			if (tagname instanceof Violation) return refuse(req, tagname);
			tag.tagname = tagname;
			return weComOk({ errmsg: 'updated' });
		}),
		route('GET', '/cgi-bin/tag/delete', (req) => {
			const found = caller(ctx, req);
			if (found instanceof Violation) return refuse(req, found);
			const tag = ownTag(found, req.query.tagid);
			if (tag instanceof Violation) return refuse(req, tag);
			found.directory.tags.delete(tag.tagid);
			return weComOk({ errmsg: 'deleted' });
		}),
		route('POST', '/cgi-bin/tag/addtagusers', memberChange(ctx, true)),
		route('POST', '/cgi-bin/tag/deltagusers', memberChange(ctx, false)),
	];
}
