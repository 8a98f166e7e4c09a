/**
 * The execute() of every action node: pick the resource's operation, open what it needs once per run (the
 * credential's client, parameter access), then run the operation for every item with bounded concurrency.
 */
import {
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeProperties,
} from 'n8n-workflow';
import { DEFAULT_CONCURRENCY, runItems, type ItemHandler } from './items';
import { parameterReader, type ParameterReader } from './parameters';
import { toNodeError } from './errors';

/** One operation: its fields and what it does for one item, given what its resource opened for the run. */
export interface Operation<Run> {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, run: Run, itemIndex: number): Promise<INodeExecutionData | INodeExecutionData[]>;
}

export interface Resource {
	operations: Record<string, { description: INodeProperties[] }>;
	/** Fixed items-at-once for this resource, overriding the Concurrency option. */
	concurrency?: number;
	prepare(exec: IExecuteFunctions, operation: string, read: ParameterReader): Promise<ItemHandler | undefined>;
}

/** Binds a resource's operations to how it opens a run (e.g. the WeCom client, or the robot's webhook). */
export function defineResource<Run>(
	operations: Record<string, Operation<Run>>,
	open: (exec: IExecuteFunctions, read: ParameterReader) => Promise<Run>,
	settings: { concurrency?: number } = {},
): Resource {
	return {
		operations,
		concurrency: settings.concurrency,
		async prepare(exec, name, read) {
			const operation = operations[name];
			if (!operation) return undefined;
			const run = await open(exec, read);
			return (itemIndex) => operation.execute.call(exec, run, itemIndex);
		},
	};
}

export async function routeItems(
	exec: IExecuteFunctions,
	resources: Record<string, Resource>,
): Promise<INodeExecutionData[][]> {
	const read = parameterReader(exec);
	const resource = read<string>('resource', 0);
	const operation = read<string>('operation', 0);
	let handler: ItemHandler | undefined;
	try {
		handler = await resources[resource]?.prepare(exec, operation, read);
	} catch (error) {
		throw toNodeError(exec.getNode(), error, 0);
	}
	if (!handler) {
		throw new NodeOperationError(exec.getNode(), `The operation "${operation}" of "${resource}" does not exist`, {
			description:
				'Open the node and choose the operation again: the workflow was saved by another version of this node.',
		});
	}
	const options = read<IDataObject>('options', 0, {});
	const concurrency = resources[resource].concurrency ?? Number(options.concurrency ?? DEFAULT_CONCURRENCY);
	return [await runItems(exec, handler, concurrency)];
}
