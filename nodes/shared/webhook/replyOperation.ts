/**
 * One passive-reply operation, for either platform: answer the callback within WeChat's 5 s while the
 * trigger's slot is open; when the workflow was slower, hand the same content to the platform's way of
 * writing later (OA customer-service message, WeCom application message), or skip, as the user chose.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../execution/router';
import type { ReplyFields, ReplyKind } from '../callback/reply';
import type { ItemContext } from '../execution/itemContext';
import { scoped } from '../descriptions/scope';
import { callbackOf, sendPassiveReply, type ReplySecrets } from './passiveReply';

export interface LateDelivery<Run> {
	/** The option value that means "send it another way", and how the choice reads in the UI. */
	value: string;
	name: string;
	description: string;
	/** Sends the reply another way; returns extra output fields, or undefined when this kind has no such way. */
	send(
		exec: IExecuteFunctions,
		run: Run,
		callback: IDataObject,
		kind: ReplyKind,
		fields: ReplyFields[ReplyKind],
	): Promise<IDataObject | undefined>;
}

export interface ReplyOperationSpec<Run, K extends ReplyKind> {
	resource: string;
	operation: string;
	kind: K;
	triggerName: string;
	properties: INodeProperties[];
	build(ctx: ItemContext): Promise<ReplyFields[K]>;
	secrets(run: Run): ReplySecrets;
	late: LateDelivery<Run>;
}

export function replyOperation<Run extends { item(itemIndex: number): ItemContext }, K extends ReplyKind>(
	spec: ReplyOperationSpec<Run, K>,
): Operation<Run> {
	// The default is the platform's own late-delivery value, which the rule cannot see through spec.
	// eslint-disable-next-line n8n-nodes-base/node-param-default-missing
	const whenLate: INodeProperties = {
		displayName: 'When Too Late',
		name: 'whenLate',
		type: 'options',
		options: [
			{ name: spec.late.name, value: spec.late.value, description: spec.late.description },
			{ name: 'Skip', value: 'skip', description: 'Send nothing more' },
		],
		default: spec.late.value,
		description: 'What to do when the trigger already answered WeChat (the workflow took longer than the reply guard)',
	};
	return {
		description: scoped({ resource: [spec.resource], operation: [spec.operation] }, [
			...spec.properties,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [whenLate],
			},
		]),
		async execute(run, itemIndex) {
			const ctx = run.item(itemIndex);
			const { json } = callbackOf(this, itemIndex, spec.triggerName);
			const fields = await spec.build(ctx);
			const outcome = await sendPassiveReply(this, itemIndex, spec.kind, fields, spec.secrets(run), spec.triggerName);
			const summary = { msgType: spec.kind, toUser: String(json.FromUserName) };
			if (outcome.sent === 'passive') return { json: { replied: 'passive', ...summary } };
			const sentLate =
				ctx.param<IDataObject>('options', {}).whenLate === 'skip'
					? undefined
					: await spec.late.send(this, run, json, spec.kind, fields);
			if (!sentLate)
				return { json: { replied: 'skipped', ...summary, reason: 'the trigger had already answered WeChat' } };
			return { json: { replied: spec.late.value, ...summary, ...sentLate } };
		},
	};
}
