/**
 * The passive answer to enter_chat (welcome) or template_card_event (card update): the reply JSON sealed, then
 * the trigger's reply slot claimed and the answer handed to n8n, so that a bad reply never holds the slot. When
 * the slot is no longer open, WeCom already got its (empty) answer, and there is no other way to send either.
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { FieldError } from '../execution/errors';
import { claimReplySlot, releaseReplySlot, replySlotState } from '../webhook/replySlots';
import type { AiBotCallbackContext } from './context';
import type { JsonObject } from './json';
import { JSON_CONTENT_TYPE, sealReply, type ReplySecrets } from './reply';

export async function answerPassively(
	exec: IExecuteFunctions,
	context: AiBotCallbackContext,
	reply: JsonObject,
	secrets: ReplySecrets,
	what: string,
): Promise<void> {
	const replyId = context.replyId;
	if (!replyId) {
		throw new FieldError(
			'Input item',
			`cannot get ${what}: the trigger did not wait for one`,
			'Set the WeCom AI Bot Trigger\'s Reply to "From a WeCom AI Bot Reply Node".',
		);
	}
	const state = replySlotState(replyId);
	if (state !== 'open') {
		throw new FieldError(
			'Reply',
			`${what} not sent: ${state === 'replied' ? 'an earlier reply already answered this event' : "WeCom's time for it ran out and it got an empty answer"}`,
			'Answer within 4 s of the event: keep the nodes between the trigger and this one fast, and reply once per event.',
		);
	}
	let body: string;
	try {
		body = sealReply(reply, secrets);
	} catch (error) {
		releaseReplySlot(replyId);
		throw error;
	}
	const slot = claimReplySlot(replyId);
	if (!slot)
		throw new FieldError('Reply', `${what} not sent: the event was answered meanwhile`, 'Reply once per event.');
	try {
		await exec.sendResponse({ body, headers: { 'content-type': JSON_CONTENT_TYPE }, statusCode: 200 });
	} catch (error) {
		slot.release();
		throw error;
	}
	slot.settle(body);
}
