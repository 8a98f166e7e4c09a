/**
 * The long connection in n8n's queue mode, on a real redis-server: the connection lives in the main process (where
 * triggers run), the reply node on a worker. "Main" is a RedisRelay of its own serving a real connection to the
 * emulator's WebSocket server; "worker" is this process's relay as the reply node finds it (it holds no
 * connection), so every frame below crossed Redis. Also: the real trigger serving what a worker relays, no holder
 * (at once) and a silent holder (bounded), and nothing readable about the bot in Redis.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { useEmulator } from '../useEmulator';
import { useQueueMode } from '../../../helpers/queueMode';
import { startTrigger, type ActiveTrigger } from '../../../helpers/trigger';
import { replyWith } from '../triggers/replyRun';
import { WeComAiBotLongConnectionTrigger } from '../../../../nodes/WeComAiBotLongConnectionTrigger/WeComAiBotLongConnectionTrigger.node';
import { WeComAiBotReply } from '../../../../nodes/WeComAiBotReply/WeComAiBotReply.node';
import { streamReply } from '../../../../nodes/shared/aibot/reply';
import { socketRelay } from '../../../../nodes/shared/aibot/socket/chosenRelay';
import { AiBotConnection, AiBotSocketError } from '../../../../nodes/shared/aibot/socket/connection';
import { CMD } from '../../../../nodes/shared/aibot/socket/frames';
import { RedisRelay } from '../../../../nodes/shared/aibot/socket/redisRelay';
import { openStream } from '../../../../nodes/shared/aibot/streams';
import { hashedKey } from '../../../../nodes/shared/state/redisState';
import { timings } from '../../../../nodes/shared/testSeam';

const BOT = { botId: 'aib_queue_socket_bot', secret: 'queue-socket-secret-0123456789abcdefghijk' };
const PREFIX = 'bull:n8n-nodes-wecom-oa';
const queue = useQueueMode();
const emulator = useEmulator({ aiBots: [BOT] });
const wsUrl = () => emulator().url.replace(/^http/, 'ws');
const credential = () => ({
	botId: BOT.botId,
	token: '',
	encodingAesKey: '',
	secret: BOT.secret,
	wsUrl: wsUrl(),
	proxyUrl: '',
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** n8n's main process: holds the bot's connection and serves what workers relay for it. */
async function mainHolding(): Promise<RedisRelay> {
	const connection = new AiBotConnection({
		url: wsUrl(),
		botId: BOT.botId,
		secret: BOT.secret,
		log: { info: () => undefined, warn: () => undefined },
	});
	await connection.start();
	const relay = new RedisRelay(queue().client(), queue().client(), PREFIX);
	await relay.serve(connection);
	cleanups.push(async () => {
		await relay.close();
		await connection.close();
	});
	return relay;
}

function push(message: IDataObject) {
	const pushed = emulator().aiBot.pushOverSocket(BOT.botId, message);
	if (!pushed) throw new Error('the bot has no subscribed connection');
	return pushed;
}

const question = (content: string) => ({
	msgtype: 'text',
	chattype: 'single',
	from: { userid: 'zhangsan' },
	text: { content },
});
let counter = 0;

/** What the trigger gives the worker for a pushed message, its stream opened by main as the trigger does. */
async function streamedMessage(main: RedisRelay): Promise<{ item: INodeExecutionData; reqId: string }> {
	const pushed = push(question('hello'));
	const streamId = `queue-socket-stream-${++counter}`;
	await openStream(streamId, Date.now());
	await main.request(BOT.botId, CMD.respond, pushed.reqId, streamReply(streamId, { content: '', finish: false }));
	const callback = {
		platform: 'aibot',
		kind: 'socket',
		reqId: pushed.reqId,
		botId: BOT.botId,
		streamId,
		receivedAt: Date.now(),
		msgid: String(pushed.body.msgid),
		chatId: '',
		chatType: 'single',
		userId: 'zhangsan',
	};
	return { item: { json: { text: 'hello', callback } }, reqId: pushed.reqId };
}

async function reply(item: INodeExecutionData, parameters: IDataObject) {
	return await replyWith(new WeComAiBotReply(), { weComAiBotApi: credential() }, [item], parameters as never);
}

const streamed = (reqId: string) =>
	emulator()
		.aiBot.socketReplies({ reqId })
		.map((frame) => [frame.errcode, frame.body?.stream]);

beforeEach(() => {
	timings.aiBotStreamThrottleMs = 0;
});

it('the worker holds no connection and relays through Redis', () => {
	expect(socketRelay().kind).toBe('redis');
});

it("a worker's Append and Finish reach WeCom over main's socket, in order, each acknowledged", async () => {
	const main = await mainHolding();
	const { item, reqId } = await streamedMessage(main);
	const appended = await reply(item, { resource: 'stream', operation: 'append', content: 'Hello' });
	expect(appended.result.items[0].json).toMatchObject({ replied: 'socket', finished: false });
	const finished = await reply(item, { resource: 'stream', operation: 'finish', content: ', world' });
	expect(finished.result.items[0].json).toMatchObject({ replied: 'socket', finished: true });
	const streamId = (item.json.callback as IDataObject).streamId;
	expect(streamed(reqId)).toEqual([
		[0, { id: streamId, finish: false, content: '' }],
		[0, { id: streamId, finish: false, content: 'Hello' }],
		[0, { id: streamId, finish: true, content: 'Hello, world' }],
	]);
	expect(
		new Set(
			emulator()
				.aiBot.socketReplies({ reqId })
				.map((frame) => frame.connectionId),
		).size,
	).toBe(1);
});

