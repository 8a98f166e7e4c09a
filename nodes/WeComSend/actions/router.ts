/** Reads the credential once, then runs the chosen operation for every item. */
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { operations as message } from './message/Message.resource';
import { operations as media } from './media/Media.resource';
import type { WeComOperation, WeComRun } from './types';
import { runItems, DEFAULT_CONCURRENCY } from '../../shared/execution/items';
import { toNodeError } from '../../shared/execution/errors';
import { weComConnection } from '../../shared/wecom/connection';
import { weComMediaUploader } from '../../shared/wecom/upload';
import { itemContext } from '../../shared/execution/itemContext';
import { parameterReader } from '../../shared/execution/parameters';

const resources: Record<string, Record<string, WeComOperation>> = { message, media };

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operationName = this.getNodeParameter('operation', 0) as string;
	const operation = resources[resource]?.[operationName];
	if (!operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of "${resource}" does not exist`, {
			description: 'Open the node and choose an operation again: the workflow was saved by another version of this node.',
		});
	}
	let connection;
	try {
		connection = await weComConnection(this);
	} catch (error) {
		throw toNodeError(this.getNode(), error, 0);
	}
	const read = parameterReader(this);
	const upload = weComMediaUploader(this, connection.client);
	const run: WeComRun = { connection, item: (itemIndex) => itemContext(this, itemIndex, read, upload) };
	const options = read<IDataObject>('options', 0, {});
	const concurrency = Number(options.concurrency ?? DEFAULT_CONCURRENCY);
	const output = await runItems(this, (itemIndex) => operation.execute.call(this, run, itemIndex), concurrency);
	return [output];
}
