/**
 * The last write of a stream. While WeCom polls, the next poll shows the final answer (with the card, if any).
 * When WeCom has stopped polling (its 6 minutes from the message are over, or no poll comes within the wait),
 * the part no poll showed goes out through response_url instead: nothing lost, nothing shown twice. A stream
 * this process does not hold (the trigger ran in another n8n process, or it expired) gets the content through
 * response_url too.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import { aiBotCallbackOf, type AiBotRun } from '../../../shared/aibot/replyContext';
import { cardProperty, checkContent, markdownProperty, readCard } from '../../../shared/aibot/content';
import { openStreamOf, streamIdOf, writeStream } from '../../../shared/aibot/streamWrite';
import { findStream, handOver, nextPoll } from '../../../shared/aibot/streams';
import { sendToResponseUrl } from '../../../shared/aibot/responseUrl';
import { FieldError } from '../../../shared/execution/errors';
import { scoped } from '../../../shared/descriptions/scope';
import { timings } from '../../../shared/testSeam';

const op: Operation<AiBotRun> = {
	description: scoped({ resource: ['stream'], operation: ['finish'] }, [
		markdownProperty(
			'content',
			'Content',
			'Markdown added to the end of the answer before it is finished; empty to finish with what was written',
			false,
		),
		{
			displayName: 'Add Template Card',
			name: 'addCard',
			type: 'boolean',
			default: false,
			description: 'Whether to show a template card with the final answer (流式消息+模板卡片)',
		},
		{ ...cardProperty('templateCard', 'Template Card'), displayOptions: { show: { addCard: [true] } } },
	]),
	async execute(run, itemIndex) {
		const context = aiBotCallbackOf(this, itemIndex);
		const content = String(this.getNodeParameter('content', itemIndex, ''));
		// The trigger ran in another n8n process, or the stream expired: the answer still reaches the user.
		if (!findStream(streamIdOf(context)) && context.responseUrl && content.trim()) {
			const markdown = { msgtype: 'markdown', markdown: { content: checkContent(content, 'Content') } };
			await sendToResponseUrl(context.responseUrl, markdown, run.proxyUrl);
			return {
				json: { replied: 'responseUrl', streamId: context.streamId, finished: true, streamHeldElsewhere: true },
			};
		}
		const stream = openStreamOf(context);
		const card =
			this.getNodeParameter('addCard', itemIndex, false) === true
				? readCard(this.getNodeParameter('templateCard', itemIndex, ''), 'Template Card')
				: undefined;
		writeStream(stream, content, 'append', 'Content');
		stream.finished = true;
		stream.card = card;
		const summary: IDataObject = { streamId: stream.id, length: stream.content.length, finished: true };

		const waitMs = Math.min(timings.aiBotPollWaitMs, stream.pollUntil - Date.now());
		if (waitMs > 0 && (await nextPoll(stream, waitMs))) return { json: { replied: 'stream', ...summary } };
		const rest = handOver(stream);
		if (!rest) return { json: { replied: 'stream', ...summary } };
		if (!context.responseUrl) {
			throw new FieldError(
				'Input item',
				'WeCom stopped polling the stream before it finished, and the message has no response_url for the rest',
				'Keep the trigger\'s "callback" field on the item, and finish within 6 minutes of the message.',
			);
		}
		const body = rest.rest
			? { msgtype: 'markdown', markdown: { content: rest.rest } }
			: rest.card
				? { msgtype: 'template_card', template_card: rest.card }
				: undefined;
		if (body) await sendToResponseUrl(context.responseUrl, body, run.proxyUrl);
		return {
			json: {
				replied: body ? 'responseUrl' : 'stream',
				...summary,
				// response_url takes one message: with text left to send, the card cannot follow.
				...(rest.rest && rest.card ? { cardSent: false } : {}),
			},
		};
	},
};

export const { description, execute } = op;
