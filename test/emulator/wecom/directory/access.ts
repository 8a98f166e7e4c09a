/** Who is calling a directory route, what they may see, and WeCom's directory errcodes. */
import type { TokenRequest } from '../../core/router';
import type { WeComContext } from '../context';
import { Violation } from '../violation';
import { scopeOf, type CorpDirectory, type Scope, type WeComDirectories } from './state';

/** The directory errcodes of WeCom's global errcode page (developer.work.weixin.qq.com/document/path/90313). */
export const DirectoryErrcode = {
	invalidUserId: 40003,
	invalidUserIdList: 40031,
	userListTooLong: 40032,
	invalidParameter: 40058,
	invalidTagId: 40068,
	allTagMembersInvalid: 40070,
	tagNameExists: 40071,
	tagNameLength: 40072,
	noSuchUser: 46004,
	/** The app's own secret on an API only the contact-sync secret may call (the errcode the issue names). */
	apiForbidden: 48009,
	departmentNotFound: 60003,
	parentNotFound: 60004,
	departmentHasMembers: 60005,
	departmentHasChildren: 60006,
	departmentExists: 60008,
	noPrivilege: 60011,
	userIdExists: 60102,
	mobileExists: 60104,
	emailExists: 60106,
	userNotFound: 60111,
	invalidDepartmentId: 60123,
} as const;

export interface DirectoryContext extends WeComContext {
	directories: WeComDirectories;
}

export interface Caller {
	directory: CorpDirectory;
	scope: Scope;
}

export function caller(ctx: DirectoryContext, req: TokenRequest): Caller | Violation {
	const directory = ctx.directories.get(req.caller.corpId);
	if (directory === undefined) return new Violation(DirectoryErrcode.noPrivilege, 'no privilege to access/modify contact/party/agent');
	const app = ctx.apps.find(req.caller.corpId, req.caller.agentId);
	return { directory, scope: scopeOf(directory, app, req.caller.agentId) };
}

/** Members and departments change only with the contact-sync secret. */
export function writer(ctx: DirectoryContext, req: TokenRequest): Caller | Violation {
	const found = caller(ctx, req);
	if (found instanceof Violation) return found;
	if (!found.scope.sync)
		return new Violation(DirectoryErrcode.apiForbidden, 'api forbidden, this api only allows the contact sync secret (通讯录同步secret)');
	return found;
}

export function noPrivilege(): Violation {
	return new Violation(DirectoryErrcode.noPrivilege, 'no privilege to access/modify contact/party/agent');
}

export function invalid(message: string): Violation {
	return new Violation(DirectoryErrcode.invalidParameter, message);
}

/** A department ID from a query or body: a positive integer (strings of digits too). */
export function departmentIdOf(value: unknown): number | undefined {
	const id = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
	return typeof id === 'number' && Number.isInteger(id) && id > 0 ? id : undefined;
}
