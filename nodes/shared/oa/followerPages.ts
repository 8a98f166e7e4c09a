/**
 * user/get, user/tag/get and tags/members/getblacklist return up to 10,000 openids a page and a next_openid to
 * continue from; the last page has count 0 (and often no data). Pages are read until then, and come out as one
 * item per openid or one per page, as the user chooses.
 */
import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { callJson, type ApiCall, type JsonObject, type TokenClient } from '../transport/client';

export const outputProperty: INodeProperties = {
	displayName: 'Output',
	name: 'output',
	type: 'options',
	options: [
		{ name: 'One Item per OpenID', value: 'openid' },
		{ name: 'One Item per Page (up to 10,000 OpenIDs)', value: 'page' },
	],
	default: 'openid',
};

/** A guard against a server that never ends the list: 100 pages = a million followers. */
const MAX_PAGES = 100;

export async function readFollowerPages(
	client: TokenClient,
	call: (nextOpenid: string) => ApiCall,
	output: string,
	extra: IDataObject = {},
): Promise<INodeExecutionData[]> {
	const items: INodeExecutionData[] = [];
	let next = '';
	for (let page = 0; page < MAX_PAGES; page++) {
		const answer: JsonObject = await callJson(client, call(next));
		const openids = ((answer.data as { openid?: unknown[] } | undefined)?.openid ?? []).map(String);
		if (output === 'page') {
			if (openids.length)
				items.push({
					json: {
						...extra,
						total: Number(answer.total ?? 0),
						count: openids.length,
						openids,
						next_openid: String(answer.next_openid ?? ''),
					},
				});
		} else {
			for (const openid of openids) items.push({ json: { ...extra, openid } });
		}
		next = String(answer.next_openid ?? '');
		if (!openids.length || !next) break;
	}
	return items;
}
