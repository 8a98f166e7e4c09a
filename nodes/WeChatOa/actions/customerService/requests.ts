/** How the customer-service operations call WeChat: JSON writes, and lists answered as `{<name>: [...]}`. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { OaRun } from '../../../shared/oa/run';
import { callJson, type JsonObject } from '../../../shared/transport/client';

interface ListOptions {
	query?: Record<string, string>;
	/** Fields added to every entry, e.g. from the rest of the answer. */
	extra?: (answer: JsonObject) => IDataObject;
}

/** A GET whose answer holds the list under `name`: one output item per entry, none when the list is empty. */
export async function getList(
	run: OaRun,
	path: string,
	name: string,
	{ query, extra }: ListOptions = {},
): Promise<INodeExecutionData[]> {
	const answer = await callJson(run.client, { method: 'GET', path, query, kind: 'read' });
	const entries = Array.isArray(answer[name]) ? (answer[name] as IDataObject[]) : [];
	const shared = extra?.(answer) ?? {};
	return entries.map((entry) => ({ json: { ...shared, ...entry } }));
}

/** `replaySafe`: WeChat ends in the same state when the write arrives twice, so a lost answer may be retried. */
export async function post(run: OaRun, path: string, body: IDataObject, replaySafe: boolean): Promise<void> {
	await callJson(run.client, { method: 'POST', path, json: body, kind: 'write', deduplicated: replaySafe });
}
