/**
 * Answering the callback that started this run, from a node later in the workflow: build the reply XML,
 * encrypt and sign it when the message came encrypted, and only then claim the trigger's reply slot and hand
 * the reply to n8n as the HTTP answer, so that a bad reply never holds the slot. When the callback was already
 * answered (by the guard, or by an earlier reply), say why, so that the node sends the reply another way or
 * fails instead of claiming a reply that n8n would drop.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { buildReplyXml, encryptReply, type ReplyFields, type ReplyKind } from '../callback/reply';
import { decodeAesKey } from '../crypto/cipher';
import { FieldError } from '../execution/errors';
import { claimReplySlot, claimSharedSlot, replySlotState } from './replySlots';
import { readCallbackContext, type CallbackContext } from './context';
import { randomBytes } from 'node:crypto';

export interface ReplySecrets {
	token: string;
	encodingAesKey: string;
	receiveId: string;
}

/**
 * passive: this reply is the HTTP answer. unconfirmed: handed to n8n in time, but the trigger's slot lives in
 * another n8n process (queue mode) and could not be settled in the shared state, so only that process knows
 * whether the reply or its guard answered.
 * late: the callback was already answered; the reason says by what.
 */
export type PassiveOutcome = { sent: 'passive' } | { sent: 'unconfirmed' | 'late'; reason: string };

const LATE_REASONS = {
	immediate: 'the trigger answers "success" at once (its Reply option is "Answer Success Immediately")',
	guarded: 'the trigger\'s guard had already answered WeChat "success" (the workflow took longer than the reply guard)',
	replied: 'an earlier reply already answered this callback (WeChat takes one passive reply per message)',
} as const;

const UNCONFIRMED_REASON =
	'the trigger ran in another n8n process (queue mode) and its reply slot could not be settled through Redis: ' +
	'the reply was handed to n8n within the guard time, and ' +
	'WeChat got it unless that process\'s guard had already answered "success", which only that process knows';

/** The callback context of the item being answered, or an error telling the user how to wire the workflow. */
export function callbackOf(
	exec: IExecuteFunctions,
	itemIndex: number,
	triggerName: string,
): { json: IDataObject; context: CallbackContext } {
	const json = exec.getInputData()[itemIndex]?.json ?? {};
	const context = readCallbackContext(json);
	if (!context || typeof json.FromUserName !== 'string') {
		throw new FieldError(
			'Input item',
			`does not come from a ${triggerName}`,
			`Connect this node after a ${triggerName} (directly, or through nodes that keep its fields, including "callback").`,
		);
	}
	return { json, context };
}

/** The exact bytes WeChat will get, or the error that names what to fix: nothing here touches the slot. */
function prepareReply<K extends ReplyKind>(
	kind: K,
	fields: ReplyFields[K],
	json: IDataObject,
	context: CallbackContext,
	secrets: ReplySecrets,
): string {
	const xml = buildReplyXml(kind, fields, {
		platform: context.platform,
		toUser: String(json.FromUserName),
		fromUser: String(json.ToUserName ?? ''),
		createTime: Math.floor(Date.now() / 1000),
		incomingMsgType: typeof json.MsgType === 'string' ? json.MsgType : undefined,
	});
	if (context.mode === 'plain') return xml;
	if (!secrets.token || !secrets.encodingAesKey) {
		throw new FieldError(
			'Credential',
			'has no Token or EncodingAESKey',
			'The message came encrypted: use the same credential as the trigger, with its callback Token and EncodingAESKey.',
		);
	}
	return encryptReply(xml, {
		token: secrets.token,
		key: decodeAesKey(secrets.encodingAesKey),
		receiveId: secrets.receiveId,
		timestamp: Math.floor(Date.now() / 1000),
		nonce: randomBytes(8).toString('hex'),
	});
}

export async function sendPassiveReply<K extends ReplyKind>(
	exec: IExecuteFunctions,
	itemIndex: number,
	kind: K,
	fields: ReplyFields[K],
	secrets: ReplySecrets,
	triggerName: string,
): Promise<PassiveOutcome> {
	const { json, context } = callbackOf(exec, itemIndex, triggerName);
	if (!context.replyId) return { sent: 'late', reason: LATE_REASONS.immediate };
	const state = replySlotState(context.replyId);
	if (state === 'replied' || state === 'guarded') return { sent: 'late', reason: LATE_REASONS[state] };
	// Not a slot of this process: past its deadline the other process's guard has answered.
	if (state === undefined && !(context.replyBy && Date.now() < context.replyBy)) {
		return { sent: 'late', reason: LATE_REASONS.guarded };
	}
	// Synchronous from here to the claim, so the slot cannot change state in between.
	const body = prepareReply(kind, fields, json, context, secrets);
	const slot = claimReplySlot(context.replyId);
	const response = { body, headers: { 'content-type': 'application/xml; charset=utf-8' }, statusCode: 200 };
	if (!slot) {
		// The trigger's process shares its slot (queue mode): settle it there, once.
		const shared = await claimSharedSlot(context.replyId, body);
		if (shared === 'guarded' || shared === 'replied') return { sent: 'late', reason: LATE_REASONS[shared] };
		await exec.sendResponse(response);
		return shared === 'won' ? { sent: 'passive' } : { sent: 'unconfirmed', reason: UNCONFIRMED_REASON };
	}
	try {
		await exec.sendResponse(response);
	} catch (error) {
		slot.release();
		throw error;
	}
	slot.settle(body);
	return { sent: 'passive' };
}
