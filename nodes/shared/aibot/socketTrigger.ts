/**
 * The trigger() of the WeCom AI Bot Long Connection Trigger (长连接): no public URL, the trigger opens one
 * WebSocket to WeCom for the bot when the workflow is activated (or while the editor listens for a test event)
 * and closes it when it is deactivated. Each push goes through the callback mode's checks and shapes (message.ts,
 * itemOf, the Trigger On filter), re-deliveries of a msgid are dropped, and the item's callback context carries
 * the push's req_id for the replies, never a secret.
 *
 * With Reply "From a WeCom AI Bot Reply Node" a message gets its stream at once (an empty first frame, so that
 * WeCom shows the answer coming), which the reply node fills, and which is finished when the run ends without
 * Finish; events are answered by the reply node's frames.
 */
import { randomBytes } from 'node:crypto';
import type { IDataObject, INode, IRun, ITriggerFunctions, ITriggerResponse } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';
import { settleBy } from '../state/settleBy';
import { passesFilter } from '../webhook/filters';
import type { AiBotCallbackContext } from './context';
import { checkShape, eventType, mediaKeysOf, polledStreamId } from './message';
import { streamReply } from './reply';
import { AiBotConnection, AiBotSocketError } from './socket/connection';
import { CMD, type Frame } from './socket/frames';
import { socketRelay } from './socket/chosenRelay';
import { holdConnection, holderOf, releaseConnection } from './socket/registry';
import { sendOverSocket } from './socketReply';
import { closeStream, findStream, openStream } from './streams';
import { pushStream } from './socketStream';
import { itemOf, withMedia } from './webhook';

const LABEL = 'WeCom AI Bot Long Connection Trigger';
export const DEFAULT_WS_URL = 'wss://openws.work.weixin.qq.com';
/** msgids remembered per connection, to drop WeCom's re-deliveries after a reconnect. */
const REMEMBERED_MSGIDS = 5_000;
/** How long a manual run's socket may stay open after n8n asked to close it (WeCom's window for a stream's answer). */
const MANUAL_CLOSE_WAIT_MS = 6 * 60_000;

/** The credential's long-connection fields. */
export interface SocketSettings {
	botId: string;
	secret: string;
	url: string;
	proxyUrl: string;
}

export function socketSettings(credentials: Record<string, unknown>): SocketSettings {
	const field = (name: string) => String(credentials[name] ?? '').trim();
	return {
		botId: field('botId'),
		secret: field('secret'),
		url: field('wsUrl') || DEFAULT_WS_URL,
		proxyUrl: field('proxyUrl'),
	};
}

/** Why the connection could not start, with the errcode when WeCom refused it; never the Secret. */
export function startError(node: INode, error: unknown): NodeOperationError {
	if (error instanceof AiBotSocketError && error.kind === 'auth') {
		return new NodeOperationError(node, error.message, {
			description:
				'Check the Bot ID and the Bot Secret in the credential against 智能机器人 → your bot → API模式 → 长连接 (the Secret changes when it is reset there).',
		});
	}
	return new NodeOperationError(node, `The long connection could not be opened: ${(error as Error).message}`, {
		description: "Check the credential's WebSocket URL and Proxy URL, and that this n8n can reach it.",
	});
}

function remember(seen: Set<string>, msgid: string): boolean {
	if (seen.has(msgid)) return false;
	seen.add(msgid);
	if (seen.size > REMEMBERED_MSGIDS) seen.delete(seen.values().next().value as string);
	return true;
}

/** Where receive() leaves what a run's end still does over the socket (a manual run's close waits for it). */
type AfterRun = (work: Promise<unknown>) => void;

async function receive(
	fns: ITriggerFunctions,
	settings: SocketSettings,
	seen: Set<string>,
	frame: Frame,
	afterRun?: AfterRun,
): Promise<void> {
	const checked = checkShape(frame.body ?? {});
	if (!checked.ok) {
		fns.logger.warn(`${LABEL} ignored a long-connection push: ${checked.reason}`);
		return;
	}
	const { message } = checked;
	if (message.botId && message.botId !== settings.botId) {
		fns.logger.warn(`${LABEL} ignored a push for another bot (${message.botId})`);
		return;
	}
	if (polledStreamId(message) !== undefined || !remember(seen, message.msgid)) return;
	const event = eventType(message);
	if (!passesFilter({ MsgType: message.msgtype, Event: event ?? '' }, fns.getNodeParameter('triggerOn', ['*']))) return;

	const receivedAt = Date.now();
	const reply: Partial<AiBotCallbackContext> = { kind: 'socket', reqId: frame.reqId, botId: settings.botId };
	if (fns.getNodeParameter('reply', 'none') === 'replyNode' && event === undefined) {
		reply.streamId = randomBytes(16).toString('hex');
		await openStream(reply.streamId, receivedAt);
		const opened = streamReply(reply.streamId, { content: '', finish: false });
		// The run starts either way: a refused first frame shows again, with its errcode, on the reply node's write.
		sendOverSocket(reply as AiBotCallbackContext, CMD.respond, opened).catch((error: Error) =>
			fns.logger.warn(`${LABEL} could not open the stream of message ${message.msgid}: ${error.message}`),
		);
	}
	let item: { json: IDataObject; binary?: IDataObject } = { json: itemOf(message, receivedAt, reply) };
	const options = fns.getNodeParameter('options', {}) as IDataObject;
	if (options.downloadMedia === true) {
		const keys = mediaKeysOf(message);
		item = await withMedia(fns, item.json, {
			keyFor: (url) => {
				const aeskey = keys.get(url);
				if (!aeskey) throw new Error('WeCom gave no aeskey for this URL');
				return Buffer.from(aeskey, 'base64');
			},
			proxyUrl: settings.proxyUrl,
		});
	}
	if (!reply.streamId) {
		if (!afterRun) return fns.emit([[item as never]]);
		const ended = fns.helpers.createDeferredPromise<IRun>();
		fns.emit([[item as never]], undefined, ended);
		return afterRun(ended.promise);
	}
	// A run that ends without Finish (a node failed, no branch finished) closes its stream, as in callback mode:
	// WeCom shows what was written (and the failure notice) instead of an answer that never ends.
	const done = fns.helpers.createDeferredPromise<IRun>();
	fns.emit([[item as never]], undefined, done);
	const context = reply as AiBotCallbackContext;
	const streamId = reply.streamId;
	const streamClosed = done.promise
		.then(async (run) => {
			if (!(await closeStream(streamId, run.status === 'error' || !!run.data.resultData.error))) return;
			const closed = await findStream(streamId);
			if (closed) await pushStream(context, closed, () => undefined);
		})
		.catch((error: Error) =>
			fns.logger.warn(`${LABEL} could not close the stream of message ${message.msgid}: ${error.message}`),
		);
	afterRun?.(streamClosed);
}

