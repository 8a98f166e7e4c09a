/**
 * The WeCom AI Bot Long Connection Trigger and the WeCom AI Bot Reply over that connection, against the
 * emulator's WebSocket server (WeCom's side, cross-checked with Tencent's SDK in its own tests): the frames on
 * the wire, items and their callback context (no secret anywhere), streamed answers, welcome, card update and
 * active replies under the push's req_id, errcodes reported with hints, heartbeat, reconnect after a drop,
 * displacement, refused Secret, one connection per bot per process, a clean close, and the credential test.
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { useEmulator } from '../useEmulator';
import { startTrigger, type ActiveTrigger } from '../../../helpers/trigger';
import { replyWith } from '../triggers/replyRun';
import { WeComAiBotLongConnectionTrigger } from '../../../../nodes/WeComAiBotLongConnectionTrigger/WeComAiBotLongConnectionTrigger.node';
import { WeComAiBotReply } from '../../../../nodes/WeComAiBotReply/WeComAiBotReply.node';
import { aiBotCredentialTest } from '../../../../nodes/shared/aibot/credentialTest';
import { AiBotConnection } from '../../../../nodes/shared/aibot/socket/connection';
import { FAILED_NOTICE, openStream } from '../../../../nodes/shared/aibot/streams';
import { timings } from '../../../../nodes/shared/testSeam';

const BOT = { botId: 'aib_socket_bot', secret: 'socket-secret-0123456789abcdefghijklmnopq' };
const emulator = useEmulator({ aiBots: [BOT] });
const active: ActiveTrigger[] = [];

function credential(overrides: IDataObject = {}) {
	return {
		botId: BOT.botId,
		token: '',
		encodingAesKey: '',
		secret: BOT.secret,
		wsUrl: emulator().url.replace(/^http/, 'ws'),
		proxyUrl: '',
		...overrides,
	};
}

async function activate(
	parameters: IDataObject = {},
	overrides: IDataObject = {},
	mode: 'trigger' | 'manual' = 'trigger',
): Promise<ActiveTrigger> {
	const trigger = await startTrigger({
		node: new WeComAiBotLongConnectionTrigger(),
		credentials: { weComAiBotApi: credential(overrides) as never },
		parameters,
		mode,
	});
	active.push(trigger);
	return trigger;
}

function push(message: IDataObject) {
	const pushed = emulator().aiBot.pushOverSocket(BOT.botId, message);
	if (!pushed) throw new Error('the bot has no subscribed connection');
	return pushed;
}

const text = (content: string, extra: IDataObject = {}) => ({
	msgtype: 'text',
	chattype: 'single',
	from: { userid: 'zhangsan' },
	text: { content },
	...extra,
});

async function reply(item: INodeExecutionData, parameters: IDataObject) {
	return await replyWith(new WeComAiBotReply(), { weComAiBotApi: credential() }, [item], parameters as never);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Whether this test's first connection is closed on the emulator's side within a second (the close frame's trip). */
async function closedSoon(): Promise<boolean> {
	for (const started = Date.now(); Date.now() - started < 1_000; await sleep(20))
		if (connections()[0]?.closedAt !== undefined) return true;
	return false;
}

let testStart = 0;
/** This test's connections (one closing from the test before may still be on the emulator's list). */
const connections = () =>
	emulator()
		.aiBot.socketConnections()
		.filter((connection) => connection.openedAt >= testStart);

beforeEach(() => {
	testStart = Date.now();
	timings.aiBotStreamThrottleMs = 0;
	timings.aiBotHeartbeatMs = 30_000;
});

afterEach(async () => {
	for (const trigger of active.splice(0)) await trigger.close();
});

