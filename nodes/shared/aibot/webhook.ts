/**
 * The webhook() of the WeCom AI Bot Trigger (callback-URL mode). GET: URL verification with the empty receiveid.
 * POST: every check before anything starts (nodes/shared/aibot/inbound.ts), stream-refresh polls answered without
 * a run, WeCom's retries (same msgid) dropped with the first delivery's answer, the Trigger On filter, then an
 * empty answer at once (WeCom shows nothing) and the run.
 */
import type { IBinaryKeyData, IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { verifyUrl } from '../callback/verifyUrl';
import { readTimestampWindow } from '../callback/query';
import { answer } from '../webhook/answer';
import { checkRetry } from '../webhook/dedupeStores';
import { passesFilter } from '../webhook/filters';
import { refuseRequest } from '../webhook/handleCallback';
import { CALLBACK_KEY } from '../webhook/context';
import type { CallbackResponse } from '../webhook/answer';
import { AI_BOT_RECEIVE_ID, aiBotInbound } from './inbound';
import { contentOf, eventType, polledStreamId, type AiBotMessage } from './message';
import { fetchMedia } from './media';
import type { AiBotCallbackContext } from './context';

const LABEL = { label: 'WeCom AI Bot Trigger' };
const NO_RESPONSE: IWebhookResponseData = { noWebhookResponse: true };
/** WeCom's answer for "nothing to show": an empty 200. */
const EMPTY = '';

interface RawRequest {
	rawBody?: Buffer;
	query?: object;
}

interface Secrets {
	encodingAesKey: string;
	proxyUrl: string;
}

/** The item a run starts with: the message, its content, and the reply context; never a secret. */
export function itemOf(message: AiBotMessage, receivedAt: number): IDataObject {
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
		...(message.responseUrl ? { responseUrl: message.responseUrl } : {}),
	};
	json[CALLBACK_KEY] = context as unknown as IDataObject;
	return json;
}

/** Media downloads for the item; a failure is reported in the item (the message itself is never dropped). */
async function withMedia(
	exec: IWebhookFunctions,
	json: IDataObject,
	secrets: Secrets,
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
			const media = await fetchMedia(url, secrets.encodingAesKey, secrets.proxyUrl);
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
	let credentials: IDataObject;
	try {
		credentials = (await exec.getCredentials('weComAiBotApi')) as IDataObject;
	} catch {
		return refuseRequest(exec, LABEL, res, {
			ok: false,
			status: 500,
			code: 'notConfigured',
			reason: 'the trigger has no credential',
		});
	}
	const token = String(credentials.token ?? '').trim();
	const encodingAesKey = String(credentials.encodingAesKey ?? '').trim();
	const options = exec.getNodeParameter('options', {}) as IDataObject;
	const timestampWindowSeconds = readTimestampWindow(options.timestampWindowSeconds);

	if (exec.getWebhookName() === 'setup') {
		const verified = verifyUrl({
			platform: 'wecom',
			query: req.query ?? {},
			token,
			encodingAesKey,
			receiveId: AI_BOT_RECEIVE_ID,
			emptyReceiveId: true,
			timestampWindowSeconds,
		});
		if (!verified.ok) return refuseRequest(exec, LABEL, res, verified);
		answer(res, 200, verified.body);
		return NO_RESPONSE;
	}

	const accepted = aiBotInbound({
		query: req.query ?? {},
		rawBody: req.rawBody,
		token,
		encodingAesKey,
		botId: String(credentials.botId ?? ''),
		timestampWindowSeconds,
	});
	if (!accepted.ok) return refuseRequest(exec, LABEL, res, accepted);
	const { message } = accepted;

	// A poll only asks for a stream's state; no stream is open without a reply node, so there is nothing to show.
	if (polledStreamId(message) !== undefined) {
		answer(res, 200, EMPTY);
		return NO_RESPONSE;
	}

	const retry = await checkRetry(exec, `aibot:${message.msgid}`);
	if (!retry.first) {
		answer(res, 200, await retry.wait(4_000, EMPTY));
		return NO_RESPONSE;
	}
	const filterView = { MsgType: message.msgtype, Event: eventType(message) ?? '' };
	retry.settle(EMPTY);
	answer(res, 200, EMPTY);
	if (!passesFilter(filterView, exec.getNodeParameter('triggerOn', ['*']))) return NO_RESPONSE;

	const json = itemOf(message, Date.now());
	const item =
		options.downloadMedia === true
			? await withMedia(exec, json, { encodingAesKey, proxyUrl: String(credentials.proxyUrl ?? '').trim() })
			: { json };
	return { noWebhookResponse: true, workflowData: [[item]] };
}
