/**
 * One passive-reply operation, for either platform: answer the callback within WeChat's 5 s while the
 * trigger's slot is open; when the callback was already answered (the workflow was slower than the guard, or
 * another reply came first), hand the same content to the platform's way of writing later (OA customer-service
 * message, WeCom application message), or skip, as the user chose; where there is no such way, fail. The
 * output says which happened. Whatever fails, the guard answers WeChat at once.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../execution/router';
import { ReplyError, type ReplyFields, type ReplyKind } from '../callback/reply';
import type { ItemContext } from '../execution/itemContext';
import { FieldError } from '../execution/errors';
import { scoped } from '../descriptions/scope';
import { callbackOf, sendPassiveReply, type PassiveOutcome, type ReplySecrets } from './passiveReply';
import { releaseReplySlot } from './replySlots';

export interface LateDelivery<Run> {
	/** The option value that means "send it another way", and how the choice reads in the UI. */
	value: string;
	name: string;
	description: string;
	/** The other way as a noun, for errors: "a customer-service message". */
	what: string;
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
		description:
			'What to do when WeChat was already answered: the workflow took longer than the reply guard, or an earlier reply answered this message',
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
			const { json, context } = callbackOf(this, itemIndex, spec.triggerName);
			let fields: ReplyFields[K];
			let outcome: PassiveOutcome;
			try {
				fields = await spec.build(ctx);
				outcome = await sendPassiveReply(this, itemIndex, spec.kind, fields, spec.secrets(run), spec.triggerName);
			} catch (error) {
				// WeChat must still hear "success" in time, and its retries must not wait for a reply that never comes.
				if (context.replyId) releaseReplySlot(context.replyId);
				throw error instanceof ReplyError ? fieldErrorOf(error, spec.properties) : error;
			}
			const summary = { msgType: spec.kind, toUser: String(json.FromUserName) };
			if (outcome.sent === 'passive') return { json: { replied: 'passive', ...summary } };
			if (outcome.sent === 'unconfirmed')
				return { json: { replied: 'passiveUnconfirmed', ...summary, reason: outcome.reason } };
			if (ctx.param<IDataObject>('options', {}).whenLate === 'skip')
				return { json: { replied: 'skipped', ...summary, reason: outcome.reason } };
			const sentLate = await spec.late.send(this, run, json, spec.kind, fields);
			if (!sentLate) {
				throw new FieldError(
					'Reply',
					`not sent: ${outcome.reason}, and a ${spec.kind} reply cannot go out as ${spec.late.what}`,
					'Send one reply per message within the reply guard time, or set Options → When Too Late to Skip to accept this.',
				);
			}
			return { json: { replied: spec.late.value, ...summary, reason: outcome.reason, ...sentLate } };
		},
	};
}

/** A reply the builder refused, named by the field the user sees. */
function fieldErrorOf(error: ReplyError, properties: INodeProperties[]): FieldError {
	const label = properties.find((property) => property.name === error.field)?.displayName ?? 'Reply';
	return new FieldError(label, error.message, error.fix ?? 'Check the reply fields.');
}
