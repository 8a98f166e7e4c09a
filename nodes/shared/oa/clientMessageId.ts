/**
 * WeChat drops a template or mass send that repeats a client message ID, which is what makes a retry after a
 * network fault safe. Unless the user sets one, it is derived from the execution and the item: the same
 * item retried in this execution keeps it, a new execution sends anew.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemContext } from '../execution/itemContext';
import { FieldError } from '../execution/errors';

export const clientMessageIdOption: INodeProperties = {
	displayName: 'Client Message ID',
	name: 'clientMsgId',
	type: 'string',
	default: '',
	description:
		'De-duplication ID (at most 64 bytes): WeChat drops a second send with the same ID. Empty: one per execution and item, so retries are safe.',
};

export function clientMessageId(exec: IExecuteFunctions, ctx: ItemContext): string {
	const given = String(ctx.param<IDataObject>('options', {}).clientMsgId ?? '').trim();
	const id = given || `n8n_${exec.getExecutionId() ?? 'run'}_${(exec.getNode().id ?? '').slice(0, 8)}_${ctx.itemIndex}`;
	if (Buffer.byteLength(id) > 64)
		throw new FieldError('Options › Client Message ID', 'is longer than 64 bytes', 'Use a shorter ID.');
	return id;
}
