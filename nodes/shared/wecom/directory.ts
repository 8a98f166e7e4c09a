/**
 * Reads of the WeCom directory (通讯录) that the WeCom Contacts node and the recipient pickers share. What an
 * app may read is its visibility scope (可见范围); a contact-sync secret (通讯录同步 Secret) reads the whole
 * company. Apps created since 2022-06-20 get fewer member fields (no mobile, e-mail, gender, avatar, address),
 * and apps developed for a company by a vendor (代开发) get names only when authorised, so callers treat every
 * field but the ID as optional.
 */
import type { IDataObject } from 'n8n-workflow';
import { callJson, type TokenClient } from '../transport/client';

export interface WeComDepartment {
	id: number;
	name?: string;
	name_en?: string;
	parentid?: number;
	order?: number;
	department_leader?: string[];
}

/** A member as user/list and user/get answer it; which other fields come depends on the app (see above). */
export interface WeComMember extends IDataObject {
	userid: string;
	name?: string;
	department?: number[];
}

export interface WeComTag {
	tagid: number;
	tagname: string;
}

/** Departments at and below `id` (the whole visible tree when undefined): department/list. */
export async function listDepartments(client: TokenClient, id?: number): Promise<WeComDepartment[]> {
	const answer = await callJson(client, {
		method: 'GET',
		path: '/cgi-bin/department/list',
		query: { id },
		kind: 'read',
	});
	return (answer.department ?? []) as WeComDepartment[];
}

/** Department IDs with parent and order only: department/simplelist, for apps that may not read names. */
export async function listDepartmentIds(client: TokenClient, id?: number): Promise<WeComDepartment[]> {
	const answer = await callJson(client, {
		method: 'GET',
		path: '/cgi-bin/department/simplelist',
		query: { id },
		kind: 'read',
	});
	return (answer.department_id ?? []) as WeComDepartment[];
}

/** The members directly in one department, with their details (获取部门成员详情): user/list, one answer. */
export async function listMembers(client: TokenClient, departmentId: number): Promise<WeComMember[]> {
	const answer = await callJson(client, {
		method: 'GET',
		path: '/cgi-bin/user/list',
		query: { department_id: departmentId },
		kind: 'read',
	});
	return (answer.userlist ?? []) as WeComMember[];
}

/** The members directly in one department, UserID, name and departments only (获取部门成员): user/simplelist. */
export async function listMemberNames(client: TokenClient, departmentId: number): Promise<WeComMember[]> {
	const answer = await callJson(client, {
		method: 'GET',
		path: '/cgi-bin/user/simplelist',
		query: { department_id: departmentId },
		kind: 'read',
	});
	return (answer.userlist ?? []) as WeComMember[];
}

/**
 * The members of several departments, each once (a member of two departments is listed in both answers):
 * WeCom dropped user/list's fetch_child, so sub-departments are read one department at a time.
 */
export async function membersOf(
	departmentIds: number[],
	list: (departmentId: number) => Promise<WeComMember[]>,
): Promise<WeComMember[]> {
	const members = new Map<string, WeComMember>();
	for (const id of departmentIds) {
		for (const member of await list(id)) if (!members.has(member.userid)) members.set(member.userid, member);
	}
	return [...members.values()];
}

export async function listTags(client: TokenClient): Promise<WeComTag[]> {
	const answer = await callJson(client, { method: 'GET', path: '/cgi-bin/tag/list', kind: 'read' });
	return (answer.taglist ?? []) as WeComTag[];
}

/** WeCom's largest list_id page ("取值范围 1 ~ 10000"). */
export const MEMBER_ID_PAGE = 10_000;
/** A guard against a cursor that never ends: 1,000 pages is ten million member–department pairs. */
const MAX_ID_PAGES = 1_000;

export interface MemberDepartment {
	userid: string;
	department: number;
}

/**
 * Every member–department pair of the company (获取成员ID列表): user/list_id, cursor-paged until the answer's
 * next_cursor is empty. WeCom accepts this only with the contact-sync secret.
 */
export async function listMemberIds(client: TokenClient, pageSize = MEMBER_ID_PAGE): Promise<MemberDepartment[]> {
	const pairs: MemberDepartment[] = [];
	let cursor = '';
	for (let page = 0; page < MAX_ID_PAGES; page++) {
		const answer = await callJson(client, {
			method: 'POST',
			path: '/cgi-bin/user/list_id',
			json: cursor ? { cursor, limit: pageSize } : { limit: pageSize },
			kind: 'read',
		});
		pairs.push(...((answer.dept_user ?? []) as MemberDepartment[]));
		cursor = String(answer.next_cursor ?? '');
		if (!cursor) return pairs;
	}
	throw new Error(`/cgi-bin/user/list_id: still more pages after ${MAX_ID_PAGES}; the cursor does not end`);
}
