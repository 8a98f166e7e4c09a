/**
 * A stand-in for n8n's Loop Over Items (`n8n-nodes-base.splitInBatches` v3), which this package does not depend on:
 * on its first run it keeps its input in the node's execution context and hands the first `batchSize` items to its
 * "loop" output; every later run (fed by the loop body) collects the body's output and hands on the next batch,
 * until none is left and everything collected goes to "done". n8n's engine therefore runs the loop body once per
 * batch with a growing run index, as it does with the real node (which the e2e suite uses).
 */
import {
	NodeConnectionTypes,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
} from 'n8n-workflow';

export const LOOP_NAME = 'Loop Over Items';
export const LOOP_TYPE = 'harness.loopOverItems';

interface LoopState extends IDataObject {
	pending: INodeExecutionData[];
	processed: INodeExecutionData[];
}

export function loopOverItems(batchSize: number): INodeType {
	return {
		description: {
			displayName: LOOP_NAME,
			name: 'loopOverItems',
			group: ['organization'],
			version: 1,
			description: 'Test-only: splitInBatches v3 semantics',
			defaults: { name: LOOP_NAME },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
			outputNames: ['done', 'loop'],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const context = this.getContext('node') as Partial<LoopState>;
			const input = this.getInputData();
			if (context.pending === undefined || context.processed === undefined) {
				context.pending = input.map((item, index) => ({ ...item, pairedItem: { item: index } }));
				context.processed = [];
			} else {
				context.processed.push(...input);
			}
			const batch = context.pending.splice(0, batchSize);
			if (batch.length > 0) return [[], batch];
			return [context.processed, []];
		},
	};
}
