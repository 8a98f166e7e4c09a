/**
 * The editor's lists of members, departments and tags (WeCom Send, WeCom Group Chat, WeCom Contacts), loaded with
 * the node's weComApi credential through the token cache. A directory the app may not read, or a visible range
 * with nothing in it, is an error with the fix, never an empty list that looks like "no one there".
 */
import { NodeOperationError, type ILoadOptionsFunctions, type INodePropertyOptions } from 'n8n-workflow';
import { weComClientFromCredentials } from './connection';
import { listDepartmentIds, listDepartments, listMemberNames, listTags, membersOf } from './directory';
import type { TokenClient } from '../transport/client';
import { WeChatApiError } from '../transport/errors';

const SCOPE_HINT =
	"Add members or departments to the app's visible range (应用管理 → your app → 可见范围), or type the IDs instead (they still work).";

function failed(context: ILoadOptionsFunctions, what: string, error: unknown): NodeOperationError {
	if (error instanceof NodeOperationError) return error;
	const detail =
		error instanceof WeChatApiError
			? `errcode ${error.errcode} (${error.meaning ?? error.errmsg}). ${error.hint}`
			: (error as Error).message;
	return new NodeOperationError(context.getNode(), `Could not load the ${what}: ${detail}`);
}

async function load<T>(
	context: ILoadOptionsFunctions,
	what: string,
	read: (client: TokenClient) => Promise<T[]>,
	emptyHint = SCOPE_HINT,
): Promise<T[]> {
	let entries: T[];
	try {
		entries = await read(weComClientFromCredentials(await context.getCredentials('weComApi')));
	} catch (error) {
		throw failed(context, what, error);
	}
	if (!entries.length)
		throw new NodeOperationError(context.getNode(), `The app sees no ${what}: ${emptyHint}`);
	return entries;
}

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name, 'zh');

export async function getMembers(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const members = await load(this, 'members', async (client) => {
		const departments = (await listDepartmentIds(client)).map((department) => department.id);
		const members = await membersOf(departments, (id) => listMemberNames(client, id));
		return members.map((member) => ({
			name: member.name && member.name !== member.userid ? `${member.name} (${member.userid})` : member.userid,
			value: member.userid,
		}));
	});
	return members.sort(byName);
}

export async function getDepartments(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const departments = await load(this, 'departments', (client) => listDepartments(client));
	return departments
		.map((department) => ({
			// Where WeCom leaves the name out (a vendor-developed app without authorisation), the ID stands alone.
			name: department.name ? `${department.name} (${department.id})` : `Department ${department.id}`,
			value: String(department.id),
		}))
		.sort(byName);
}

export async function getTags(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
	const tags = await load(
		this,
		'tags',
		(client) => listTags(client),
		'Create tags in 通讯录 → 标签 (or with WeCom Contacts → Tag → Create), or type the IDs instead.',
	);
	return tags.map((tag) => ({ name: `${tag.tagname} (${tag.tagid})`, value: String(tag.tagid) })).sort(byName);
}

export const directoryLoadOptions = { getMembers, getDepartments, getTags };
