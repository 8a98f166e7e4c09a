/** OA passive replies: when too late, the same content as a customer-service message (within 48 h). */
import type { INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import type { ReplyFields, ReplyKind } from '../../../shared/callback/reply';
import type { ItemContext } from '../../../shared/execution/itemContext';
import { replyOperation, type LateDelivery } from '../../../shared/webhook/replyOperation';
import { customBodyFromReply, sendCustomMessage } from '../../../shared/oa/customMessage';

const customerService: LateDelivery<OaRun> = {
	value: 'customerService',
	name: 'Send as Customer-Service Message',
	what: 'a customer-service message',
	description:
		'WeChat already got "success": send the reply with message/custom/send (within 48 h of the user\'s message)',
	async send(_exec, run, callback, kind, fields) {
		const body = customBodyFromReply(String(callback.FromUserName), kind, fields);
		if (!body) return undefined;
		await sendCustomMessage(run.client, body);
		return {};
	},
};

export function passiveReplyOperation<K extends ReplyKind>(
	kind: K,
	properties: INodeProperties[],
	build: (ctx: ItemContext) => Promise<ReplyFields[K]>,
): Operation<OaRun> {
	return replyOperation<OaRun, K>({
		resource: 'passiveReply',
		operation: kind,
		kind,
		triggerName: 'WeChat OA Trigger',
		properties,
		build,
		secrets: (run) => run.secrets,
		late: customerService,
	});
}
