/**
 * WeChat drops a template or mass send that repeats a client message ID (a template: the same openid + ID within
 * 10 minutes; a mass job: the same ID within 24 hours, answered 45065), which is what makes replaying a send after
 * a network fault safe, and what loses a message when two different sends share one.
 *
 * Unless the user sets one, the ID names one send: the n8n instance, the execution that first ran the node, the
 * node, the node's run in that execution and the item.
 * - The run index: Loop Over Items runs the node again in the same execution, item 0 again each time.
 * - The instance: execution IDs are counters of one n8n database; a staging and a production n8n sending through
 *   one account would otherwise reuse each other's IDs.
 * - The execution that first ran the node, kept in the node's execution context: n8n carries that context into a
 *   Retry of a failed execution (a new execution ID, the node run again with the same run index and items), so the
 *   sends that went out before the failure are dropped by WeChat instead of repeated. A new execution, and an
 *   editor run, start with an empty context.
 * - Not a hash of the body: a replay may carry a different body (media uploaded again has a new media_id, an
 *   expression may read the clock, the retried workflow may have been edited), yet it is the same send; and two
 *   sends are already told apart by run and item.
 * The node's Retry On Fail re-runs it with the same run index, and our transport replays one request as is: both
 * keep the ID. The parts are hashed so the ID stays well within WeChat's 64 bytes whatever they look like.
 */
import { createHash } from 'node:crypto';
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { ItemContext } from '../execution/itemContext';
import { FieldError } from '../execution/errors';

export const clientMessageIdOption: INodeProperties = {
	displayName: 'Client Message ID',
	name: 'clientMsgId',
	type: 'string',
	default: '',
	description:
		'De-duplication ID (at most 64 bytes): WeChat drops a second send with the same ID. Empty: one per send (execution, loop iteration and item), kept when n8n retries it.',
};

/** Where the node's execution context keeps the ID of the execution that first ran it. */
const ORIGIN_KEY = 'clientMessageIdOrigin';

/**
 * What all items of one run of the node share, worked out once per run: reading the run index builds n8n's
 * expression data proxy (tens of µs), too slow to repeat for every item of a large batch.
 */
const runParts = new WeakMap<IExecuteFunctions, string>();

function partsOfRun(exec: IExecuteFunctions): string {
	let parts = runParts.get(exec);
	if (parts === undefined) {
		const context = exec.getContext('node');
		if (typeof context[ORIGIN_KEY] !== 'string') context[ORIGIN_KEY] = exec.getExecutionId() ?? '';
		const runIndex = exec.getWorkflowDataProxy(0).$thisRunIndex;
		parts = JSON.stringify([exec.getInstanceId(), context[ORIGIN_KEY], exec.getNode().name, runIndex]);
		runParts.set(exec, parts);
	}
	return parts;
}

function derivedId(exec: IExecuteFunctions, itemIndex: number): string {
	const digest = createHash('sha256')
		.update(`${partsOfRun(exec)}#${itemIndex}`)
		.digest('hex');
	return `n8n_${digest.slice(0, 32)}`;
}

export function clientMessageId(exec: IExecuteFunctions, ctx: ItemContext): string {
	const given = String(ctx.param<IDataObject>('options', {}).clientMsgId ?? '').trim();
	if (Buffer.byteLength(given) > 64)
		throw new FieldError('Options › Client Message ID', 'is longer than 64 bytes', 'Use a shorter ID.');
	return given || derivedId(exec, ctx.itemIndex);
}
