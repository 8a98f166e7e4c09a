/**
 * The webhook() of the WeCom AI Bot Trigger (callback-URL mode). GET: URL verification with the empty receiveid.
 * POST: every check before anything starts (nodes/shared/aibot/inbound.ts), stream-refresh polls answered from
 * the stream's state without a run, WeCom's retries (same msgid) dropped with the first delivery's answer, the
 * Trigger On filter, then the answer and the run:
 *
 * - Reply "None": an empty answer at once (WeCom shows nothing).
 * - Reply "From a WeCom AI Bot Reply Node": a message is answered at once with an open stream (WeCom starts
 *   polling it; the reply node writes into it); enter_chat and template_card_event wait for the reply node's
 *   welcome or card update, guarded so that WeCom hears an empty answer in time; other events answer empty.
 */
import type { IBinaryKeyData, IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { verifyUrl } from '../callback/verifyUrl';
import { readTimestampWindow } from '../callback/query';
import { answer, whenRunEnds } from '../webhook/answer';
import { checkRetry } from '../webhook/dedupeStores';
import { passesFilter } from '../webhook/filters';
import { guardFor, NO_CREDENTIAL, refuseRequest } from '../webhook/handleCallback';
import { CALLBACK_KEY, DEFAULT_GUARD_MS } from '../webhook/context';
import { screenAnswers, type CallbackResponse } from '../webhook/answer';
import { openReplySlot, screenWrite } from '../webhook/replySlots';
import { randomBytes } from 'node:crypto';
import { AI_BOT_RECEIVE_ID, aiBotInbound } from './inbound';
import { contentOf, eventType, polledStreamId, type AiBotMessage } from './message';
import { fetchMedia } from './media';
import { decodeAesKey } from '../crypto/cipher';
import type { AiBotCallbackContext } from './context';
import { closeStream, openStream, pollStream } from './streams';
import { settleBy } from '../state/settleBy';
import { checkWithSecrets, type SecretsSource } from '../webhook/callbackSecrets';
import { isSealedReply, JSON_CONTENT_TYPE, sealReply, streamReply, type ReplySecrets } from './reply';

const LABEL = { label: 'WeCom AI Bot Trigger' };
const NO_RESPONSE: IWebhookResponseData = { noWebhookResponse: true };
/** WeCom's answer for "nothing to show": an empty 200. */
const EMPTY = '';
/** WeCom waits 5 s for a poll's answer, and the stream start is its first answer: both stay well inside that. */
const POLL_BUDGET_MS = 2_500;
const OPEN_BUDGET_MS = 1_000;
/** The check's secrets: Token, EncodingAESKey, and the Bot ID each message names. */
const AI_BOT_SECRETS: SecretsSource = { credentialType: 'weComAiBotApi', receiveIdField: 'botId' };

interface RawRequest {
	rawBody?: Buffer;
	query?: object;
}

/** Where media downloads go through, and the AES key of each URL (callback mode: the EncodingAESKey for all). */
export interface MediaKeys {
	keyFor: (url: string) => Buffer;
	proxyUrl: string;
}

/** What media downloads need of n8n: a webhook's or a trigger's context. */
type MediaHost = Pick<IWebhookFunctions, 'helpers' | 'logger'>;

/** Events the reply node answers passively (welcome, card update); WeCom shows nothing for an empty answer. */
const PASSIVE_EVENTS = new Set(['enter_chat', 'template_card_event']);

/** The item a run starts with: the message, its content, and the reply context; never a secret. */
export function itemOf(
	message: AiBotMessage,
	receivedAt: number,
	reply: Partial<AiBotCallbackContext> = {},
): IDataObject {
	const event = eventType(message);
	const chatId = message.chatId ?? message.userId;
	const { text, images, files } = contentOf(message);
	const json: IDataObject = {
		msgid: message.msgid,
		msgtype: message.msgtype,
		...(event ? { event } : {}),
		chatId,
		chatType: message.chatType,
		userId: message.userId,
		botId: message.botId,
		text,
		images,
		files,
	};
	if (message.createTime !== undefined) json.createTime = message.createTime;
	const eventBody = message.body.event as IDataObject | undefined;
	if (event && eventBody && typeof eventBody[event] === 'object') json.eventData = eventBody[event] as IDataObject;
	if (message.body.quote && typeof message.body.quote === 'object') json.quote = message.body.quote as IDataObject;
	const context: AiBotCallbackContext = {
		platform: 'aibot',
		receivedAt,
		msgid: message.msgid,
		chatId,
		chatType: message.chatType,
		userId: message.userId,
		...(event ? { event } : {}),
		...(message.responseUrl ? { responseUrl: message.responseUrl } : {}),
		...reply,
	};
	json[CALLBACK_KEY] = context as unknown as IDataObject;
	return json;
}

/** Media downloads for the item; a failure is reported in the item (the message itself is never dropped). */
export async function withMedia(
	exec: MediaHost,
	json: IDataObject,
	secrets: MediaKeys,
): Promise<{ json: IDataObject; binary?: IBinaryKeyData }> {
	const wanted = [
		...(json.images as string[]).map((url, index) => ({ key: `image${index}`, url })),
		...(json.files as string[]).map((url, index) => ({ key: `file${index}`, url })),
	];
	if (wanted.length === 0) return { json };
	const binary: IBinaryKeyData = {};
	const errors: string[] = [];
	for (const { key, url } of wanted) {
		try {
			const media = await fetchMedia(url, secrets.keyFor(url), secrets.proxyUrl);
			binary[key] = await exec.helpers.prepareBinaryData(media.data, media.fileName ?? key, media.mimeType);
		} catch (error) {
			errors.push(`${key}: ${(error as Error).message}`);
		}
	}
	if (errors.length > 0) {
		json.mediaErrors = errors;
		exec.logger.warn(`${LABEL.label} could not download media: ${errors.join('; ')}`);
	}
	return Object.keys(binary).length > 0 ? { json, binary } : { json };
}

export async function handleAiBotCallback(exec: IWebhookFunctions): Promise<IWebhookResponseData> {
	const res = exec.getResponseObject() as unknown as CallbackResponse;
	const req = exec.getRequestObject() as unknown as RawRequest;
	// Only what the check needs is read before the answer, and kept (see callbackSecrets.ts for why).
	const options = exec.getNodeParameter('options', {}) as IDataObject;
	const timestampWindowSeconds = readTimestampWindow(options.timestampWindowSeconds);

	if (exec.getWebhookName() === 'setup') {
		const verified = await checkWithSecrets(exec, AI_BOT_SECRETS, (kept) =>
			verifyUrl({
				platform: 'wecom',
				query: req.query ?? {},
				token: kept.token,
				encodingAesKey: kept.encodingAesKey ?? '',
				receiveId: AI_BOT_RECEIVE_ID,
				emptyReceiveId: true,
				timestampWindowSeconds,
			}),
		);
		if (!verified) return refuseRequest(exec, LABEL, res, NO_CREDENTIAL);
		if (!verified.ok) return refuseRequest(exec, LABEL, res, verified);
		answer(res, 200, verified.body);
		return NO_RESPONSE;
	}

	const accepted = await checkWithSecrets(exec, AI_BOT_SECRETS, (kept) =>
		Object.assign(
			aiBotInbound({
				query: req.query ?? {},
				rawBody: req.rawBody,
				token: kept.token,
				encodingAesKey: kept.encodingAesKey ?? '',
				botId: kept.receiveId,
				timestampWindowSeconds,
			}),
			{ kept },
		),
	);
	if (!accepted) return refuseRequest(exec, LABEL, res, NO_CREDENTIAL);
	if (!accepted.ok) return refuseRequest(exec, LABEL, res, accepted);
	const secrets: ReplySecrets = { token: accepted.kept.token, encodingAesKey: accepted.kept.encodingAesKey ?? '' };
	const { message } = accepted;

	// A poll only asks for a stream's state, from whichever process the trigger ran in (queue mode: Redis). An
	// unknown stream (long expired), or a state that does not answer in time, has nothing to show: WeCom polls again.
	const polled = polledStreamId(message);
	if (polled !== undefined) {
		const view = await settleBy(
			pollStream(polled).catch(() => undefined),
			Date.now() + POLL_BUDGET_MS,
			undefined,
		);
		if (!view) answer(res, 200, EMPTY);
		else answer(res, 200, sealReply(streamReply(polled, view), secrets), JSON_CONTENT_TYPE);
		return NO_RESPONSE;
	}

	const retry = await checkRetry(exec, `aibot:${message.msgid}`);
	if (!retry.first) {
		answer(res, 200, await retry.wait(4_000, EMPTY));
		return NO_RESPONSE;
	}
	const event = eventType(message);
	const filterView = { MsgType: message.msgtype, Event: event ?? '' };
	if (!passesFilter(filterView, exec.getNodeParameter('triggerOn', ['*']))) {
		retry.settle(EMPTY);
		answer(res, 200, EMPTY);
		return NO_RESPONSE;
	}

	const receivedAt = Date.now();
	const media = async (json: IDataObject) =>
		options.downloadMedia === true
			? await withMedia(exec, json, {
					keyFor: () => decodeAesKey(secrets.encodingAesKey),
					// Read after the answer: the proxy is not part of the check.
					proxyUrl: String((await exec.getCredentials('weComAiBotApi')).proxyUrl ?? '').trim(),
				})
			: { json };
	const byReplyNode = exec.getNodeParameter('reply', 'none') === 'replyNode';

	if (byReplyNode && event === undefined) {
		// The stream starts now, so that WeCom starts polling while the workflow works on the answer.
		const streamId = randomBytes(16).toString('hex');
		await settleBy(
			openStream(streamId, receivedAt).catch(() => undefined),
			receivedAt + OPEN_BUDGET_MS,
			undefined,
		);
		const body = sealReply(streamReply(streamId, { content: '', finish: false }), secrets);
		retry.settle(body);
		answer(res, 200, body, JSON_CONTENT_TYPE);
		// A run that ends without finishing the stream (a node failed, or none finished it) closes it, so that
		// WeCom does not poll an open answer for minutes. n8n tells the end because the answer is left to it.
		whenRunEnds(res, (failed) => {
			closeStream(streamId, failed).catch((error: Error) =>
				exec.logger.warn(`${LABEL.label} could not close the stream of a run that ended: ${error.message}`),
			);
		});
		return { workflowData: [[await media(itemOf(message, receivedAt, { streamId }))]] };
	}

	if (byReplyNode && event !== undefined && PASSIVE_EVENTS.has(event)) {
		const guardMs = guardFor(DEFAULT_GUARD_MS, req.query, receivedAt);
		const slot = openReplySlot(
			guardMs,
			retry.settle,
			() => {
				// Nobody replied in time, or the run ended without a reply: WeCom gets an empty answer.
				answer(res, 200, EMPTY);
				retry.settle(EMPTY);
			},
			// Queue mode: the reply node on a worker settles the slot through Redis; the guard answers with its reply.
			(body) => answer(res, 200, body, JSON_CONTENT_TYPE),
		);
		screenAnswers(res, (body) => screenWrite(slot.id, body, isSealedReply));
		return { workflowData: [[{ json: itemOf(message, receivedAt, { replyId: slot.id, replyBy: slot.deadline }) }]] };
	}

	retry.settle(EMPTY);
	answer(res, 200, EMPTY);
	return { noWebhookResponse: true, workflowData: [[await media(itemOf(message, receivedAt))]] };
}
