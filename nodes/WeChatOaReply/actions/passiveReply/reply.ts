/**
 * Every passive reply kind shares this: answer the callback within WeChat's 5 s when the trigger's slot is
 * still open; otherwise (the workflow was slower) send the same content as a customer-service message, or
 * skip, as the user chose.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import type { ReplyFields, ReplyKind } from '../../../shared/callback/reply';
import type { ItemContext } from '../../../shared/execution/itemContext';
import { scoped } from '../../../shared/descriptions/scope';
import { callbackOf, sendPassiveReply } from '../../../shared/webhook/passiveReply';
import { customBodyFromReply, sendCustomMessage } from '../../../shared/oa/customMessage';

const TRIGGER = 'WeChat OA Trigger';

const whenLate: INodeProperties = {
	displayName: 'When Too Late',
	name: 'whenLate',
	type: 'options',
	options: [
		{
			name: 'Send as Customer-Service Message',
			value: 'customerService',
			description:
				'WeChat already got "success": send the reply with message/custom/send (within 48 h of the user\'s message)',
		},
		{ name: 'Skip', value: 'skip', description: 'Send nothing more' },
	],
	default: 'customerService',
	description: 'What to do when the trigger already answered WeChat (the workflow took longer than the reply guard)',
};

export function passiveReplyOperation<K extends ReplyKind>(
	kind: K,
	properties: INodeProperties[],
	build: (ctx: ItemContext) => Promise<ReplyFields[K]>,
): Operation<OaRun> {
	return {
		description: scoped({ resource: ['passiveReply'], operation: [kind] }, [
			...properties,
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
			const { json } = callbackOf(this, itemIndex, TRIGGER);
			const fields = await build(ctx);
			const outcome = await sendPassiveReply(this, itemIndex, kind, fields, run.secrets, TRIGGER);
			const toUser = String(json.FromUserName);
			if (outcome.sent === 'passive') return { json: { replied: 'passive', msgType: kind, toUser } };
			const late = String(ctx.param<IDataObject>('options', {}).whenLate ?? 'customerService');
			const body = late === 'customerService' ? customBodyFromReply(toUser, kind, fields) : undefined;
			if (!body)
				return {
					json: { replied: 'skipped', msgType: kind, toUser, reason: 'the trigger had already answered WeChat' },
				};
			await sendCustomMessage(run.client, body);
			return { json: { replied: 'customerService', msgType: kind, toUser } };
		},
	};
}
