/** What every "send <msgtype>" of a group chat shares: the chat, safe, the call to appchat/send. */
import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import type { WeComMessageContent } from '../../../shared/descriptions/wecomMessage';
import { scoped } from '../../../shared/descriptions/scope';
import { callWithinQuotaLogged, rateLimitedField } from '../../../shared/execution/quota';
import { concurrencyOption } from '../../../shared/descriptions/options';
import { chatIdProperty, requireChatId } from './chatId';

export function chatSendOperation(operation: string, content: WeComMessageContent): Operation<WeComRun> {
	const options = [concurrencyOption];
	if (content.supportsSafe) {
		options.push({
			displayName: 'Confidential (safe)',
			name: 'safe',
			type: 'options',
			options: [
				{ name: 'No (0)', value: 0 },
				{ name: 'Yes: No Sharing, Watermark (1)', value: 1 },
			],
			default: 0,
			description: 'Whether the message is confidential (保密消息)',
		});
	}
	return {
		description: scoped({ resource: ['appChat'], operation: [operation] }, [
			chatIdProperty,
			...content.properties,
			{ displayName: 'Options', name: 'options', type: 'collection', placeholder: 'Add Option', default: {}, options },
		]),
		async execute(run, itemIndex) {
			const ctx = run.item(itemIndex);
			const chatid = requireChatId(ctx);
			const body: IDataObject = { chatid, msgtype: content.msgtype, [content.msgtype]: await content.build(ctx) };
			const chosen = ctx.param<IDataObject>('options', {});
			if (content.supportsSafe && chosen.safe !== undefined) body.safe = Number(chosen.safe);
			// Not paced: WeCom counts group messages in person-times (20,000 a minute per corp), which the node
			// cannot see; a refusal (45009) is still waited out and sent again.
			const outcome = await callWithinQuotaLogged(this, itemIndex, run.connection.client, {
				method: 'POST',
				path: '/cgi-bin/appchat/send',
				json: body,
				kind: 'write',
			});
			return { json: { chatid, msgtype: content.msgtype, sent: true, ...rateLimitedField(outcome) } };
		},
	};
}
