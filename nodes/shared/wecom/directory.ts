/**
 * Reads of the WeCom directory (通讯录) that the WeCom Contacts node and the recipient pickers share. What an
 * app may read is its visibility scope (可见范围); a contact-sync secret (通讯录同步 Secret) reads the whole
 * company. Apps created since 2022-06-20 get fewer fields (no mobile, e-mail, avatar, and for departments no
 * name), so callers treat every field but the ID as optional.
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

/**
 * The members of one department with their details (读取部门成员详情): user/list, one answer; with `fetchChild`
 * the members of its sub-departments too.
 */
export async function listMembers(client: TokenClient, departmentId: number, fetchChild = false): Promise<WeComMember[]> {
	const answer = await callJson(client, {
		method: 'GET',
		path: '/cgi-bin/user/list',
		query: { department_id: departmentId, fetch_child: fetchChild ? 1 : undefined },
		kind: 'read',
	});
	return (answer.userlist ?? []) as WeComMember[];
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
