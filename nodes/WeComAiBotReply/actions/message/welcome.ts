/** The answer to enter_chat (进入会话): a text or a template card, within WeCom's time for it (5 s). */
import type { Operation } from '../../../shared/execution/router';
import { aiBotCallbackOf, type AiBotRun } from '../../../shared/aibot/replyContext';
import { cardProperty, checkContent, readCard } from '../../../shared/aibot/content';
import { answerPassively } from '../../../shared/aibot/passive';
import { isSocketContext, sendOverSocket } from '../../../shared/aibot/socketReply';
import { CMD } from '../../../shared/aibot/socket/frames';
import { FieldError } from '../../../shared/execution/errors';
import { scoped } from '../../../shared/descriptions/scope';

const op: Operation<AiBotRun> = {
	description: scoped({ resource: ['message'], operation: ['welcome'] }, [
		{
			displayName: 'Welcome With',
			name: 'welcomeType',
			type: 'options',
			options: [
				{ name: 'Text', value: 'text' },
				{ name: 'Template Card', value: 'templateCard' },
			],
			default: 'text',
		},
		{
			displayName: 'Text',
			name: 'text',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			required: true,
			description: 'The welcome text (欢迎语) shown when the user opens the chat with the bot',
			displayOptions: { show: { welcomeType: ['text'] } },
		},
		{ ...cardProperty('templateCard', 'Template Card'), displayOptions: { show: { welcomeType: ['templateCard'] } } },
	]),
	async execute(run, itemIndex) {
		const context = aiBotCallbackOf(this, itemIndex);
		if (context.event !== 'enter_chat') {
			throw new FieldError(
				'Input item',
				'is not an enter_chat event',
				'Send Welcome only for Event: enter_chat (use a filter or an If node).',
			);
		}
		const byCard = this.getNodeParameter('welcomeType', itemIndex, 'text') === 'templateCard';
		const reply = byCard
			? {
					msgtype: 'template_card',
					template_card: readCard(this.getNodeParameter('templateCard', itemIndex, ''), 'Template Card')!,
				}
			: { msgtype: 'text', text: { content: welcomeText(String(this.getNodeParameter('text', itemIndex, ''))) } };
		// Long connection: a frame under the event's req_id; callback URL: the passive answer to WeCom's request.
		let replied = 'socket';
		if (isSocketContext(context)) await sendOverSocket(context, CMD.welcome, reply);
		else replied = await answerPassively(this, context, reply, run.secrets, 'the welcome');
		return { json: { replied, msgtype: reply.msgtype, userId: context.userId } };
	},
};

function welcomeText(text: string): string {
	if (!text.trim()) throw new FieldError('Text', 'is empty', 'Write the welcome text.');
	return checkContent(text, 'Text');
}

export const { description, execute } = op;
