/**
 * Member routes (成员管理, developer.work.weixin.qq.com/document/path/90195 ff.): reads within the caller's scope,
 * writes with the contact-sync secret only, user/list_id cursor-paged over the whole company.
 */
import { isIntegerArray, isRecord, isStringArray, type JsonObject } from '../../core/json';
import type { TokenRoute } from '../../core/router';
import { weComOk, weComPlatform } from '../errors';
import { refuse, Violation } from '../violation';
import { caller, departmentIdOf, DirectoryErrcode, invalid, noPrivilege, writer, type Caller, type DirectoryContext } from './access';
import { memberView, type CorpDirectory, type Member } from './state';

const USER_ID = /^[A-Za-z0-9][A-Za-z0-9_\-@.]{0,63}$/;
const TEXT_FIELDS = ['mobile', 'email', 'biz_mail', 'position', 'gender', 'alias', 'telephone', 'address'] as const;

function route(method: 'GET' | 'POST', path: string, handle: TokenRoute['handle']): TokenRoute {
	return { method, path, platform: weComPlatform, auth: 'token', handle };
}

/** A member the caller may see, or why not. */
function visibleMember(found: Caller, userid: unknown): Member | Violation {
	if (typeof userid !== 'string' || userid === '') return new Violation(DirectoryErrcode.invalidUserId, 'invalid userid');
	const member = found.directory.member(userid);
	if (member === undefined) return new Violation(DirectoryErrcode.userNotFound, 'userid not found');
	if (!found.scope.members.has(userid.toLowerCase())) return noPrivilege();
	return member;
}

/** The fields of a create/update body, checked the way WeCom checks them. */
function memberFields(directory: CorpDirectory, body: Record<string, unknown>, self: string | undefined): Partial<Member> | Violation {
	const fields: Partial<Member> = {};
	if (body.name !== undefined) {
		if (typeof body.name !== 'string' || body.name === '' || [...body.name].length > 64) return invalid('field name is invalid');
		fields.name = body.name;
	}
	if (body.department !== undefined) {
		if (!isIntegerArray(body.department) || body.department.length === 0 || body.department.length > 20) return invalid('field department is invalid');
		if (body.department.some((id) => !directory.departments.has(id))) return new Violation(DirectoryErrcode.departmentNotFound, 'department not found');
		fields.department = [...new Set(body.department)];
	}
	for (const key of TEXT_FIELDS) {
		if (body[key] === undefined) continue;
		if (typeof body[key] !== 'string') return invalid(`field ${key} is invalid`);
		fields[key] = body[key] as string;
	}
	if (fields.gender !== undefined && fields.gender !== '1' && fields.gender !== '2') return invalid('field gender is invalid');
	if (fields.mobile !== undefined && !/^\+?[\d-]{5,32}$/.test(fields.mobile)) return new Violation(60103, 'mobile invalid');
	if (fields.email !== undefined && !/^[^@\s]+@[^@\s]+$/.test(fields.email)) return new Violation(60105, 'email invalid');
	for (const other of directory.members.values()) {
		if (other.userid.toLowerCase() === self) continue;
		if (fields.mobile && other.mobile === fields.mobile) return new Violation(DirectoryErrcode.mobileExists, 'mobile existed');
		if (fields.email && other.email === fields.email) return new Violation(DirectoryErrcode.emailExists, 'email existed');
	}
	if (body.main_department !== undefined) {
		const main = departmentIdOf(body.main_department);
		if (main === undefined) return invalid('field main_department is invalid');
		fields.main_department = main;
	}
	if (body.enable !== undefined) {
		if (body.enable !== 0 && body.enable !== 1) return invalid('field enable is invalid');
		fields.enable = body.enable;
	}
	return fields;
}

/**
 * The visible members directly in a department (user/list, user/simplelist). WeCom dropped fetch_child: a caller
 * walks sub-departments itself ("需先获取该部门下的子部门...逐层递归获取"), so the parameter is ignored.
 */
function membersIn(found: Caller, rawId: string | undefined): Member[] | Violation {
	const id = departmentIdOf(rawId);
	if (id === undefined) return new Violation(DirectoryErrcode.invalidDepartmentId, 'invalid department_id');
	if (!found.directory.departments.has(id)) return new Violation(DirectoryErrcode.departmentNotFound, 'department not found');
	if (!found.scope.departments.has(id)) return noPrivilege();
	return [...found.directory.members.entries()]
		.filter(([key, member]) => found.scope.members.has(key) && member.department.includes(id))
		.map(([, member]) => member);
}

interface Cursor {
	offset: number;
}

