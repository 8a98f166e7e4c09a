/** Send a message to a customer (kf/send_msg): allowed within 48 h of the customer's last message, at most 5. */
import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import {
	externalUserIdProperty,
	messageIdField,
	messageIdOption,
	openKfidProperty,
	requireExternalUserId,
	requireOpenKfid,
	optionsField,
} from '../fields';
import { KF_CONTENTS, messageFields } from './contents';

export const description = scoped({ resource: ['message'], operation: ['send'] }, [
	openKfidProperty,
	externalUserIdProperty,
	...messageFields(Object.keys(KF_CONTENTS)),
	optionsField(messageIdOption),
]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const openKfid = requireOpenKfid(ctx);
	const touser = requireExternalUserId(ctx);
	const msgtype = ctx.param<string>('messageType', 'text');
	const { content } = KF_CONTENTS[msgtype] ?? KF_CONTENTS.text;
	const ids = messageIdField(ctx.param<IDataObject>('options', {}));
	const body = {
		touser,
		open_kfid: openKfid,
		...ids,
		msgtype: content.msgtype,
		[content.msgtype]: await content.build(ctx),
	};
	// Not replayed after an unknown outcome: WeCom does not dedupe send_msg by msgid.
	const answer = await callJson(run.connection.client, {
		method: 'POST',
		path: '/cgi-bin/kf/send_msg',
		json: body,
		kind: 'write',
	});
	return {
		json: {
			open_kfid: openKfid,
			external_userid: touser,
			msgtype: content.msgtype,
			msgid: String(answer.msgid ?? ''),
			sent: true,
		},
	};
};
