/** The stream an item's reply writes into: the one the trigger opened for its message. */
import { FieldError } from '../execution/errors';
import type { Operation } from '../execution/router';
import { scoped } from '../descriptions/scope';
import { aiBotCallbackOf, type AiBotRun } from './replyContext';
import { checkContent, markdownProperty } from './content';
import type { AiBotCallbackContext } from './context';
import { updateStream, type StreamState } from './streams';
import { isSocketContext } from './socketReply';
import { pushStream } from './socketStream';

export function streamIdOf(context: AiBotCallbackContext): string {
	if (!context.streamId) {
		throw new FieldError(
			'Input item',
			'has no stream: only messages get one, when the trigger replies through a reply node',
			'Set the WeCom AI Bot Trigger\'s Reply to "From a WeCom AI Bot Reply Node"; answer events with Welcome or Update Card.',
		);
	}
	return context.streamId;
}

const GONE = [
	'Input item',
	'names a stream that no longer exists (it expired, or the n8n process that opened it restarted)',
	'Reply within the hour after the message; use Reply Later for answers after the stream is gone.',
] as const;

/** The stream the item names, or an error that says why it cannot be written any more. */
export function checkOpen(stream: StreamState | undefined): StreamState {
	if (!stream) throw new FieldError(...GONE);
	if (stream.finished || stream.handedOver) {
		throw new FieldError('Operation', 'the stream is already finished', 'Finish a stream once, as its last write.');
	}
	return stream;
}

/**
 * Applies `change` to the item's stream while it is open, atomically across n8n processes (queue mode); `change`
 * may throw to refuse (content too long), and then nothing is written.
 */
export async function changeOpenStream(
	context: AiBotCallbackContext,
	change: (stream: StreamState) => StreamState,
): Promise<StreamState> {
	const stream = await updateStream(streamIdOf(context), (current) => change(checkOpen(current)));
	if (!stream) throw new FieldError(...GONE);
	return stream;
}

/** The Append and Replace operations: the same write, told apart by what happens to the earlier content. */
export function streamWriteOperation(mode: 'append' | 'replace', contentDescription: string): Operation<AiBotRun> {
	return {
		description: scoped({ resource: ['stream'], operation: [mode] }, [
			markdownProperty('content', 'Content', contentDescription),
		]),
		async execute(_run, itemIndex) {
			const text = String(this.getNodeParameter('content', itemIndex, ''));
			const context = aiBotCallbackOf(this, itemIndex);
			const stream = await changeOpenStream(context, (current) => ({
				...current,
				content: checkContent(mode === 'append' ? current.content + text : text, 'Content'),
			}));
			// Long connection: no polls, the new state is pushed (throttled; Finish always sends the final one).
			const pushed = isSocketContext(context)
				? await pushStream(context, stream, (error) =>
						this.logger.warn(`WeCom AI Bot Reply: a stream update was not delivered: ${error.message}`),
					)
				: undefined;
			const replied = pushed ? 'socket' : 'stream';
			return { json: { replied, streamId: stream.id, length: stream.content.length, finished: false } };
		},
	};
}
