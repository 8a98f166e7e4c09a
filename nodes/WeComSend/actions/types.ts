import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { WeComConnection } from '../../shared/wecom/connection';
import type { ItemContext } from '../../shared/execution/itemContext';

/** What the router sets up once per run: the credential's client and per-item parameter access. */
export interface WeComRun {
	connection: WeComConnection;
	item(itemIndex: number): ItemContext;
}

/** One operation of the node: its fields and what it does for one item. */
export interface WeComOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, run: WeComRun, itemIndex: number): Promise<INodeExecutionData | INodeExecutionData[]>;
}
