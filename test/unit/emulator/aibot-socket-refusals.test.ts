import { createHash } from 'node:crypto';
import { startEmulator, type Emulator } from '../../emulator';
import { openRawSocket, subscribedSocket, type RawSocket } from './aibot-socket-client';
import { http, postJson } from './helpers';

/** The long connection's refusals, frame by frame with a bare `ws` client, and its control routes over HTTP. */
const BOT = { botId: 'aib_raw_bot', secret: 'raw-bot-secret' };
const TEXT = { msgtype: 'text', chattype: 'single', from: { userid: 'zhangsan' }, text: { content: 'hi' } };
const stream = (id: string, content: string, finish = false): Record<string, unknown> => ({
	msgtype: 'stream',
	stream: { id, content, finish },
});
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

describe('emulator: AI bot long connection, refusals and control routes', () => {
	let emulator: Emulator;
	const sockets: RawSocket[] = [];

	async function subscribed(): Promise<RawSocket> {
		const socket = await subscribedSocket(emulator.url, BOT.botId, BOT.secret);
		sockets.push(socket);
		return socket;
	}

	/** Pushes over the socket and returns the req_id the frame arrived with. */
	async function pushed(socket: RawSocket, message: Record<string, unknown> = TEXT): Promise<string> {
		const push = emulator.aiBot.pushOverSocket(BOT.botId, message);
		const frame = await socket.next();
		expect(frame).toEqual({ cmd: push?.cmd, headers: { req_id: push?.reqId }, body: push?.body });
		return push?.reqId ?? '';
	}

	beforeAll(async () => {
		emulator = await startEmulator({ aiBots: [BOT] });
	});
	afterEach(() => {
		sockets.length = 0;
		// Ended on the server's side, so the reset (which keeps open connections) starts the next test with none.
		emulator.aiBot.dropSocket();
		emulator.reset();
	});
	afterAll(() => emulator.close());

	it('before subscribing: ping answers 0, anything else 846609; a bad subscribe is 853000 and the socket stays open', async () => {
		const socket = await openRawSocket(emulator.url);
		sockets.push(socket);
		expect(await socket.request('ping', 'ping_1')).toEqual({ headers: { req_id: 'ping_1' }, errcode: 0, errmsg: 'ok' });
		expect(await socket.request('aibot_respond_msg', 'r1', stream('s', 'x'))).toEqual({
			headers: { req_id: 'r1' },
			errcode: 846609,
			errmsg: 'aibot websocket not subscribed',
		});
		expect(await socket.request('aibot_subscribe', 'sub_1', { bot_id: BOT.botId, secret: 'wrong' })).toEqual({
			headers: { req_id: 'sub_1' },
			errcode: 853000,
			errmsg: 'invalid bot_id or secret',
		});
		expect(
			await socket.request('aibot_subscribe', 'sub_2', { bot_id: 'aib_unknown', secret: BOT.secret }),
		).toMatchObject({ errcode: 853000 });
		expect(await socket.request('ping', 'ping_2')).toMatchObject({ errcode: 0 });
		expect(await socket.request('aibot_subscribe', 'sub_3', { bot_id: BOT.botId, secret: BOT.secret })).toEqual({
			headers: { req_id: 'sub_3' },
			errcode: 0,
			errmsg: 'ok',
		});
		expect(emulator.aiBot.socketConnections()).toEqual([
			expect.objectContaining({ botId: BOT.botId, subscribed: true, refusedSubscribes: 2, pings: 2 }),
		]);
	});

	it('frames that are not {cmd, headers: {req_id}} JSON get no answer and are counted', async () => {
		const socket = await subscribed();
		socket.send('not json');
		socket.send({ cmd: 'ping' });
		socket.send({ headers: { req_id: 'x' } });
		expect(await socket.request('ping', 'after')).toMatchObject({ headers: { req_id: 'after' }, errcode: 0 });
		expect(emulator.aiBot.socketConnections()[0].badFrames).toBe(3);
	});

	it("req_ids: unknown, an event's for a stream, a message's for a welcome are 846605; each refusal is recorded with its reason", async () => {
		const socket = await subscribed();
		expect(await socket.request('aibot_respond_msg', 'never-pushed', stream('s1', 'x'))).toEqual({
			headers: { req_id: 'never-pushed' },
			errcode: 846605,
			errmsg: 'invalid req_id',
		});
		const enterChat = await pushed(socket, {
			msgtype: 'event',
			from: { userid: 'zhangsan' },
			event: { eventtype: 'enter_chat' },
		});
		expect(await socket.request('aibot_respond_msg', enterChat, stream('s2', 'x'))).toMatchObject({ errcode: 846605 });
		const message = await pushed(socket);
		expect(
			await socket.request('aibot_respond_welcome_msg', message, { msgtype: 'text', text: { content: 'hi' } }),
		).toMatchObject({ errcode: 846605 });
		const feedback = await pushed(socket, {
			msgtype: 'event',
			event: { eventtype: 'feedback_event', feedback_event: { id: 'f1', type: 1 } },
		});
		expect(
			await socket.request('aibot_respond_update_msg', feedback, {
				response_type: 'update_template_card',
				template_card: { card_type: 'text_notice' },
			}),
		).toMatchObject({ errcode: 846605 });
		expect(emulator.aiBot.socketReplies().map(({ reqId, errcode, reason }) => ({ reqId, errcode, reason }))).toEqual([
			{ reqId: 'never-pushed', errcode: 846605, reason: 'no message or event was pushed with this req_id' },
			{ reqId: enterChat, errcode: 846605, reason: 'aibot_respond_msg does not answer a push of kind enter_chat' },
			{ reqId: message, errcode: 846605, reason: 'aibot_respond_welcome_msg does not answer a push of kind message' },
			{ reqId: feedback, errcode: 846605, reason: 'aibot_respond_update_msg does not answer a push of kind event' },
		]);
	});

	it('a welcome and a card update are accepted within 5 s of their event and refused after', async () => {
		const socket = await subscribed();
		const welcome = { msgtype: 'text', text: { content: '欢迎' } };
		const onTime = await pushed(socket, { msgtype: 'event', event: { eventtype: 'enter_chat' } });
		expect(await socket.request('aibot_respond_welcome_msg', onTime, welcome)).toMatchObject({ errcode: 0 });
		const late = await pushed(socket, { msgtype: 'event', event: { eventtype: 'enter_chat' } });
		emulator.advanceTime(6);
		expect(await socket.request('aibot_respond_welcome_msg', late, welcome)).toMatchObject({
			errcode: 846605,
			errmsg: 'invalid req_id',
		});
		const click = {
			msgtype: 'event',
			event: {
				eventtype: 'template_card_event',
				template_card_event: { card_type: 'button_interaction', event_key: 'yes', task_id: 't1' },
			},
		};
		const clickReqId = await pushed(socket, click);
		const update = {
			response_type: 'update_template_card',
			template_card: { card_type: 'button_interaction', task_id: 't1' },
		};
		expect(await socket.request('aibot_respond_update_msg', clickReqId, update)).toMatchObject({ errcode: 0 });
		const lateClick = await pushed(socket, click);
		emulator.advanceTime(6);
		expect(await socket.request('aibot_respond_update_msg', lateClick, update)).toMatchObject({ errcode: 846605 });
	});

	it('a stream lives six minutes from its last update: kept alive by updates, 846608 after six idle minutes', async () => {
		const socket = await subscribed();
		const reqId = await pushed(socket);
		expect(await socket.request('aibot_respond_msg', reqId, stream('s', 'a'))).toMatchObject({ errcode: 0 });
		emulator.advanceTime(5 * 60);
		expect(await socket.request('aibot_respond_msg', reqId, stream('s', 'ab'))).toMatchObject({ errcode: 0 });
		emulator.advanceTime(5 * 60);
		expect(await socket.request('aibot_respond_msg', reqId, stream('s', 'abc'))).toMatchObject({ errcode: 0 });
		emulator.advanceTime(6 * 60 + 1);
		expect(await socket.request('aibot_respond_msg', reqId, stream('s', 'abcd', true))).toEqual({
			headers: { req_id: reqId },
			errcode: 846608,
			errmsg: 'stream message update expired',
		});
		// A second stream on the same req_id, as WeCom allows, inside the window.
		const other = await pushed(socket);
		expect(await socket.request('aibot_respond_msg', other, stream('first', 'one', true))).toMatchObject({
			errcode: 0,
		});
		expect(await socket.request('aibot_respond_msg', other, stream('second', 'two', true))).toMatchObject({
			errcode: 0,
		});
	});

	it('a req_id belongs to its connection: after a reconnect the old one is 846605', async () => {
		const first = await subscribed();
		const reqId = await pushed(first);
		first.ws.terminate();
		await first.closed;
		const second = await subscribed();
		expect(await second.request('aibot_respond_msg', reqId, stream('s', 'late'))).toMatchObject({
			errcode: 846605,
			errmsg: 'invalid req_id',
		});
	});

	it('bodies: stream id, content size, msg_item rules and md5, card_type, active message chatid (40058 with the field)', async () => {
		const socket = await subscribed();
		const reqId = await pushed(socket);
		const refusal = async (body: Record<string, unknown>, cmd = 'aibot_respond_msg'): Promise<unknown> =>
			(await socket.request(cmd, cmd === 'aibot_send_msg' ? 'send_1' : reqId, body)).errmsg;
		expect(await refusal({ msgtype: 'stream', stream: { content: 'x' } })).toBe(
			'invalid parameter: stream.id is required',
		);
		expect(await refusal(stream('s', 'é'.repeat(10_241)))).toBe(
			'invalid parameter: stream.content exceeds 20480 bytes',
		);
		const image = {
			msgtype: 'image',
			image: { base64: PNG.toString('base64'), md5: createHash('md5').update(PNG).digest('hex') },
		};
		const pictures = (items: unknown[], finish = true): Record<string, unknown> => ({
			msgtype: 'stream',
			stream: { id: 's', content: 'with pictures', finish, msg_item: items },
		});
		expect(await refusal(pictures([image], false))).toBe(
			'invalid parameter: stream.msg_item is only allowed with finish: true',
		);
		expect(await refusal(pictures([{ ...image, image: { ...image.image, md5: '0'.repeat(32) } }]))).toBe(
			'invalid parameter: stream.msg_item[0].image.md5 does not match its bytes',
		);
		expect(await refusal(pictures([{ msgtype: 'image', image: { base64: 'aGVsbG8=', md5: 'x' } }]))).toBe(
			'invalid parameter: stream.msg_item[0].image is neither JPG nor PNG',
		);
		expect(await refusal({ msgtype: 'template_card', template_card: {} })).toBe(
			'invalid parameter: template_card.card_type missing',
		);
		expect(await refusal({ msgtype: 'markdown', markdown: { content: 'x' } })).toBe(
			'invalid parameter: invalid msgtype',
		);
		expect(await refusal({ msgtype: 'markdown', markdown: { content: 'x' } }, 'aibot_send_msg')).toBe(
			'invalid parameter: chatid is required',
		);
		expect(await refusal(pictures([image]))).toBe('ok');
		// A real photo: a 3 MB image in one frame (base64, 4 MB) is a frame WeCom takes.
		const photo = Buffer.concat([PNG, Buffer.alloc(3 * 1024 * 1024, 7)]);
		const big = {
			msgtype: 'image',
			image: { base64: photo.toString('base64'), md5: createHash('md5').update(photo).digest('hex') },
		};
		expect(await refusal(pictures([big]))).toBe('ok');
		expect(
			await refusal({ chatid: 'zhangsan', msgtype: 'markdown', markdown: { content: '**later**' } }, 'aibot_send_msg'),
		).toBe('ok');
		expect(
			await refusal({
				msgtype: 'stream_with_template_card',
				stream: { id: 's2', content: 'x', finish: true },
				template_card: { card_type: 'text_notice' },
			}),
		).toBe('ok');
	});

	it('media upload cmds are an emulator gap: answered without errcode; an unknown cmd is 40058', async () => {
		const socket = await subscribed();
		expect(await socket.request('aibot_upload_media_init', 'up_1', { type: 'file' })).toEqual({
			headers: { req_id: 'up_1' },
			error: 'the emulator does not serve aibot_upload_media_init',
		});
		expect(await socket.request('aibot_fly', 'f_1', {})).toMatchObject({
			errcode: 40058,
			errmsg: 'invalid parameter: unknown cmd aibot_fly',
		});
	});

	it('a displaced connection gets disconnected_event, then the server closes it; its own req_ids still take replies until then', async () => {
		const older = await subscribed();
		const reqId = await pushed(older);
		const newer = await subscribed();
		const event = await older.next();
		expect(event).toMatchObject({
			cmd: 'aibot_event_callback',
			body: { aibotid: BOT.botId, msgtype: 'event', event: { eventtype: 'disconnected_event' } },
		});
		expect(
			await older.request('aibot_respond_msg', reqId, stream('s', 'finishing on the old socket', true)),
		).toMatchObject({ errcode: 0 });
		expect(await older.closed).toBe(1006);
		expect(emulator.aiBot.socketConnections()[0]).toMatchObject({
			closeReason: 'displaced by a newer connection',
			displacedAt: expect.any(Number),
		});
		expect(await pushed(newer)).toEqual(expect.any(String));
	});

	it('unknown upgrade paths are 404; the long connection is on the root path', async () => {
		await expect(openRawSocket(emulator.url, '/somewhere')).rejects.toThrow('Unexpected server response: 404');
	});

	it('control routes: push and converse answer 409 without a connection; with one they push, and converse collects until finish', async () => {
		expect((await postJson(emulator, '/__emulator/aibot/ws/push', { botId: BOT.botId, message: TEXT })).status).toBe(
			409,
		);
		expect(
			(await postJson(emulator, '/__emulator/aibot/ws/converse', { botId: BOT.botId, message: TEXT })).json,
		).toEqual({ error: `bot ${BOT.botId} has no subscribed long connection` });
		expect((await postJson(emulator, '/__emulator/aibot/ws/push', { botId: BOT.botId })).json).toEqual({
			error: 'message must be an object with a msgtype',
		});
		expect(
			(await postJson(emulator, '/__emulator/aibot/ws/wait', { botId: BOT.botId, timeoutMs: 50 })).json,
		).toMatchObject({ subscribed: false });
		const socket = await subscribed();
		expect((await postJson(emulator, '/__emulator/aibot/ws/wait', { botId: BOT.botId })).json).toMatchObject({
			subscribed: true,
		});

		const { url, aeskey } = (
			await postJson(emulator, '/__emulator/aibot/ws/media', { base64: PNG.toString('base64'), fileName: 'a.png' })
		).json as { url: string; aeskey: string };
		expect((await http('GET', url)).bytes.length).toBe(32);
		const conversing = postJson(emulator, '/__emulator/aibot/ws/converse', {
			botId: BOT.botId,
			message: { ...TEXT, msgtype: 'image', image: { url, aeskey } },
			timeoutMs: 3000,
		});
		const frame = await socket.next();
		const reqId = (frame.headers as { req_id: string }).req_id;
		expect(frame).toMatchObject({ cmd: 'aibot_msg_callback', body: { msgtype: 'image', image: { url, aeskey } } });
		expect(await socket.request('aibot_respond_msg', reqId, stream('s', 'part'))).toMatchObject({ errcode: 0 });
		expect(await socket.request('aibot_respond_msg', reqId, stream('s', 'part and whole', true))).toMatchObject({
			errcode: 0,
		});
		const conversation = (await conversing).json;
		expect(conversation).toMatchObject({
			reqId,
			finished: true,
			timedOut: false,
			content: 'part and whole',
			firstReplyMs: expect.any(Number),
			completedMs: expect.any(Number),
		});
		expect(conversation.replies).toHaveLength(2);
		expect((await http('GET', `${emulator.url}/__emulator/aibot/ws/replies?reqId=${reqId}`)).json).toHaveLength(2);

		expect((await postJson(emulator, '/__emulator/aibot/ws/drop', { botId: BOT.botId, mode: 'close' })).json).toEqual({
			dropped: 1,
		});
		expect(await socket.closed).toBe(1001);
		const connections = (await http('GET', `${emulator.url}/__emulator/aibot/ws/connections`))
			.json as unknown as Record<string, unknown>[];
		expect(connections[0]).toMatchObject({ botId: BOT.botId, closeReason: 'dropped by the emulator' });
		expect((await postJson(emulator, '/__emulator/aibot/ws/bots', { botId: 'aib_second', secret: 's2' })).status).toBe(
			200,
		);
		sockets.push(await subscribedSocket(emulator.url, 'aib_second', 's2'));
	});

	it('converse times out when no complete answer comes, with what did come', async () => {
		const socket = await subscribed();
		const conversing = emulator.aiBot.converseOverSocket(BOT.botId, TEXT, { timeoutMs: 200 });
		const reqId = ((await socket.next()).headers as { req_id: string }).req_id;
		await socket.request('aibot_respond_msg', reqId, stream('s', 'thinking'));
		expect(await conversing).toMatchObject({
			finished: false,
			timedOut: true,
			content: 'thinking',
			replies: [expect.objectContaining({ errcode: 0 })],
		});
	});
});
