/** The stream an item's reply writes into: the one the trigger opened for its message, in this n8n process. */
import { FieldError } from '../execution/errors';
import type { Operation } from '../execution/router';
import { scoped } from '../descriptions/scope';
import { aiBotCallbackOf, type AiBotRun } from './replyContext';
import { checkContent, markdownProperty } from './content';
import type { AiBotCallbackContext } from './context';
import { findStream, type StreamState } from './streams';

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

/** The open stream, or an error that says why it cannot be written any more. */
export function openStreamOf(context: AiBotCallbackContext): StreamState {
	const stream = findStream(streamIdOf(context));
	if (!stream) {
		throw new FieldError(
			'Input item',
			'names a stream this n8n process does not hold (it expired, or the trigger ran in another process)',
			'Reply in the same execution as the trigger; use Reply Later for answers after the stream is gone.',
		);
	}
	if (stream.finished || stream.handedOver) {
		throw new FieldError('Operation', 'the stream is already finished', 'Finish a stream once, as its last write.');
	}
	return stream;
}

/** Append or replace: the next poll shows the new content. */
export function writeStream(stream: StreamState, text: string, mode: 'append' | 'replace', field: string): void {
	stream.content = checkContent(mode === 'append' ? stream.content + text : text, field);
}

/** The Append and Replace operations: the same write, told apart by what happens to the earlier content. */
export function streamWriteOperation(mode: 'append' | 'replace', contentDescription: string): Operation<AiBotRun> {
	return {
		description: scoped({ resource: ['stream'], operation: [mode] }, [
			markdownProperty('content', 'Content', contentDescription),
		]),
		async execute(_run, itemIndex) {
			const stream = openStreamOf(aiBotCallbackOf(this, itemIndex));
			writeStream(stream, String(this.getNodeParameter('content', itemIndex, '')), mode, 'Content');
			return { json: { replied: 'stream', streamId: stream.id, length: stream.content.length, finished: false } };
		},
	};
}