it("throttles a worker's stream as in one process: one trailing update, Finish with the final state", async () => {
	timings.aiBotStreamThrottleMs = 10_000;
	const main = await mainHolding();
	const { item, reqId } = await streamedMessage(main);
	for (const part of ['a', 'b', 'c']) await reply(item, { resource: 'stream', operation: 'append', content: part });
	await reply(item, { resource: 'stream', operation: 'finish', content: '' });
	expect(streamed(reqId).map(([, stream]) => (stream as IDataObject).content)).toEqual(['', 'a', 'abc']);
});

it("relays WeCom's refusal back to the worker with its errcode and hint", async () => {
	const main = await mainHolding();
	const { item } = await streamedMessage(main);
	const wrong = { json: { ...item.json, callback: { ...(item.json.callback as IDataObject), reqId: 'not-a-push' } } };
	const failure = reply(wrong, { resource: 'stream', operation: 'append', content: 'x' });
	await expect(failure).rejects.toThrow(/846605/);
	await expect(failure).rejects.toBeInstanceOf(NodeApiError);
	expect(emulator().aiBot.socketReplies({ reqId: 'not-a-push' })).toMatchObject([{ errcode: 846605 }]);
});

it('with no process holding the connection, fails at once with a NodeApiError that says what to activate', async () => {
	const main = await mainHolding();
	const { item } = await streamedMessage(main);
	await main.close();
	const started = Date.now();
	const failure = reply(item, { resource: 'stream', operation: 'append', content: 'x' });
	await expect(failure).rejects.toBeInstanceOf(NodeApiError);
	await expect(failure).rejects.toThrow(/No n8n process holds bot aib_queue_socket_bot's long connection/);
	await expect(failure).rejects.toMatchObject({ description: expect.stringMatching(/Activate the workflow/) });
	expect(Date.now() - started).toBeLessThan(1_000);
});

it('a holder that never answers fails the reply within the bound, and it is not sent again', async () => {
	timings.aiBotAckTimeoutMs = 100;
	const main = await mainHolding();
	const { item, reqId } = await streamedMessage(main);
	await main.close();
	const silent = queue().client();
	await silent.subscribe(hashedKey(PREFIX, `aibot-relay|${BOT.botId}`));
	cleanups.push(async () => void silent.disconnect());
	const heard: string[] = [];
	silent.on('message', (_channel: string, text: string) => heard.push(text));
	const started = Date.now();
	await expect(reply(item, { resource: 'stream', operation: 'append', content: 'x' })).rejects.toThrow(
		/No n8n process holding bot .* answered within 2\.2 s/,
	);
	expect(Date.now() - started).toBeLessThan(4_000);
	expect(heard).toHaveLength(1);
	expect(JSON.parse(heard[0])).toMatchObject({ cmd: CMD.respond, reqId });
	expect(heard[0]).not.toContain(BOT.secret);
});

describe('the real trigger in main', () => {
	let trigger: ActiveTrigger;
	beforeEach(async () => {
		trigger = await startTrigger({
			node: new WeComAiBotLongConnectionTrigger(),
			credentials: { weComAiBotApi: credential() as never },
			parameters: { reply: 'replyNode' },
		});
		cleanups.push(async () => await trigger.close());
	});

	it('serves frames a worker relays, until it is deactivated; Redis shows no bot id', async () => {
		const worker = new RedisRelay(queue().client(), queue().client(), PREFIX);
		cleanups.push(async () => await worker.close());
		const enter = push({ msgtype: 'event', from: { userid: 'zhangsan' }, event: { eventtype: 'enter_chat' } });
		await trigger.waitForItems(1);
		const welcome = { msgtype: 'text', text: { content: '你好！' } };
		await worker.request(BOT.botId, CMD.welcome, enter.reqId, welcome);
		expect(emulator().aiBot.socketReplies({ reqId: enter.reqId })).toMatchObject([
			{ cmd: CMD.welcome, errcode: 0, body: welcome },
		]);

		const channels = (await queue().client().pubsub('CHANNELS', '*')) as string[];
		expect(channels).toContain(hashedKey(PREFIX, `aibot-relay|${BOT.botId}`));
		expect(channels.join('\n')).not.toContain(BOT.botId);

		await trigger.close();
		const refused = worker.request(BOT.botId, CMD.welcome, enter.reqId, welcome);
		await expect(refused).rejects.toThrow(/No n8n process holds bot/);
		await expect(refused).rejects.not.toBeInstanceOf(AiBotSocketError);
		await sleep(50);
		expect(emulator().aiBot.socketReplies({ reqId: enter.reqId })).toHaveLength(1);
	});
});

it("fails with a NodeApiError naming n8n's Redis when the worker cannot reach it", async () => {
	await mainHolding();
	const enter = push({ msgtype: 'event', from: { userid: 'zhangsan' }, event: { eventtype: 'enter_chat' } });
	const callback = { platform: 'aibot', kind: 'socket', reqId: enter.reqId, botId: BOT.botId, event: 'enter_chat' };
	await queue().redis.close(); // the last test in this file: nothing after it needs Redis
	const failure = reply(
		{
			json: {
				callback: {
					...callback,
					receivedAt: Date.now(),
					msgid: '',
					chatId: '',
					chatType: 'single',
					userId: 'zhangsan',
				},
			},
		},
		{ resource: 'message', operation: 'welcome', welcomeType: 'text', text: '你好！' },
	);
	await expect(failure).rejects.toBeInstanceOf(NodeApiError);
	await expect(failure).rejects.toThrow(/could not be handed to the process holding bot .*: n8n's Redis answered/);
	expect(emulator().aiBot.socketReplies({ reqId: enter.reqId })).toEqual([]);
});
