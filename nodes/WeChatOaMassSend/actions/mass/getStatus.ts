/** Get a mass job's status (查询群发消息发送状态): SENDING, SEND_SUCCESS, SEND_FAIL or DELETE. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { FieldError } from '../../../shared/execution/errors';
import { requireText } from '../../../shared/execution/itemContext';
import { callJson } from '../../../shared/transport/client';
import { numericId } from '../../../shared/transport/json';

export const description = scoped({ resource: ['mass'], operation: ['getStatus'] }, [
	{
		displayName: 'Message ID',
		name: 'msgId',
		type: 'string',
		default: '',
		required: true,
		description: 'The msg_id returned by a send',
	},
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const msgId = requireText(run.item(itemIndex), 'msgId', 'Message ID', 'Map the msg_id returned by the send.');
	if (!/^\d+$/.test(msgId))
		throw new FieldError('Message ID', `"${msgId}" is not a msg_id`, 'Map the msg_id returned by the send.');
	const answer = await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/message/mass/get',
		json: { msg_id: numericId(msgId) },
		kind: 'read',
	});
	return { json: { msg_id: String(answer.msg_id ?? msgId), msg_status: String(answer.msg_status ?? '') } };
};
