/**
 * The last write of a stream. While WeCom polls, the next poll shows the final answer (with the card, if any).
 * When WeCom has stopped polling (its 6 minutes from the message are over, or no poll comes within the wait),
 * the part no poll showed goes out through response_url instead: nothing lost, nothing shown twice. A stream
 * that is gone (expired, or its n8n process restarted) gets the content through response_url too. Images go
 * with the final chunk only; response_url cannot carry them, and the output says so when they did not go.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import { aiBotCallbackOf, type AiBotRun } from '../../../shared/aibot/replyContext';
import { cardProperty, checkContent, markdownProperty, readCard } from '../../../shared/aibot/content';
import { changeOpenStream, checkOpen, streamIdOf } from '../../../shared/aibot/streamWrite';
import { imagesNotDelivered, imagesProperty, readStreamImages } from '../../../shared/aibot/streamImages';
import { finalShown, findStream, handOver, putStreamImages } from '../../../shared/aibot/streams';
import { sendToResponseUrl } from '../../../shared/aibot/responseUrl';
import { isSocketContext } from '../../../shared/aibot/socketReply';
import { pushStream } from '../../../shared/aibot/socketStream';
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
		imagesProperty,
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
		const streamId = streamIdOf(context);
		const content = String(this.getNodeParameter('content', itemIndex, ''));
		const card =
			this.getNodeParameter('addCard', itemIndex, false) === true
				? readCard(this.getNodeParameter('templateCard', itemIndex, ''), 'Template Card')
				: undefined;
		const images = await readStreamImages(this, itemIndex, this.getNodeParameter('images', itemIndex, ''));
		const found = await findStream(streamId);
		// The stream expired, or the process that held it restarted: the answer still reaches the user.
		if (!found && context.responseUrl && content.trim()) {
			const markdown = { msgtype: 'markdown', markdown: { content: checkContent(content, 'Content') } };
			await sendToResponseUrl(context.responseUrl, markdown, run.proxyUrl);
			return {
				json: {
					replied: 'responseUrl',
					streamId,
					finished: true,
					streamHeldElsewhere: true,
					...imagesNotDelivered(images.length, 'the stream is gone'),
				},
			};
		}
		// Stored before the state says the answer is final, so the poll that shows it finds them.
		await putStreamImages(checkOpen(found), images);
		const stream = await changeOpenStream(context, (current) => ({
			...current,
			content: checkContent(current.content + content, 'Content'),
			finished: true,
			card,
			images: images.length,
		}));
		const summary: IDataObject = {
			streamId,
			length: stream.content.length,
			finished: true,
			...(images.length > 0 ? { images: images.length } : {}),
		};
		// Long connection: the final state goes out now, images and card with it; WeCom's ack says it arrived.
		if (isSocketContext(context)) {
			await pushStream(context, stream, () => undefined, images);
			return { json: { replied: 'socket', ...summary } };
		}

		const waitMs = Math.min(timings.aiBotPollWaitMs, stream.pollUntil - Date.now());
		if (waitMs > 0 && (await finalShown(streamId, waitMs))) return { json: { replied: 'stream', ...summary } };
		const rest = await handOver(streamId);
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
				...imagesNotDelivered(rest.images, 'WeCom stopped polling before a poll showed the final answer'),
			},
		};
	},
};

export const { description, execute } = op;
