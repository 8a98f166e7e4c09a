/**
 * Answer an event with its one-time code (kf/send_msg_on_event): the welcome message for enter_session's
 * welcome_code (valid 20 s, once), or the reply / closing words for service_state/trans's msg_code.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { requireText } from '../../../shared/execution/itemContext';
import { messageIdField, messageIdOption, optionsField } from '../fields';
import { KF_CONTENTS, messageFields } from './contents';

const TYPES = ['text', 'msgmenu'];

export const description = scoped({ resource: ['message'], operation: ['sendOnEvent'] }, [
	{
		displayName: 'Event Code',
		name: 'code',
		type: 'string',
		default: '={{ $json.event?.welcome_code }}',
		required: true,
		description:
			"The event's welcome_code (用户进入会话事件, valid 20 seconds, usable once) or the msg_code of Service State → Transfer",
	},
	...messageFields(TYPES),
	optionsField(messageIdOption),
]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const code = requireText(ctx, 'code', 'Event Code', "Map the event's welcome_code (or a msg_code) from the trigger.");
	const msgtype = ctx.param<string>('messageType', 'text');
	const { content } = KF_CONTENTS[TYPES.includes(msgtype) ? msgtype : 'text'];
	const ids = messageIdField(ctx.param<IDataObject>('options', {}));
	const body = { code, ...ids, msgtype: content.msgtype, [content.msgtype]: await content.build(ctx) };
	const answer = await callJson(run.connection.client, {
		method: 'POST',
		path: '/cgi-bin/kf/send_msg_on_event',
		json: body,
		kind: 'write',
	});
	return { json: { msgtype: content.msgtype, msgid: String(answer.msgid ?? ''), sent: true } };
};
