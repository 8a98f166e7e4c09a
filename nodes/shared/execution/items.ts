/**
 * Runs one handler per input item with bounded concurrency, output in input order. Every item yields its
 * output items (pairedItem set) or, with "continue on fail", one error item; otherwise the first error (in input
 * order) stops the node.
 */
import type { IExecuteFunctions, INodeExecutionData, IDataObject } from 'n8n-workflow';
import { toNodeError } from './errors';

export type ItemHandler = (itemIndex: number) => Promise<INodeExecutionData | INodeExecutionData[]>;

export const DEFAULT_CONCURRENCY = 5;

export async function runItems(
	ctx: IExecuteFunctions,
	handler: ItemHandler,
	concurrency: number = DEFAULT_CONCURRENCY,
): Promise<INodeExecutionData[]> {
	const count = ctx.getInputData().length;
	const results: Array<INodeExecutionData[] | undefined> = new Array(count);
	const errors: unknown[] = new Array(count);
	const continueOnFail = ctx.continueOnFail();
	let next = 0;
	let stop = false;

	const worker = async (): Promise<void> => {
		while (!stop && next < count) {
			const itemIndex = next++;
			try {
				const produced = await handler(itemIndex);
				const list = Array.isArray(produced) ? produced : [produced];
				results[itemIndex] = list.map((item) => ({ ...item, pairedItem: { item: itemIndex } }));
			} catch (error) {
				const nodeError = toNodeError(ctx.getNode(), error, itemIndex);
				if (continueOnFail) {
					const json: IDataObject = { error: nodeError.message };
					if (nodeError.description) json.description = nodeError.description;
					results[itemIndex] = [{ json, pairedItem: { item: itemIndex } }];
				} else {
					errors[itemIndex] = nodeError;
					stop = true;
				}
			}
		}
	};
	const workers = Math.max(1, Math.min(Math.floor(concurrency) || 1, count));
	await Promise.all(Array.from({ length: workers }, worker));

	const firstError = errors.find((error) => error !== undefined);
	if (firstError) throw firstError;
	return results.flatMap((list) => list ?? []);
}
