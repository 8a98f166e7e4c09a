import { WSClient, type WsFrame } from '@wecom/aibot-node-sdk';
import { startEmulator, type Emulator } from '../../emulator';
import { wsUrlOf } from './aibot-socket-client';

/**
 * Cross-check of the emulator's long connection with Tencent's own client (@wecom/aibot-node-sdk): if the
 * emulator spoke anything but WeCom's protocol, the SDK would not subscribe, dispatch the pushes or resolve its
 * replies' acks. Each test asserts what the emulator recorded on its side of the wire.
 */
const BOT = { botId: 'aib_sdk_bot', secret: 'sdk-bot-secret' };
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function until<T>(register: (resolve: (value: T) => void) => void, what: string, timeoutMs = 5_000): Promise<T> {
	return new Promise((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
		register((value) => {
			clearTimeout(timer);
			resolve(value);
		});
	});
}

describe('emulator: AI bot long connection, cross-checked with @wecom/aibot-node-sdk', () => {
	let emulator: Emulator;
	const clients: WSClient[] = [];

	function client(options: Partial<ConstructorParameters<typeof WSClient>[0]> = {}): WSClient {
		const created = new WSClient({
			...BOT,
			wsUrl: wsUrlOf(emulator.url),
			logger: silent,
			reconnectInterval: 50,
			...options,
		});
		clients.push(created);
		return created;
	}

	async function connected(options: Partial<ConstructorParameters<typeof WSClient>[0]> = {}): Promise<WSClient> {
		const created = client(options);
		await until<void>((resolve) => created.once('authenticated', () => resolve()).connect(), 'authenticated');
		return created;
	}

	beforeAll(async () => {
		emulator = await startEmulator({ aiBots: [BOT] });
	});
	afterEach(() => {
		for (const created of clients.splice(0)) created.disconnect();
		emulator.aiBot.dropSocket();
		emulator.reset();
	});
	afterAll(() => emulator.close());

	it('subscribes, gets a pushed text message and streams the answer: the emulator records exactly those frames', async () => {
		const sdk = await connected();
		const acks = until<WsFrame[]>((resolve) => {
			sdk.on('message.text', (frame: WsFrame) => {
				void (async () => [
					await sdk.replyStream(frame, 'stream-1', '正在思考', false),
					await sdk.replyStream(frame, 'stream-1', '正在思考…n8n 是', false),
					await sdk.replyStream(frame, 'stream-1', 'n8n 是一个工作流工具', true),
				])().then(resolve);
			});
		}, 'acks');
		const conversation = await emulator.aiBot.converseOverSocket(BOT.botId, {
			msgtype: 'text',
			chattype: 'single',
			from: { userid: 'zhangsan' },
			text: { content: '什么是 n8n?' },
		});
		expect(conversation).toMatchObject({ finished: true, timedOut: false, content: 'n8n 是一个工作流工具' });
		expect((await acks).map((ack) => ack.errcode)).toEqual([0, 0, 0]);
		expect(conversation?.pushed).toMatchObject({
			aibotid: BOT.botId,
			msgtype: 'text',
			response_url: expect.stringContaining('/cgi-bin/aibot/response?response_code='),
		});
		const replies = emulator.aiBot.socketReplies({ botId: BOT.botId });
		expect(replies.map(({ cmd, reqId, body, errcode }) => ({ cmd, reqId, body, errcode }))).toEqual([
			{
				cmd: 'aibot_respond_msg',
				reqId: conversation?.reqId,
				errcode: 0,
				body: { msgtype: 'stream', stream: { id: 'stream-1', finish: false, content: '正在思考' } },
			},
			{
				cmd: 'aibot_respond_msg',
				reqId: conversation?.reqId,
				errcode: 0,
				body: { msgtype: 'stream', stream: { id: 'stream-1', finish: false, content: '正在思考…n8n 是' } },
			},
			{
				cmd: 'aibot_respond_msg',
				reqId: conversation?.reqId,
				errcode: 0,
				body: { msgtype: 'stream', stream: { id: 'stream-1', finish: true, content: 'n8n 是一个工作流工具' } },
			},
		]);
		expect(emulator.aiBot.socketConnections()).toEqual([
			expect.objectContaining({ botId: BOT.botId, subscribed: true, refusedSubscribes: 0, badFrames: 0 }),
		]);
	});

	it('answers enter_chat with a welcome on the event req_id; the SDK resolves the ack', async () => {
		const sdk = await connected();
		const acked = until<WsFrame>((resolve) => {
			sdk.on('event.enter_chat', (frame: WsFrame) => {
				void sdk.replyWelcome(frame, { msgtype: 'text', text: { content: '你好，我是 n8n 助手' } }).then(resolve);
			});
		}, 'welcome ack');
		const conversation = await emulator.aiBot.converseOverSocket(BOT.botId, {
			msgtype: 'event',
			chattype: 'single',
			from: { userid: 'lisi' },
			event: { eventtype: 'enter_chat' },
		});
		expect(await acked).toMatchObject({ headers: { req_id: conversation?.reqId }, errcode: 0 });
		expect(conversation?.pushed).not.toHaveProperty('response_url');
		expect(emulator.aiBot.socketReplies().map(({ cmd, body, errcode }) => ({ cmd, body, errcode }))).toEqual([
			{
				cmd: 'aibot_respond_welcome_msg',
				errcode: 0,
				body: { msgtype: 'text', text: { content: '你好，我是 n8n 助手' } },
			},
		]);
	});

	it("a reply the emulator refuses rejects in the SDK with WeCom's errcode (a stream on an enter_chat req_id: 846605)", async () => {
		const sdk = await connected();
		const refused = until<unknown>((resolve) => {
			sdk.on('event.enter_chat', (frame: WsFrame) => {
				sdk.replyStream(frame, 'wrong', 'not a welcome', true).then(() => resolve('accepted'), resolve);
			});
		}, 'refusal');
		emulator.aiBot.pushOverSocket(BOT.botId, {
			msgtype: 'event',
			from: { userid: 'lisi' },
			event: { eventtype: 'enter_chat' },
		});
		expect(await refused).toMatchObject({ errcode: 846605, errmsg: 'invalid req_id' });
	});

	it("image messages carry a URL and an aeskey that Tencent's downloadFile decrypts to the original bytes", async () => {
		const sdk = await connected();
		const bytes = Buffer.from('\x89PNG\r\n\x1a\n fake picture bytes for the cross-check', 'binary');
		const { url, aeskey } = emulator.aiBot.socketMedia(bytes, '图片.png');
		expect(aeskey).toMatch(/^[A-Za-z0-9+/]{43}$/);
		const downloaded = until<{ buffer: Buffer; filename?: string }>((resolve) => {
			sdk.on('message.image', (frame: WsFrame) => {
				const image = (frame.body as { image: { url: string; aeskey: string } }).image;
				void sdk.downloadFile(image.url, image.aeskey).then(resolve);
			});
		}, 'download');
		emulator.aiBot.pushOverSocket(BOT.botId, {
			msgtype: 'image',
			from: { userid: 'zhangsan' },
			image: { url, aeskey },
		});
		const file = await downloaded;
		expect(file.buffer.equals(bytes)).toBe(true);
		expect(file.filename).toBe('图片.png');
	});

	it("a wrong secret: the SDK reports WeCom's auth failure (853000) and the socket never subscribes", async () => {
		const sdk = client({ secret: 'not-the-secret', maxAuthFailureAttempts: 0 });
		const errors: Error[] = [];
		sdk.on('error', (error: Error) => errors.push(error));
		await until<void>(
			(resolve) => sdk.on('error', (error: Error) => error.name === 'WSAuthFailureError' && resolve()).connect(),
			'auth give-up',
		);
		expect(errors[0].message).toBe('Authentication failed: invalid bot_id or secret (code: 853000)');
		expect(await emulator.aiBot.waitForSocket(BOT.botId, 100)).toBe(false);
		expect(emulator.aiBot.socketConnections()).toEqual([
			expect.objectContaining({ subscribed: false, refusedSubscribes: 1 }),
		]);
		expect(emulator.aiBot.pushOverSocket(BOT.botId, { msgtype: 'text', text: { content: 'lost' } })).toBeUndefined();
	});

	it('a second connection displaces the first: disconnected_event to the old one, pushes go to the new one', async () => {
		const first = await connected();
		const displaced = until<WsFrame>((resolve) => first.on('event.disconnected_event', resolve), 'disconnected_event');
		const second = await connected();
		const event = await displaced;
		expect(event.body).toMatchObject({
			aibotid: BOT.botId,
			msgtype: 'event',
			event: { eventtype: 'disconnected_event' },
		});
		const [older, newer] = emulator.aiBot.socketConnections();
		expect(older.displacedAt).toEqual(expect.any(Number));
		expect(newer).toMatchObject({ subscribed: true });
		expect(newer.displacedAt).toBeUndefined();

		const gotByFirst = jest.fn();
		first.on('message.text', gotByFirst);
		const gotBySecond = until<WsFrame>(
			(resolve) => second.on('message.text', resolve),
			'message on the new connection',
		);
		const pushed = emulator.aiBot.pushOverSocket(BOT.botId, {
			msgtype: 'text',
			from: { userid: 'zhangsan' },
			text: { content: 'to the newest' },
		});
		expect(pushed?.connectionId).toBe(newer.id);
		expect((await gotBySecond).headers.req_id).toBe(pushed?.reqId);
		expect(gotByFirst).not.toHaveBeenCalled();
	});

	it('the server drops the socket: the SDK reconnects, subscribes again and messages flow', async () => {
		const sdk = await connected();
		const reconnected = until<void>((resolve) => sdk.once('authenticated', () => resolve()), 're-authenticated');
		expect(emulator.aiBot.dropSocket(BOT.botId)).toBe(1);
		await reconnected;
		const [dropped, current] = emulator.aiBot.socketConnections();
		expect(dropped).toMatchObject({ closeReason: 'dropped by the emulator' });
		expect(current).toMatchObject({ subscribed: true, botId: BOT.botId });
		expect(current.closedAt).toBeUndefined();
		const acked = until<WsFrame>(
			(resolve) =>
				sdk.on(
					'message.text',
					(frame: WsFrame) => void sdk.replyStream(frame, 'after-drop', 'back again', true).then(resolve),
				),
			'ack',
		);
		const conversation = await emulator.aiBot.converseOverSocket(BOT.botId, {
			msgtype: 'text',
			from: { userid: 'zhangsan' },
			text: { content: 'still there?' },
		});
		expect(conversation).toMatchObject({ connectionId: current.id, finished: true, content: 'back again' });
		expect((await acked).errcode).toBe(0);
	});

	it('heartbeats are answered: the SDK keeps the connection and the emulator counts the pings', async () => {
		const sdk = await connected({ heartbeatInterval: 50 });
		const disconnected = jest.fn();
		sdk.on('disconnected', disconnected);
		await new Promise((resolve) => setTimeout(resolve, 400));
		// The SDK terminates after two unanswered pings, so several pings and no disconnect prove the acks arrived.
		expect(emulator.aiBot.socketConnections()[0].pings).toBeGreaterThanOrEqual(3);
		expect(disconnected).not.toHaveBeenCalled();
		expect(sdk.isConnected).toBe(true);
	});
});
