/**
 * What the WeCom Customer Service Trigger does with an accepted kf_msg_or_event (WeCom already has its
 * "success"): pull the account's new messages with the event's Token, keep those the Emit filter wants, and
 * make one item per message, its media downloaded when asked.
 */
import type { IDataObject, INodeExecutionData, IWebhookFunctions } from 'n8n-workflow';
import { weComClientFromCredentials } from '../shared/wecom/connection';
import { pullNew, type KfCursorEntry, type KfCursorStore, type KfPulled } from '../shared/wecom/kfSync';
import { callDownload, type JsonObject, type TokenClient } from '../shared/transport/client';
import { DEFAULT_MAX_RESPONSE_BYTES } from '../shared/transport/http';

/** sync_msg's origin: 3 a WeChat customer, 4 a system event, 5 a servicer in the WeCom client. */
const ORIGIN_CUSTOMER = 3;
const ORIGIN_SERVICER = 5;
const MEDIA_TYPES = new Set(['image', 'voice', 'video', 'file']);
/** Where static data keeps each account's cursor and recent msgids. */
const STORE_KEY = 'kfCursors';
/** A first pull (no cursor yet) reads the 3 days WeCom keeps; by default only what the event is about is emitted. */
const FIRST_PULL_WINDOW_SECONDS = 10 * 60;

/** The Emit filter's value for one message: 'customer', 'servicer', or the event's event_type. */
export function emitKind(message: JsonObject): string {
	if (message.msgtype === 'event') {
		const event = message.event as { event_type?: unknown } | undefined;
		return `event:${String(event?.event_type ?? '')}`;
	}
	const origin = Number(message.origin);
	if (origin === ORIGIN_CUSTOMER) return 'customer';
	if (origin === ORIGIN_SERVICER) return 'servicer';
	return 'other';
}

function mediaIdOf(message: JsonObject): string | undefined {
	if (typeof message.msgtype !== 'string' || !MEDIA_TYPES.has(message.msgtype)) return undefined;
	const payload = message[message.msgtype] as { media_id?: unknown } | undefined;
	return typeof payload?.media_id === 'string' && payload.media_id !== '' ? payload.media_id : undefined;
}

async function withMedia(
	exec: IWebhookFunctions,
	client: TokenClient,
	message: JsonObject,
	options: IDataObject,
): Promise<INodeExecutionData> {
	const json = message as IDataObject;
	const mediaId = mediaIdOf(message);
	if (!mediaId || options.downloadMedia !== true) return { json };
	const megabytes = Number(options.maxDownloadSizeMb ?? DEFAULT_MAX_RESPONSE_BYTES / 1024 / 1024);
	try {
		const file = await callDownload(client, {
			method: 'GET',
			path: '/cgi-bin/media/get',
			query: { media_id: mediaId },
			kind: 'read',
			maxBytes: Math.round(megabytes * 1024 * 1024),
		});
		const property = String(options.binaryPropertyName ?? 'data').trim() || 'data';
		const binary = await exec.helpers.prepareBinaryData(file.data, file.fileName ?? mediaId, file.contentType);
		return { json, binary: { [property]: binary } };
	} catch (error) {
		// The message still runs: the media stays downloadable with WeCom Send → Download Media for 3 days.
		return { json: { ...json, mediaError: error instanceof Error ? error.message : String(error) } };
	}
}

export async function collectKfMessages(exec: IWebhookFunctions, event: IDataObject): Promise<INodeExecutionData[]> {
	if (event.Event !== 'kf_msg_or_event') return [];
	const openKfid = String(event.OpenKfId ?? '');
	const token = String(event.Token ?? '');
	if (!openKfid || !token) return [];
	const options = exec.getNodeParameter('options', {}) as IDataObject;
	const emit = new Set(exec.getNodeParameter('emit', ['customer']) as string[]);
	const staticData = exec.getWorkflowStaticData('node');
	const store = (staticData[STORE_KEY] ?? {}) as KfCursorStore;
	let client: TokenClient;
	let pulled: KfPulled;
	try {
		client = weComClientFromCredentials(
			(await exec.getCredentials('weComApi')) as IDataObject,
			exec.getWorkflowStaticData('global'),
		);
		pulled = await pullNew(client, {
			laneKey: `${exec.getWorkflow().id ?? ''}\0${exec.getNode().id ?? exec.getNode().name}\0${openKfid}`,
			openKfid,
			token,
			saved: store[openKfid],
			save: (entry: KfCursorEntry) => {
				// A fresh object: n8n notices a changed top-level key and saves static data after the request.
				staticData[STORE_KEY] = { ...(staticData[STORE_KEY] as KfCursorStore | undefined), [openKfid]: entry };
			},
		});
	} catch (error) {
		// WeCom already has its answer and will not send this event again; the cursor did not move, so the next
		// event reads these messages again. Nothing secret is in the message (the token is redacted).
		exec.logger.error(
			`WeCom Customer Service Trigger could not read messages of ${openKfid}: ${error instanceof Error ? error.message : String(error)}`,
		);
		return [];
	}
	// Counted from the event's own time, the clock the messages' send_time shares.
	const eventTime = Number(event.CreateTime);
	const since = (Number.isFinite(eventTime) ? eventTime : Math.floor(Date.now() / 1000)) - FIRST_PULL_WINDOW_SECONDS;
	const wanted = pulled.messages.filter(
		(message) =>
			emit.has(emitKind(message)) &&
			(!pulled.firstPull || options.emitBacklog === true || Number(message.send_time) >= since),
	);
	const items: INodeExecutionData[] = [];
	// One download at a time: a burst of media messages must not open dozens of downloads at once.
	for (const message of wanted) items.push(await withMedia(exec, client, message, options));
	return items;
}
