/** Runs a reply node on a trigger's items in n8n's engine, recording what it handed n8n as the HTTP answer. */
import type {
	IDataObject,
	IExecuteResponsePromiseData,
	INodeExecutionData,
	INodeParameters,
	INodeType,
} from 'n8n-workflow';
import { runNode } from '../../../helpers/harness';

export async function replyWith(
	node: INodeType,
	credentials: Record<string, IDataObject>,
	input: INodeExecutionData[],
	parameters: INodeParameters,
) {
	const sent: IExecuteResponsePromiseData[] = [];
	const result = await runNode({
		node,
		parameters,
		credentials: credentials as never,
		items: input,
		onSendResponse: (response) => sent.push(response),
	});
	return { sent, result };
}
