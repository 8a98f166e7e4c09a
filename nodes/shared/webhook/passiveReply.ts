/**
 * Answering the callback that started this run, from a node later in the workflow: claim the trigger's reply
 * slot, build the reply XML, encrypt and sign it when the message came encrypted, and hand it to n8n as the
 * HTTP answer. When the guard has already answered (the run was slower than WeChat's 5 s), say so, so that
 * the node sends the reply another way instead of losing it.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { buildReplyXml, encryptReply, type ReplyFields, type ReplyKind } from '../callback/reply';
import { decodeAesKey } from '../crypto/cipher';
import { FieldError } from '../execution/errors';
import { claimReplySlot } from './replySlots';
import { readCallbackContext, type CallbackContext } from './context';
import { randomBytes } from 'node:crypto';

export interface ReplySecrets {
	token: string;
	encodingAesKey: string;
	receiveId: string;
}

export type PassiveOutcome = { sent: 'passive'; xml: string } | { sent: 'late' };

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

export async function sendPassiveReply<K extends ReplyKind>(
	exec: IExecuteFunctions,
	itemIndex: number,
	kind: K,
	fields: ReplyFields[K],
	secrets: ReplySecrets,
	triggerName: string,
): Promise<PassiveOutcome> {
	const { json, context } = callbackOf(exec, itemIndex, triggerName);
	if (!context.replyId) return { sent: 'late' }; // the trigger answers "success" at once
	const slot = claimReplySlot(context.replyId);
	// No slot and still in time: the trigger ran in another n8n process (queue mode), whose guard still waits.
	if (!slot && !(context.replyBy && Date.now() < context.replyBy)) return { sent: 'late' };
	const plaintext = buildReplyXml(kind, fields, {
		platform: context.platform,
		toUser: String(json.FromUserName),
		fromUser: String(json.ToUserName ?? ''),
		createTime: Math.floor(Date.now() / 1000),
		incomingMsgType: typeof json.MsgType === 'string' ? json.MsgType : undefined,
	});
	let body = plaintext;
	if (context.mode !== 'plain') {
		if (!secrets.token || !secrets.encodingAesKey) {
			throw new FieldError(
				'Credential',
				'has no Token or EncodingAESKey',
				'The message came encrypted: use the same credential as the trigger, with its callback Token and EncodingAESKey.',
			);
		}
		body = encryptReply(plaintext, {
			token: secrets.token,
			key: decodeAesKey(secrets.encodingAesKey),
			receiveId: secrets.receiveId,
			timestamp: Math.floor(Date.now() / 1000),
			nonce: randomBytes(8).toString('hex'),
		});
	}
	await exec.sendResponse({ body, headers: { 'content-type': 'application/xml; charset=utf-8' }, statusCode: 200 });
	slot?.settle(body);
	return { sent: 'passive', xml: plaintext };
}
