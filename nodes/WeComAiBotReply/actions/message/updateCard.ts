/** The answer to a template card click (template_card_event): the card replaced, in WeCom's time (5 s). */
import type { Operation } from '../../../shared/execution/router';
import { aiBotCallbackOf, type AiBotRun } from '../../../shared/aibot/replyContext';
import { cardProperty, readCard } from '../../../shared/aibot/content';
import { answerPassively } from '../../../shared/aibot/passive';
import { isSocketContext, sendOverSocket } from '../../../shared/aibot/socketReply';
import { CMD } from '../../../shared/aibot/socket/frames';
import { FieldError } from '../../../shared/execution/errors';
import { scoped } from '../../../shared/descriptions/scope';

const op: Operation<AiBotRun> = {
	description: scoped({ resource: ['message'], operation: ['updateCard'] }, [
		cardProperty('templateCard', 'Template Card'),
	]),
	async execute(run, itemIndex) {
		const context = aiBotCallbackOf(this, itemIndex);
		if (context.event !== 'template_card_event') {
			throw new FieldError(
				'Input item',
				'is not a template_card_event',
				'Update Card answers a card click (Event: template_card_event).',
			);
		}
		const card = readCard(this.getNodeParameter('templateCard', itemIndex, ''), 'Template Card')!;
		const reply = { response_type: 'update_template_card', template_card: card };
		let replied = 'socket';
		if (isSocketContext(context)) await sendOverSocket(context, CMD.updateCard, reply);
		else replied = await answerPassively(this, context, reply, run.secrets, 'the card update');
		return { json: { replied, cardType: String(card.card_type), userId: context.userId } };
	},
};

export const { description, execute } = op;
