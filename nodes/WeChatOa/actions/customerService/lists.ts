/** The customer-service lists answer `{<name>: [...]}`: one output item per entry, none when the list is empty. */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import type { JsonObject } from '../../../shared/transport/client';

export function listOf(answer: JsonObject, name: string, extra: IDataObject = {}): INodeExecutionData[] {
	const entries = Array.isArray(answer[name]) ? (answer[name] as IDataObject[]) : [];
	return entries.map((entry) => ({ json: { ...extra, ...entry } }));
}
