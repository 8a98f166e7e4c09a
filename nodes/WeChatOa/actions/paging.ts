/**
 * The offset/count lists of the content APIs (draft/batchget, freepublish/batchget, material/batchget_material):
 * at most 20 entries a call and a total_count. One page as asked, or every page until total_count, one output
 * item per entry.
 */
import type { IDataObject, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { callJson, type ApiCall, type TokenClient } from '../../shared/transport/client';
import { FieldError } from '../../shared/execution/errors';
import type { ItemContext } from '../../shared/execution/itemContext';

/** WeChat's largest page: "返回素材的数量，取值在1到20之间". */
const MAX_PAGE_SIZE = 20;
/** A guard against a server whose total never ends: 5,000 pages = 100,000 entries, the material library's cap. */
const MAX_PAGES = 5_000;

export const pagingProperties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: true,
		description: 'Whether to return all results or only up to a given limit',
		hint: 'All pages are read 20 entries a call; otherwise only the page given by Offset and Count',
	},
	{
		displayName: 'Offset',
		name: 'offset',
		type: 'number',
		typeOptions: { minValue: 0 },
		default: 0,
		description: 'Position of the first entry to return; 0 is the newest',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Count',
		name: 'count',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_PAGE_SIZE },
		default: MAX_PAGE_SIZE,
		description: 'How many entries to return, 1 to 20',
		displayOptions: { show: { returnAll: [false] } },
	},
];

interface Page {
	offset: number;
	count: number;
}

/** The page the user asked for, or undefined for all pages; bad numbers are refused before anything is sent. */
function requestedPage(ctx: ItemContext): Page | undefined {
	if (ctx.param<boolean>('returnAll', true)) return undefined;
	const offset = Number(ctx.param<unknown>('offset', 0));
	const count = Number(ctx.param<unknown>('count', MAX_PAGE_SIZE));
	if (!Number.isInteger(offset) || offset < 0)
		throw new FieldError('Offset', `"${offset}" is not a whole number from 0`, 'Enter 0 for the newest entry.');
	if (!Number.isInteger(count) || count < 1 || count > MAX_PAGE_SIZE)
		throw new FieldError('Count', `"${count}" is not between 1 and ${MAX_PAGE_SIZE}`, 'WeChat returns 1 to 20 a call.');
	return { offset, count };
}

/** Reads the requested page or every page; `call` builds the request for one offset/count. */
export async function readOffsetPages(
	client: TokenClient,
	ctx: ItemContext,
	call: (page: Page) => ApiCall,
): Promise<INodeExecutionData[]> {
	const asked = requestedPage(ctx);
	const items: INodeExecutionData[] = [];
	let offset = asked?.offset ?? 0;
	for (let pages = 0; pages < MAX_PAGES; pages++) {
		const answer = await callJson(client, call({ offset, count: asked?.count ?? MAX_PAGE_SIZE }));
		const entries = Array.isArray(answer.item) ? (answer.item as IDataObject[]) : [];
		const total = Number(answer.total_count ?? 0);
		for (const entry of entries) items.push({ json: { ...entry, total_count: total } });
		offset += entries.length;
		if (asked || entries.length === 0 || offset >= total) break;
	}
	return items;
}