describe('WeCom AI Bot Long Connection Trigger', () => {
	it('subscribes with the Bot ID and Secret, and turns a pushed message into an item with the push req_id and no secret', async () => {
		const trigger = await activate();
		const [connection] = connections();
		expect(connection).toMatchObject({ botId: BOT.botId, subscribed: true, refusedSubscribes: 0 });

		const pushed = push(text('hello'));
		const [item] = await trigger.waitForItems(1);
		expect(item.json).toMatchObject({
			msgid: pushed.body.msgid,
			text: 'hello',
			userId: 'zhangsan',
			chatType: 'single',
		});
		expect(item.json.callback).toMatchObject({
			platform: 'aibot',
			kind: 'socket',
			reqId: pushed.reqId,
			botId: BOT.botId,
		});
		expect(JSON.stringify(item)).not.toContain(BOT.secret);
		expect(trigger.warnings.join('\n')).not.toContain(BOT.secret);
	});

	it('drops a re-delivered msgid, applies Trigger On, and strips the group @-mention', async () => {
		const trigger = await activate({ triggerOn: ['message:text'] });
		const first = push(text('@bot 你好', { chattype: 'group', chatid: 'wrkSFfCgAA' }));
		push(text('again', { msgid: String(first.body.msgid) }));
		push({ msgtype: 'event', from: { userid: 'zhangsan' }, event: { eventtype: 'enter_chat' } });
		push(text('second'));
		await trigger.waitForItems(2);
		await sleep(200);
		expect(trigger.items.map((item) => item.json.text)).toEqual(['你好', 'second']);
		expect(trigger.items[0].json).toMatchObject({ chatId: 'wrkSFfCgAA', chatType: 'group' });
	});

	it('downloads and decrypts media with the aeskey WeCom puts next to each URL', async () => {
		const trigger = await activate({ options: { downloadMedia: true } });
		const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(100, 7)]);
		const media = emulator().aiBot.socketMedia(png, 'photo.png');
		push({ msgtype: 'image', chattype: 'single', from: { userid: 'zhangsan' }, image: media });
		const [item] = await trigger.waitForItems(1);
		expect(item.json.mediaErrors).toBeUndefined();
		expect(Buffer.from(String(item.binary?.image0.data), 'base64').equals(png)).toBe(true);
		expect(JSON.stringify(item.json)).not.toContain(media.aeskey);
	});

	it('streams the answer: the trigger opens the stream under the req_id, Append and Finish push its states', async () => {
		const trigger = await activate({ reply: 'replyNode' });
		const pushed = push(text('question'));
		const [item] = await trigger.waitForItems(1);
		const streamId = (item.json.callback as IDataObject).streamId;

		const appended = await reply(item, { resource: 'stream', operation: 'append', content: 'Hello' });
		expect(appended.result.items[0].json).toMatchObject({ replied: 'socket', streamId });
		const finished = await reply(item, { resource: 'stream', operation: 'finish', content: ', world' });
		expect(finished.result.items[0].json).toMatchObject({ replied: 'socket', finished: true });

		const frames = emulator().aiBot.socketReplies({ reqId: pushed.reqId });
		expect(frames.map((frame) => [frame.cmd, frame.errcode])).toEqual([
			['aibot_respond_msg', 0],
			['aibot_respond_msg', 0],
			['aibot_respond_msg', 0],
		]);
		expect(frames.map((frame) => frame.body?.stream)).toEqual([
			{ id: streamId, finish: false, content: '' },
			{ id: streamId, finish: false, content: 'Hello' },
			{ id: streamId, finish: true, content: 'Hello, world' },
		]);
	});

	it('throttles stream updates: a burst of appends sends one trailing update, and Finish the final state', async () => {
		timings.aiBotStreamThrottleMs = 10_000;
		const trigger = await activate({ reply: 'replyNode' });
		const pushed = push(text('question'));
		const [item] = await trigger.waitForItems(1);
		for (const part of ['a', 'b', 'c']) await reply(item, { resource: 'stream', operation: 'append', content: part });
		await reply(item, { resource: 'stream', operation: 'finish', content: '' });
		const contents = emulator()
			.aiBot.socketReplies({ reqId: pushed.reqId })
			.map((frame) => (frame.body?.stream as IDataObject).content);
		// The opening frame, then the first append at once; b and c waited for the trailing push, which Finish replaced.
		expect(contents).toEqual(['', 'a', 'abc']);
	});

	it('finishes the stream when the run ends without Finish: what was written, then the failure notice', async () => {
		const trigger = await activate({ reply: 'replyNode' });
		const pushed = push(text('question'));
		const [item] = await trigger.waitForItems(1);
		await reply(item, { resource: 'stream', operation: 'append', content: 'Partial' });
		trigger.done[0].resolve({ status: 'error', data: { resultData: { error: new Error('boom') } } } as never);
		await sleep(200);
		const frames = emulator().aiBot.socketReplies({ reqId: pushed.reqId });
		expect(frames.map((frame) => frame.body?.stream)).toMatchObject([
			{ finish: false, content: '' },
			{ finish: false, content: 'Partial' },
			{ finish: true, content: `Partial\n\n${FAILED_NOTICE}` },
		]);
	});

	it('leaves a finished stream alone when the run ends', async () => {
		const trigger = await activate({ reply: 'replyNode' });
		const pushed = push(text('question'));
		const [item] = await trigger.waitForItems(1);
		await reply(item, { resource: 'stream', operation: 'finish', content: 'Done' });
		trigger.done[0].resolve({ status: 'success', data: { resultData: {} } } as never);
		await sleep(200);
		expect(emulator().aiBot.socketReplies({ reqId: pushed.reqId })).toHaveLength(2);
	});

	describe('a manual run (Execute workflow, listening): n8n asks to close right after the trigger emitted', () => {
		it("keeps the socket until the run ended: the run's Finish goes out, then the socket closes", async () => {
			const trigger = await activate({ reply: 'replyNode' }, {}, 'manual');
			const pushed = push(text('question'));
			const [item] = await trigger.waitForItems(1);
			// What n8n's WorkflowExecute does once the trigger node's output is in; it awaits the close before the
			// run's end hooks, so the close must not wait for them.
			await trigger.close();
			const finished = await reply(item, { resource: 'stream', operation: 'finish', content: 'Answer' });
			expect(finished.result.items[0].json).toMatchObject({ replied: 'socket', finished: true });
			expect(connections()[0].closedAt).toBeUndefined();
			trigger.done[0].resolve({ status: 'success', data: { resultData: {} } } as never);
			expect(
				emulator()
					.aiBot.socketReplies({ reqId: pushed.reqId })
					.map((frame) => [frame.errcode, frame.body?.stream]),
			).toEqual([
				[0, expect.objectContaining({ finish: false, content: '' })],
				[0, expect.objectContaining({ finish: true, content: 'Answer' })],
			]);
			expect(await closedSoon()).toBe(true);
		});

		it('keeps it for an event too (the welcome goes out during the run)', async () => {
			const trigger = await activate({ reply: 'replyNode' }, {}, 'manual');
			const enter = push({ msgtype: 'event', from: { userid: 'zhangsan' }, event: { eventtype: 'enter_chat' } });
			const [item] = await trigger.waitForItems(1);
			await trigger.close();
			await reply(item, { resource: 'message', operation: 'welcome', welcomeType: 'text', text: '你好！' });
			trigger.done[0].resolve({ status: 'success', data: { resultData: {} } } as never);
			expect(
				emulator()
					.aiBot.socketReplies({ reqId: enter.reqId })
					.map((frame) => frame.errcode),
			).toEqual([0]);
			expect(await closedSoon()).toBe(true);
		});

		it('a message pushed right after the subscribe (before n8n put in its emit) still starts the run', async () => {
			const pushedEarly = emulator()
				.aiBot.waitForSocket(BOT.botId, 5_000)
				.then(() => push(text('waiting since before the subscribe')));
			const trigger = await activate({}, {}, 'manual');
			await pushedEarly;
			const [item] = await trigger.waitForItems(1);
			expect(item.json.text).toBe('waiting since before the subscribe');
			expect(trigger.warnings).toEqual([]);
		});

		it('closes at once when nothing was emitted (listening stopped)', async () => {
			const trigger = await activate({ reply: 'replyNode' }, {}, 'manual');
			await trigger.close();
			expect(await closedSoon()).toBe(true);
		});
	});

	it('answers enter_chat with a welcome frame and a card click with an update frame, under their req_ids', async () => {
		const trigger = await activate({ reply: 'replyNode' });
		const enter = push({ msgtype: 'event', from: { userid: 'zhangsan' }, event: { eventtype: 'enter_chat' } });
		const [item] = await trigger.waitForItems(1);
		const welcomed = await reply(item, {
			resource: 'message',
			operation: 'welcome',
			welcomeType: 'text',
			text: '你好！',
		});
		expect(welcomed.result.items[0].json).toMatchObject({ replied: 'socket', msgtype: 'text' });
		expect(emulator().aiBot.socketReplies({ reqId: enter.reqId })).toMatchObject([
			{ cmd: 'aibot_respond_welcome_msg', errcode: 0, body: { msgtype: 'text', text: { content: '你好！' } } },
		]);

		const click = push({
			msgtype: 'event',
			from: { userid: 'zhangsan' },
			event: {
				eventtype: 'template_card_event',
				template_card_event: { card_type: 'button_interaction', task_id: 't1' },
			},
		});
		const [, clicked] = await trigger.waitForItems(2);
		const card = { card_type: 'text_notice', main_title: { title: 'Done' }, task_id: 't1' };
		await reply(clicked, { resource: 'message', operation: 'updateCard', templateCard: JSON.stringify(card) });
		expect(emulator().aiBot.socketReplies({ reqId: click.reqId })).toMatchObject([
			{
				cmd: 'aibot_respond_update_msg',
				errcode: 0,
				body: { response_type: 'update_template_card', template_card: card },
			},
		]);
	});

	it('sends Reply Later as an active message to the chat', async () => {
		const trigger = await activate();
		push(text('later please', { chattype: 'group', chatid: 'wrkGroup1' }));
		const [item] = await trigger.waitForItems(1);
		const sent = await reply(item, {
			resource: 'message',
			operation: 'replyLater',
			laterType: 'markdown',
			markdown: '**done**',
		});
		expect(sent.result.items[0].json).toMatchObject({ replied: 'socket', msgtype: 'markdown' });
		const [frame] = emulator()
			.aiBot.socketReplies({ botId: BOT.botId })
			.filter((f) => f.cmd === 'aibot_send_msg');
		expect(frame).toMatchObject({
			errcode: 0,
			body: { chatid: 'wrkGroup1', msgtype: 'markdown', markdown: { content: '**done**' } },
		});
	});

	it("reports WeCom's errcode with a hint when it refuses a reply (an unknown req_id)", async () => {
		await activate();
		await openStream('s-bogus', Date.now());
		const item = {
			json: {
				callback: {
					platform: 'aibot',
					kind: 'socket',
					botId: BOT.botId,
					reqId: 'not-a-push',
					msgid: 'm1',
					streamId: 's-bogus',
					chatId: 'u',
					chatType: 'single',
					userId: 'u',
					receivedAt: Date.now(),
				},
			},
		};
		await expect(reply(item, { resource: 'stream', operation: 'append', content: 'x' })).rejects.toThrow(/846605/);
		const [frame] = emulator().aiBot.socketReplies({ reqId: 'not-a-push' });
		expect(frame).toMatchObject({ cmd: 'aibot_respond_msg', errcode: 846605 });
	});

	it('pings on its heartbeat, reconnects within 5 s after a drop, and messages flow again', async () => {
		timings.aiBotHeartbeatMs = 50;
		const trigger = await activate();
		await sleep(300);
		expect(connections()[0].pings).toBeGreaterThanOrEqual(2);

		const dropped = Date.now();
		expect(emulator().aiBot.dropSocket(BOT.botId, 'terminate')).toBe(1);
		expect(await emulator().aiBot.waitForSocket(BOT.botId, 5_000)).toBe(true);
		expect(Date.now() - dropped).toBeLessThan(5_000);
		push(text('after the drop'));
		const items = await trigger.waitForItems(1);
		expect(items[0].json.text).toBe('after the drop');
		expect(trigger.warnings.some((line) => line.includes('reconnecting'))).toBe(true);
	});

	it('stays down when another client takes the bot over, and logs the fix once', async () => {
		const trigger = await activate();
		const intruder = new AiBotConnection({
			...credential(),
			url: credential().wsUrl,
			log: { info: () => undefined, warn: () => undefined },
		});
		try {
			await intruder.start();
			await sleep(300);
			const displaced = trigger.warnings.filter((line) =>
				line.includes('another n8n or program is connected with this bot'),
			);
			expect(displaced).toHaveLength(1);
			await sleep(700);
			// Only the two connections: the displaced one did not come back to throw the intruder out.
			expect(connections()).toHaveLength(2);
			expect(connections()[1].displacedAt).toBeUndefined();
		} finally {
			await intruder.close();
		}
	});

	it('refuses a wrong Secret with the errcode, without retrying in a loop or showing the Secret', async () => {
		const wrong = 'wrong-secret-value-123';
		const error = (await activate({}, { secret: wrong }).catch((caught: Error) => caught)) as Error;
		expect(error.message).toMatch(/refused the subscription.*errcode 853000/);
		expect(error.message).not.toContain(wrong);
		await sleep(300);
		expect(connections()).toHaveLength(1);
	});

	it('refuses a second trigger for the same bot in this process, by name', async () => {
		await activate();
		await expect(activate()).rejects.toThrow(/already has a long connection in this n8n/);
		expect(connections()).toHaveLength(1);
	});

	it('closes the connection when the workflow is deactivated', async () => {
		const trigger = await activate();
		await trigger.close();
		active.splice(active.indexOf(trigger), 1);
		await sleep(100);
		expect(connections()[0].closedAt).toBeDefined();
		// The bot is free again in this process.
		await activate();
	});
});

describe('credential test with a Bot Secret', () => {
	const test = async (overrides: IDataObject) =>
		await aiBotCredentialTest.weComAiBotApiTest.call({} as never, {
			id: 'c',
			name: 'c',
			type: 'weComAiBotApi',
			data: credential(overrides),
		});

	it('subscribes and closes', async () => {
		expect(await test({})).toMatchObject({ status: 'OK' });
		const [connection] = connections();
		expect(connection).toMatchObject({ subscribed: true });
		await sleep(100);
		expect(connections()[0].closedAt).toBeDefined();
	});

	it("reports WeCom's errcode for a wrong Secret, and never the Secret", async () => {
		const result = await test({ secret: 'not-the-secret' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/853000/);
		expect(result.message).not.toContain('not-the-secret');
	});
});
