/**
 * A later reply (主动回复): markdown or a template card through the message's response_url (once, within the hour),
 * or on the long connection as an active message to the chat.
 */
import type { Operation } from '../../../shared/execution/router';
import { aiBotCallbackOf, type AiBotRun } from '../../../shared/aibot/replyContext';
import { cardProperty, checkContent, markdownProperty, readCard } from '../../../shared/aibot/content';
import { sendToResponseUrl } from '../../../shared/aibot/responseUrl';
import { isSocketContext, sendOverSocket } from '../../../shared/aibot/socketReply';
import { CMD } from '../../../shared/aibot/socket/frames';
import { FieldError } from '../../../shared/execution/errors';
import { scoped } from '../../../shared/descriptions/scope';

const op: Operation<AiBotRun> = {
	description: scoped({ resource: ['message'], operation: ['replyLater'] }, [
		{
			displayName: 'Reply With',
			name: 'laterType',
			type: 'options',
			options: [
				{ name: 'Markdown', value: 'markdown' },
				{ name: 'Template Card', value: 'templateCard' },
			],
			default: 'markdown',
		},
		{
			...markdownProperty('markdown', 'Markdown', 'The reply, in markdown'),
			displayOptions: { show: { laterType: ['markdown'] } },
		},
		{ ...cardProperty('templateCard', 'Template Card'), displayOptions: { show: { laterType: ['templateCard'] } } },
	]),
	async execute(run, itemIndex) {
		const context = aiBotCallbackOf(this, itemIndex);
		const socket = isSocketContext(context);
		if (!socket && !context.responseUrl) {
			throw new FieldError(
				'Input item',
				'has no response_url (WeCom gives one with messages and card clicks, not with enter_chat)',
				'Reply Later to a message or a card click; welcome with Welcome.',
			);
		}
		const byCard = this.getNodeParameter('laterType', itemIndex, 'markdown') === 'templateCard';
		let body;
		if (byCard)
			body = {
				msgtype: 'template_card',
				template_card: readCard(this.getNodeParameter('templateCard', itemIndex, ''), 'Template Card')!,
			};
		else {
			const markdown = String(this.getNodeParameter('markdown', itemIndex, ''));
			if (!markdown.trim()) throw new FieldError('Markdown', 'is empty', 'Write the reply.');
			body = { msgtype: 'markdown', markdown: { content: checkContent(markdown, 'Markdown') } };
		}
		// Long connection: an active message to the chat (aibot_send_msg), which needs no response_url.
		if (socket) await sendOverSocket(context, CMD.send, { chatid: context.chatId, ...body });
		else await sendToResponseUrl(context.responseUrl!, body, run.proxyUrl);
		return { json: { replied: socket ? 'socket' : 'responseUrl', msgtype: body.msgtype, msgid: context.msgid } };
	},
};

export const { description, execute } = op;
