/**
 * The passive answer to enter_chat (welcome) or template_card_event (card update): the reply JSON sealed, then
 * the trigger's reply slot claimed and the answer handed to n8n, so that a bad reply never holds the slot. When
 * the slot is no longer open, WeCom already got its (empty) answer, and there is no other way to send either.
 * In queue mode the slot lives in the webhook process that received the event and the reply node runs on a worker:
 * the reply settles the slot through Redis (the guard there then answers with it, if n8n's relay does not first).
 */
import type { IExecuteFunctions } from 'n8n-workflow';
import { FieldError } from '../execution/errors';
import { claimReplySlot, claimSharedSlot, releaseReplySlot, replySlotState } from '../webhook/replySlots';
import type { AiBotCallbackContext } from './context';
import type { JsonObject } from './json';
import { JSON_CONTENT_TYPE, sealReply, type ReplySecrets } from './reply';

export async function answerPassively(
	exec: IExecuteFunctions,
	context: AiBotCallbackContext,
	reply: JsonObject,
	secrets: ReplySecrets,
	what: string,
): Promise<'passive' | 'passiveUnconfirmed'> {
	const replyId = context.replyId;
	if (!replyId) {
		throw new FieldError(
			'Input item',
			`cannot get ${what}: the trigger did not wait for one`,
			'Set the WeCom AI Bot Trigger\'s Reply to "From a WeCom AI Bot Reply Node".',
		);
	}
	const state = replySlotState(replyId);
	// Not a slot of this process (queue mode): the trigger's process holds it until its deadline.
	const elsewhere = state === undefined && context.replyBy !== undefined && Date.now() < context.replyBy;
	if (state !== 'open' && !elsewhere) throw late(what, state === 'replied');
	let body: string;
	try {
		body = sealReply(reply, secrets);
	} catch (error) {
		releaseReplySlot(replyId);
		throw error;
	}
	const response = { body, headers: { 'content-type': JSON_CONTENT_TYPE }, statusCode: 200 };
	if (elsewhere) {
		const shared = await claimSharedSlot(replyId, body);
		if (shared === 'guarded' || shared === 'replied') throw late(what, shared === 'replied');
		await exec.sendResponse(response);
		// unknown: Redis did not answer; the reply went to n8n in time, and only the trigger's process knows the rest.
		return shared === 'won' ? 'passive' : 'passiveUnconfirmed';
	}
	const slot = claimReplySlot(replyId);
	if (!slot)
		throw new FieldError('Reply', `${what} not sent: the event was answered meanwhile`, 'Reply once per event.');
	try {
		await exec.sendResponse(response);
	} catch (error) {
		slot.release();
		throw error;
	}
	slot.settle(body);
	return 'passive';
}

function late(what: string, replied: boolean): FieldError {
	return new FieldError(
		'Reply',
		`${what} not sent: ${replied ? 'an earlier reply already answered this event' : "WeCom's time for it ran out and it got an empty answer"}`,
		'Answer within 4 s of the event: keep the nodes between the trigger and this one fast, and reply once per event.',
	);
}