function encodeCursor(cursor: Cursor): string {
	return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(value: unknown): Cursor | undefined {
	if (value === undefined || value === '') return { offset: 0 };
	if (typeof value !== 'string') return undefined;
	try {
		const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
		return isRecord(parsed) && Number.isInteger(parsed.offset) ? { offset: parsed.offset as number } : undefined;
	} catch {
		return undefined;
	}
}

export function memberRoutes(ctx: DirectoryContext, joinQrcodeUrl: (host: string, size: number) => string): TokenRoute[] {
	return [
		route('GET', '/cgi-bin/user/get', (req) => {
			const found = caller(ctx, req);
			const member = found instanceof Violation ? found : visibleMember(found, req.query.userid);
			if (member instanceof Violation) return refuse(req, member);
			return weComOk(memberView(member, (found as Caller).scope));
		}),
		route('GET', '/cgi-bin/user/list', (req) => {
			const found = caller(ctx, req);
			const members = found instanceof Violation ? found : membersIn(found, req.query.department_id);
			if (members instanceof Violation) return refuse(req, members);
			return weComOk({ userlist: members.map((member) => memberView(member, (found as Caller).scope)) });
		}),
		route('GET', '/cgi-bin/user/simplelist', (req) => {
			const found = caller(ctx, req);
			const members = found instanceof Violation ? found : membersIn(found, req.query.department_id);
			if (members instanceof Violation) return refuse(req, members);
			return weComOk({ userlist: members.map(({ userid, name, department }) => ({ userid, name, department })) });
		}),
		route('POST', '/cgi-bin/user/list_id', (req) => {
			const found = writer(ctx, req);
			if (found instanceof Violation) return refuse(req, found);
			const body = isRecord(req.json) ? req.json : {};
			const limit = body.limit ?? 10_000;
			if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 10_000) return refuse(req, invalid('field limit is invalid, 1 ~ 10000'));
			const cursor = decodeCursor(body.cursor);
			if (cursor === undefined) return refuse(req, invalid('field cursor is invalid'));
			const pairs = [...found.directory.members.values()].flatMap((member) => member.department.map((department) => ({ userid: member.userid, department })));
			const page = pairs.slice(cursor.offset, cursor.offset + limit);
			const next = cursor.offset + limit < pairs.length ? encodeCursor({ offset: cursor.offset + limit }) : '';
			return weComOk({ next_cursor: next, dept_user: page });
		}),
		route('POST', '/cgi-bin/user/create', (req) => {
			const found = writer(ctx, req);
			if (found instanceof Violation) return refuse(req, found);
			const body = isRecord(req.json) ? req.json : {};
			if (typeof body.userid !== 'string' || !USER_ID.test(body.userid)) return refuse(req, invalid('field userid is invalid'));
			if (found.directory.member(body.userid)) return refuse(req, new Violation(DirectoryErrcode.userIdExists, 'userid existed'));
			if (body.name === undefined || body.department === undefined) return refuse(req, invalid('name and department are required'));
			const fields = memberFields(found.directory, body, undefined);
			if (fields instanceof Violation) return refuse(req, fields);
			if (!fields.mobile && !fields.email && !fields.biz_mail) return refuse(req, invalid('mobile and email can not be both empty'));
			found.directory.members.set(body.userid.toLowerCase(), { ...fields, userid: body.userid, name: fields.name as string, department: fields.department as number[], status: 4 });
			return weComOk({ errmsg: 'created' });
		}),
		route('POST', '/cgi-bin/user/update', (req) => {
			const found = writer(ctx, req);
			if (found instanceof Violation) return refuse(req, found);
			const body = isRecord(req.json) ? req.json : {};
			const member = typeof body.userid === 'string' ? found.directory.member(body.userid) : undefined;
			if (member === undefined) return refuse(req, new Violation(DirectoryErrcode.userNotFound, 'userid not found'));
			const fields = memberFields(found.directory, body, member.userid.toLowerCase());
			if (fields instanceof Violation) return refuse(req, fields);
			Object.assign(member, fields);
			return weComOk({ errmsg: 'updated' });
		}),
		route('GET', '/cgi-bin/user/delete', (req) => {
			const found = writer(ctx, req);
			if (found instanceof Violation) return refuse(req, found);
			const member = found.directory.member(req.query.userid ?? '');
			if (member === undefined) return refuse(req, new Violation(DirectoryErrcode.userNotFound, 'userid not found'));
			remove(found.directory, [member.userid]);
			return weComOk({ errmsg: 'deleted' });
		}),
		route('POST', '/cgi-bin/user/batchdelete', (req) => {
			const found = writer(ctx, req);
			if (found instanceof Violation) return refuse(req, found);
			const body = isRecord(req.json) ? req.json : {};
			if (!isStringArray(body.useridlist) || body.useridlist.length === 0) return refuse(req, invalid('field useridlist is invalid'));
			if (body.useridlist.length > 200) return refuse(req, new Violation(DirectoryErrcode.userListTooLong, 'invalid userid list size, at most 200'));
			// All or nothing: one unknown UserID refuses the whole call.
			if (body.useridlist.some((userid) => !found.directory.member(userid))) return refuse(req, new Violation(DirectoryErrcode.invalidUserIdList, 'invalid userid list'));
			remove(found.directory, body.useridlist);
			return weComOk({ errmsg: 'deleted' });
		}),
		route('POST', '/cgi-bin/user/getuserid', (req) => {
			const found = caller(ctx, req);
			if (found instanceof Violation) return refuse(req, found);
			const body = isRecord(req.json) ? req.json : {};
			const member = [...found.directory.members.entries()].find(([key, candidate]) => found.scope.members.has(key) && candidate.mobile === body.mobile)?.[1];
			if (member === undefined) return refuse(req, new Violation(DirectoryErrcode.noSuchUser, 'user not found'));
			return weComOk({ userid: member.userid });
		}),
		route('POST', '/cgi-bin/user/get_userid_by_email', (req) => {
			const found = caller(ctx, req);
			if (found instanceof Violation) return refuse(req, found);
			const body = isRecord(req.json) ? req.json : {};
			const type = body.email_type ?? 1;
			if (type !== 1 && type !== 2) return refuse(req, invalid('field email_type is invalid'));
			const field = type === 1 ? 'biz_mail' : 'email';
			const member = [...found.directory.members.entries()].find(([key, candidate]) => found.scope.members.has(key) && candidate[field] === body.email)?.[1];
			if (member === undefined) return refuse(req, new Violation(DirectoryErrcode.noSuchUser, 'user not found'));
			return weComOk({ userid: member.userid });
		}),
		route('POST', '/cgi-bin/user/convert_to_openid', (req) => {
			const found = caller(ctx, req);
			const body = isRecord(req.json) ? req.json : {};
			const member = found instanceof Violation ? found : visibleMember(found, body.userid);
			if (member instanceof Violation) return refuse(req, member);
			return weComOk({ openid: (found as Caller).directory.openid(member.userid) });
		}),
		route('POST', '/cgi-bin/user/convert_to_userid', (req) => {
			const found = caller(ctx, req);
			if (found instanceof Violation) return refuse(req, found);
			const body = isRecord(req.json) ? req.json : {};
			const member = [...found.directory.members.values()].find((candidate) => found.directory.openid(candidate.userid) === body.openid);
			if (member === undefined) return refuse(req, new Violation(DirectoryErrcode.invalidUserId, 'invalid openid'));
			return weComOk({ userid: member.userid });
		}),
		route('POST', '/cgi-bin/batch/invite', (req) => {
			const found = caller(ctx, req);
			if (found instanceof Violation) return refuse(req, found);
			const body = isRecord(req.json) ? req.json : {};
			const user = body.user ?? [];
			const party = body.party ?? [];
			const tag = body.tag ?? [];
			if (!isStringArray(user) || !isIntegerArray(party) || !isIntegerArray(tag)) return refuse(req, invalid('user, party and tag must be lists'));
			if (user.length + party.length + tag.length === 0) return refuse(req, invalid('user, party and tag are all empty'));
			if (user.length > 1000 || party.length > 100 || tag.length > 100) return refuse(req, invalid('too many user, party or tag'));
			const { directory, scope } = found;
			const invaliduser = user.filter((id) => !directory.member(id) || !scope.members.has(id.toLowerCase()));
			const invalidparty = party.filter((id) => !scope.departments.has(id));
			const invalidtag = tag.filter((id) => !directory.tags.has(id));
			directory.invitations.push({
				corpId: req.caller.corpId,
				user: user.filter((id) => !invaliduser.includes(id)),
				party: party.filter((id) => !invalidparty.includes(id)),
				tag: tag.filter((id) => !invalidtag.includes(id)),
			});
			return weComOk({ invaliduser, invalidparty, invalidtag } as JsonObject);
		}),
		route('GET', '/cgi-bin/corp/get_join_qrcode', (req) => {
			const found = writer(ctx, req);
			if (found instanceof Violation) return refuse(req, found);
			const size = req.query.size_type === undefined ? 2 : Number(req.query.size_type);
			if (![1, 2, 3, 4].includes(size)) return refuse(req, invalid('field size_type is invalid'));
			return weComOk({ join_qrcode: joinQrcodeUrl(String(req.headers.host ?? '127.0.0.1'), size) });
		}),
	];
}

/** Deletes members and takes them off every tag. */
function remove(directory: CorpDirectory, userids: string[]): void {
	const gone = new Set(userids.map((userid) => userid.toLowerCase()));
	for (const key of gone) directory.members.delete(key);
	for (const tag of directory.tags.values()) tag.users = tag.users.filter((user) => !gone.has(user.toLowerCase()));
}
