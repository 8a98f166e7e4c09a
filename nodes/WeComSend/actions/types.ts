import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import type { WeComConnection } from '../../shared/wecom/connection';

/** One operation of the node: its fields and what it does for one item. */
export interface WeComOperation {
	description: INodeProperties[];
	execute(this: IExecuteFunctions, connection: WeComConnection, itemIndex: number): Promise<INodeExecutionData | INodeExecutionData[]>;
}