export async function startSocketTrigger(fns: ITriggerFunctions): Promise<ITriggerResponse> {
	const node = fns.getNode();
	const settings = socketSettings((await fns.getCredentials('weComAiBotApi')) as IDataObject);
	if (!settings.botId) {
		throw new NodeOperationError(node, 'The credential has no Bot ID', {
			description: "Copy it from the bot's page in the WeCom admin console (智能机器人 → your bot).",
		});
	}
	if (!settings.secret) {
		throw new NodeOperationError(node, 'The credential has no Bot Secret, which the long connection subscribes with', {
			description:
				"Copy the Secret from 智能机器人 → your bot → API模式 → 长连接 into the credential's Bot Secret (or use the callback-URL WeCom AI Bot Trigger).",
		});
	}
	const holder = holderOf(settings.botId);
	if (holder) {
		throw new NodeOperationError(node, `Bot ${settings.botId} already has a long connection in this n8n (${holder})`, {
			description:
				'WeCom keeps one long connection per bot, so a second one would throw the first out: deactivate the other workflow (or stop its test run), or use another bot.',
		});
	}
	const seen = new Set<string>();
	// A manual run (the editor's Execute workflow, listening): n8n asks to close as soon as the trigger emitted,
	// while the run's reply nodes still answer over this socket.
	const manual = fns.getMode() === 'manual';
	const runs = new Set<Promise<unknown>>();
	let closing = false;
	const afterRun: AfterRun | undefined = manual
		? (work) => {
				const tracked = work.catch(() => undefined).finally(() => runs.delete(tracked));
				runs.add(tracked);
			}
		: undefined;
	const handle = (frame: Frame): void => {
		// A manual run takes one message; what comes after n8n asked to close belongs to no run.
		if (closing) return;
		receive(fns, settings, seen, frame, afterRun).catch((error: Error) =>
			fns.logger.warn(`${LABEL} could not start a run for a long-connection push: ${error.message}`),
		);
	};
	// n8n gives a manual run its emit only once trigger() has returned (before that emit throws), and WeCom can push
	// right after the subscribe (re-deliveries): pushes until then wait for it.
	let held: Frame[] | undefined = [];
	const connection: AiBotConnection = new AiBotConnection({
		...settings,
		log: { info: (text) => fns.logger.info(text), warn: (text) => fns.logger.warn(text) },
		onPush: (frame) => (held ? held.push(frame) : handle(frame)),
		onFatal: (error) => {
			releaseConnection(connection);
			socketRelay()
				.unserve(connection)
				.catch(() => undefined);
			fns.emitError(startError(node, error));
		},
	});
	holdConnection(connection, `workflow ${fns.getWorkflow().id}, node "${node.name}"`);
	try {
		await connection.start();
		// Queue mode: workers' reply nodes reach the connection through Redis (a no-op in regular mode).
		await socketRelay().serve(connection);
	} catch (error) {
		releaseConnection(connection);
		await socketRelay()
			.unserve(connection)
			.catch(() => undefined);
		await connection.close();
		throw startError(node, error);
	}
	setImmediate(() => {
		const early = held ?? [];
		held = undefined;
		for (const frame of early) handle(frame);
	});
	let closed: Promise<void> | undefined;
	const shutDown = () =>
		(closed ??= (async () => {
			releaseConnection(connection);
			await socketRelay()
				.unserve(connection)
				.catch(() => undefined);
			await connection.close();
		})());
	return {
		closeFunction: async () => {
			closing = true;
			if (runs.size === 0) return await shutDown();
			// n8n awaits this before the run's end hooks, which the after-run work waits on: so the socket is closed
			// once that work is done, without holding the run.
			void settleBy(Promise.allSettled([...runs]), Date.now() + MANUAL_CLOSE_WAIT_MS, []).then(shutDown);
		},
	};
}
