/**
 * WeCom AI Bot Trigger (Reply "From a WeCom AI Bot Reply Node") with the WeCom AI Bot Reply node in n8n's engine:
 * the stream answered at once and filled by the reply node while WeCom polls, the final chunk with a card, the
 * late path through response_url when WeCom stopped polling (nothing lost, nothing shown twice), the welcome and
 * the card update as passive answers, Reply Later and its refusals. Answers are opened with Tencent's
 * @wecom/crypto: signature checked, receiveid "", JSON read.
 */
import { createHash } from 'node:crypto';
import type { IBinaryKeyData, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { decrypt, getSignature } from '@wecom/crypto';
import { callWebhook } from '../../../helpers/webhook';
import { aiBotCallback } from '../../../emulator';
import { useEmulator } from '../useEmulator';
import { replyWith } from '../triggers/replyRun';
import { WeComAiBotTrigger } from '../../../../nodes/WeComAiBotTrigger/WeComAiBotTrigger.node';
import { WeComAiBotReply } from '../../../../nodes/WeComAiBotReply/WeComAiBotReply.node';
import { resetProcessState, timings } from '../../../../nodes/shared/testSeam';

const BOT = {
	botId: 'aib_reply_bot',
	token: 'aibot-reply-token',
	encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
	proxyUrl: '',
};
const emulator = useEmulator({});
const WORKFLOW = 'aibot-reply-wf';
let counter = 0;

beforeEach(() => {
	timings.aiBotPollWaitMs = 2_000;
	timings.aiBotPollWindowMs = 6 * 60_000;
});

/** Opens what the trigger or the reply node answered, the way WeCom does. */
function open(body: string | undefined): IDataObject {
	const envelope = JSON.parse(body ?? '') as {
		encrypt: string;
		msgsignature: string;
		timestamp: number;
		nonce: string;
	};
	expect(envelope.msgsignature).toBe(
		getSignature(BOT.token, String(envelope.timestamp), envelope.nonce, envelope.encrypt),
	);
	const { message, id } = decrypt(BOT.encodingAesKey, envelope.encrypt);
	expect(id).toBe('');
	return JSON.parse(message) as IDataObject;
}

async function push(message: IDataObject, reply = 'replyNode') {
	const request = aiBotCallback(BOT, message);
	return await callWebhook({
		node: new WeComAiBotTrigger(),
		webhookName: 'default',
		query: request.query,
		rawBody: request.body,
		credentials: { weComAiBotApi: BOT as never },
		parameters: { reply },
		workflowId: WORKFLOW,
	});
}

function userMessage(overrides: IDataObject = {}): IDataObject {
	return {
		msgid: `msg-${++counter}`,
		aibotid: BOT.botId,
		chattype: 'single',
		from: { userid: 'lisi' },
		response_url: emulator().aiBot.responseUrl(),
		msgtype: 'text',
		text: { content: 'tell me about n8n' },
		...overrides,
	};
}

async function startConversation(overrides: IDataObject = {}) {
	const started = await push(userMessage(overrides));
	const item = started.result.workflowData![0][0];
	return { started, item, streamId: String((item.json.callback as IDataObject).streamId) };
}

async function poll(streamId: string): Promise<IDataObject> {
	const answer = await push({ ...userMessage(), msgtype: 'stream', stream: { id: streamId } });
	expect(answer.result.workflowData).toBeUndefined();
	return open(answer.response.body);
}

/** Polls as WeCom does (here every 20 ms, for at most 5 s) until a poll shows the finished stream. */
async function finalPoll(streamId: string): Promise<IDataObject> {
	const until = Date.now() + 5_000;
	for (;;) {
		const answer = await poll(streamId);
		if ((answer.stream as IDataObject).finish === true || Date.now() > until) return answer;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

const reply = (item: INodeExecutionData, parameters: INodeParameters) =>
	replyWith(new WeComAiBotReply(), { weComAiBotApi: BOT }, [item], parameters);

describe('stream', () => {
	it('answers the message at once with an open stream, which the reply node fills while WeCom polls', async () => {
		const { started, item, streamId } = await startConversation();
		expect(started.response.status).toBe(200);
		expect(open(started.response.body)).toEqual({
			msgtype: 'stream',
			stream: { id: streamId, finish: false, content: '' },
		});

		await reply(item, { resource: 'stream', operation: 'append', content: 'n8n is ' });
		expect(await poll(streamId)).toMatchObject({ stream: { content: 'n8n is ', finish: false } });
		await reply(item, { resource: 'stream', operation: 'append', content: 'a workflow tool' });
		expect(await poll(streamId)).toMatchObject({ stream: { content: 'n8n is a workflow tool', finish: false } });
		await reply(item, { resource: 'stream', operation: 'replace', content: 'n8n: **workflows**' });
		expect(await poll(streamId)).toMatchObject({ stream: { content: 'n8n: **workflows**', finish: false } });

		const finishing = reply(item, { resource: 'stream', operation: 'finish', content: ' for everyone' });
		expect(await finalPoll(streamId)).toEqual({
			msgtype: 'stream',
			stream: { id: streamId, finish: true, content: 'n8n: **workflows** for everyone' },
		});
		const { result } = await finishing;
		expect(result.items[0].json).toMatchObject({ replied: 'stream', streamId, finished: true });
		expect(emulator().aiBot.responses()).toEqual([]);
	});

	it('shows a template card with the final chunk', async () => {
		const { item, streamId } = await startConversation();
		const card = { card_type: 'text_notice', main_title: { title: 'Was this helpful?' } };
		const finishing = reply(item, {
			resource: 'stream',
			operation: 'finish',
			content: 'Done.',
			addCard: true,
			templateCard: JSON.stringify(card),
		});
		expect(await finalPoll(streamId)).toEqual({
			msgtype: 'stream_with_template_card',
			stream: { id: streamId, finish: true, content: 'Done.' },
			template_card: card,
		});
		expect((await finishing).result.items[0].json.replied).toBe('stream');
	});

	it('gives a retry of the message the same stream, and starts no second run', async () => {
		const message = userMessage();
		const first = await push(message);
		const again = await push(message);
		expect(again.result.workflowData).toBeUndefined();
		expect(open(again.response.body)).toEqual(open(first.response.body));
	});

	it('sends what no poll showed through response_url once WeCom stopped polling, and never shows it twice', async () => {
		timings.aiBotPollWindowMs = 150;
		const { item, streamId } = await startConversation();
		await reply(item, { resource: 'stream', operation: 'append', content: 'Part one. ' });
		expect(await poll(streamId)).toMatchObject({ stream: { content: 'Part one. ', finish: false } });
		await new Promise((resolve) => setTimeout(resolve, 200));

		const { result } = await reply(item, { resource: 'stream', operation: 'finish', content: 'Part two.' });
		expect(result.items[0].json).toMatchObject({ replied: 'responseUrl', streamId });
		const sent = emulator().aiBot.responses();
		expect(sent.map((response) => response.body)).toEqual([
			{ msgtype: 'markdown', markdown: { content: 'Part two.' } },
		]);
		// A poll after the hand-over ends the stream with what it showed, not with what went through response_url.
		expect(await poll(streamId)).toMatchObject({ stream: { content: 'Part one. ', finish: true } });
	});

	it('hands the whole answer to response_url when no poll comes while it waits', async () => {
		timings.aiBotPollWaitMs = 50;
		const { item } = await startConversation();
		const { result } = await reply(item, { resource: 'stream', operation: 'finish', content: 'All of it.' });
		expect(result.items[0].json.replied).toBe('responseUrl');
		expect(
			emulator()
				.aiBot.responses()
				.map((response) => response.body),
		).toEqual([{ msgtype: 'markdown', markdown: { content: 'All of it.' } }]);
	});

	it('sends the answer through response_url when the stream is gone', async () => {
		const { item } = await startConversation();
		resetProcessState(); // as if n8n had restarted since the trigger opened the stream (regular mode)
		const { result } = await reply(item, { resource: 'stream', operation: 'finish', content: 'From elsewhere.' });
		expect(result.items[0].json).toMatchObject({ replied: 'responseUrl', streamHeldElsewhere: true });
		expect(
			emulator()
				.aiBot.responses()
				.map((response) => response.body),
		).toEqual([{ msgtype: 'markdown', markdown: { content: 'From elsewhere.' } }]);
		await expect(reply(item, { resource: 'stream', operation: 'append', content: 'more' })).rejects.toThrow(
			/no longer exists/,
		);
	});

	it('refuses writes after the finish, and stream writes for items without a stream', async () => {
		timings.aiBotPollWaitMs = 20;
		const { item } = await startConversation();
		await reply(item, { resource: 'stream', operation: 'finish', content: 'x' });
		await expect(reply(item, { resource: 'stream', operation: 'append', content: 'y' })).rejects.toThrow(
			/already finished/,
		);

		const plain = (await push(userMessage(), 'none')).result.workflowData![0][0];
		await expect(reply(plain, { resource: 'stream', operation: 'append', content: 'y' })).rejects.toThrow(
			/has no stream/,
		);
		await expect(
			reply({ json: { text: 'hi' } }, { resource: 'stream', operation: 'append', content: 'y' }),
		).rejects.toThrow(/does not come from a WeCom AI Bot Trigger/);
	});

	it('refuses content beyond 20480 bytes before anything is shown', async () => {
		const { item, streamId } = await startConversation();
		await expect(reply(item, { resource: 'stream', operation: 'append', content: '字'.repeat(7000) })).rejects.toThrow(
			/Content: is 21000 bytes/,
		);
		expect(await poll(streamId)).toMatchObject({ stream: { content: '' } });
	});
});

/** A PNG or JPEG of `size` bytes: the magic bytes WeCom (and our check) read, then filler. */
function picture(kind: 'png' | 'jpeg' | 'gif', size = 64): Buffer {
	const magic = {
		png: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
		jpeg: [0xff, 0xd8, 0xff, 0xe0],
		gif: [...Buffer.from('GIF89a')],
	}[kind];
	return Buffer.concat([Buffer.from(magic), Buffer.alloc(size - magic.length, 7)]);
}

function withPictures(item: INodeExecutionData, pictures: Record<string, Buffer>): INodeExecutionData {
	const binary: IBinaryKeyData = {};
	for (const [name, data] of Object.entries(pictures)) {
		binary[name] = { data: data.toString('base64'), mimeType: 'image/png', fileName: `${name}.png` };
	}
	return { json: item.json, binary };
}

const md5 = (data: Buffer) => createHash('md5').update(data).digest('hex');

describe('images under the final answer (msg_item)', () => {
	it('shows the images of the input binary fields with the final chunk, as base64 with the md5 of their bytes', async () => {
		const { item, streamId } = await startConversation();
		const chart = picture('png', 2_000);
		const photo = picture('jpeg', 3_000);
		await reply(item, { resource: 'stream', operation: 'append', content: 'Charts below.' });
		// Before the finish no poll carries images (WeCom takes msg_item with finish=true only).
		expect(await poll(streamId)).toEqual({
			msgtype: 'stream',
			stream: { id: streamId, finish: false, content: 'Charts below.' },
		});
		const finishing = reply(withPictures(item, { chart, photo }), {
			resource: 'stream',
			operation: 'finish',
			content: '',
			images: 'chart, photo',
		});
		const final = await finalPoll(streamId);
		expect(final).toEqual({
			msgtype: 'stream',
			stream: {
				id: streamId,
				finish: true,
				content: 'Charts below.',
				msg_item: [
					{ msgtype: 'image', image: { base64: chart.toString('base64'), md5: md5(chart) } },
					{ msgtype: 'image', image: { base64: photo.toString('base64'), md5: md5(photo) } },
				],
			},
		});
		expect((await finishing).result.items[0].json).toMatchObject({ replied: 'stream', images: 2, finished: true });
	});

	it('refuses images WeCom would refuse, naming the field, before anything is written', async () => {
		const { item, streamId } = await startConversation();
		const finish = (pictures: Record<string, Buffer>, images: string) =>
			reply(withPictures(item, pictures), { resource: 'stream', operation: 'finish', content: 'x', images });
		const eleven = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`p${i}`, picture('png')]));
		await expect(finish(eleven, Object.keys(eleven).join(','))).rejects.toThrow(
			/Images: names 11 images; WeCom shows at most 10/,
		);
		await expect(finish({ anim: picture('gif') }, 'anim')).rejects.toThrow(
			/Images: "anim": the image is not JPG or PNG/,
		);
		await expect(finish({ big: picture('png', 10 * 1024 * 1024 + 1) }, 'big')).rejects.toThrow(
			/Images: "big": the image is 10\.0 MB, over WeChat's 10 MB limit/,
		);
		await expect(finish({ chart: picture('png') }, 'chart, missing')).rejects.toThrow(
			/Images: the input item has no binary property "missing"/,
		);
		expect(await poll(streamId)).toEqual({ msgtype: 'stream', stream: { id: streamId, finish: false, content: '' } });
	});

	it('says in the output that the images were not delivered when the rest went through response_url', async () => {
		timings.aiBotPollWaitMs = 50;
		const { item } = await startConversation();
		const { result } = await reply(withPictures(item, { chart: picture('png') }), {
			resource: 'stream',
			operation: 'finish',
			content: 'The chart is ready.',
			images: 'chart',
		});
		expect(result.items[0].json).toMatchObject({
			replied: 'responseUrl',
			imagesDelivered: false,
			imagesNotDelivered: 1,
			imagesNote: expect.stringMatching(/1 image not delivered: .*response_url takes markdown or a template card only/),
		});
		expect(
			emulator()
				.aiBot.responses()
				.map((response) => response.body),
		).toEqual([{ msgtype: 'markdown', markdown: { content: 'The chart is ready.' } }]);
	});
});

describe('a run that ends without finishing its stream', () => {
	/** n8n's own answer at the end of a responseNode run, as its webhook handler writes it. */
	function runEnds(started: { response: { raw: unknown } }, status: number, body?: object) {
		const res = started.response.raw as { status(code: number): { json(body?: object): unknown } };
		res.status(status).json(body);
	}
	const settle = () => new Promise((resolve) => setTimeout(resolve, 30));

	it('leaves the run to n8n, so that n8n tells the trigger when it ends', async () => {
		const { started } = await startConversation();
		expect(started.result.noWebhookResponse).toBeUndefined();
		expect(started.result.workflowData).toHaveLength(1);
	});

	it('closes the stream after a failure, with what was written and a short notice', async () => {
		const { started, item, streamId } = await startConversation();
		await reply(item, { resource: 'stream', operation: 'append', content: 'Looking it up' });
		runEnds(started, 500, { message: 'Error in workflow' });
		await settle();
		expect(await poll(streamId)).toEqual({
			msgtype: 'stream',
			stream: { id: streamId, finish: true, content: 'Looking it up\n\n出错了，请稍后再试' },
		});
		// The HTTP answer WeCom got was the stream start; n8n's late write went nowhere.
		expect(started.response.lateWrites).toBe(0);
		await expect(reply(item, { resource: 'stream', operation: 'finish', content: 'late' })).rejects.toThrow(
			/already finished/,
		);
	});

	it('closes the stream with what was written when the run ended without a Finish and without an error', async () => {
		const { started, item, streamId } = await startConversation();
		await reply(item, { resource: 'stream', operation: 'append', content: 'Partial answer' });
		runEnds(started, 200);
		await settle();
		expect(await poll(streamId)).toEqual({
			msgtype: 'stream',
			stream: { id: streamId, finish: true, content: 'Partial answer' },
		});
	});

	it('changes nothing when the run finished its stream', async () => {
		const { started, item, streamId } = await startConversation();
		const finishing = reply(item, { resource: 'stream', operation: 'finish', content: 'Complete.' });
		expect(await finalPoll(streamId)).toMatchObject({ stream: { finish: true, content: 'Complete.' } });
		await finishing;
		runEnds(started, 200);
		await settle();
		expect(await poll(streamId)).toMatchObject({ stream: { finish: true, content: 'Complete.' } });
	});
});

describe('welcome and card updates', () => {
	async function event(eventtype: string, extra: IDataObject = {}) {
		const pushed = await push({ ...userMessage(), msgtype: 'event', event: { eventtype, ...extra } });
		// The answer waits for the reply node.
		expect(pushed.response.status).toBeUndefined();
		return pushed.result.workflowData![0][0];
	}

	it('welcomes on enter_chat with a text, as the HTTP answer', async () => {
		const item = await event('enter_chat');
		const { sent, result } = await reply(item, {
			resource: 'message',
			operation: 'welcome',
			welcomeType: 'text',
			text: '你好，我是 n8n 助手',
		});
		expect(open(String(sent[0].body))).toEqual({ msgtype: 'text', text: { content: '你好，我是 n8n 助手' } });
		expect(result.items[0].json).toMatchObject({ replied: 'passive', msgtype: 'text' });
		await expect(
			reply(item, { resource: 'message', operation: 'welcome', welcomeType: 'text', text: 'again' }),
		).rejects.toThrow(/an earlier reply already answered/);
	});

	it('answers empty in time when no welcome comes, and then says the welcome is too late', async () => {
		// Sent 4 s ago by its timestamp: the guard has under a second of WeCom's time left.
		const request = aiBotCallback(
			BOT,
			{ ...userMessage(), msgtype: 'event', event: { eventtype: 'enter_chat' } },
			{
				timestamp: Math.floor(Date.now() / 1000) - 4,
			},
		);
		const pushed = await callWebhook({
			node: new WeComAiBotTrigger(),
			webhookName: 'default',
			query: request.query,
			rawBody: request.body,
			credentials: { weComAiBotApi: BOT as never },
			parameters: { reply: 'replyNode' },
			workflowId: WORKFLOW,
		});
		await new Promise((resolve) => setTimeout(resolve, 1_100));
		expect(pushed.response.status).toBe(200);
		expect(pushed.response.body).toBe('');
		await expect(
			reply(pushed.result.workflowData![0][0], {
				resource: 'message',
				operation: 'welcome',
				welcomeType: 'text',
				text: 'hi',
			}),
		).rejects.toThrow(/time for it ran out/);
	});

	it('welcomes with a template card', async () => {
		const item = await event('enter_chat');
		const card = {
			card_type: 'button_interaction',
			main_title: { title: 'Pick one' },
			button_list: [{ text: 'A', key: 'a' }],
		};
		const { sent } = await reply(item, {
			resource: 'message',
			operation: 'welcome',
			welcomeType: 'templateCard',
			templateCard: JSON.stringify(card),
		});
		expect(open(String(sent[0].body))).toEqual({ msgtype: 'template_card', template_card: card });
	});

	it('updates the clicked card', async () => {
		const item = await event('template_card_event', {
			template_card_event: { card_type: 'button_interaction', event_key: 'a', task_id: 't1' },
		});
		const card = { card_type: 'button_interaction', main_title: { title: 'Chosen: A' }, task_id: 't1' };
		const { sent } = await reply(item, {
			resource: 'message',
			operation: 'updateCard',
			templateCard: JSON.stringify(card),
		});
		expect(open(String(sent[0].body))).toEqual({ response_type: 'update_template_card', template_card: card });
	});

	it('names the problem before anything is sent', async () => {
		const enter = await event('enter_chat');
		await expect(
			reply(enter, { resource: 'message', operation: 'updateCard', templateCard: '{"card_type":"x"}' }),
		).rejects.toThrow(/not a template_card_event/);
		await expect(
			reply(enter, {
				resource: 'message',
				operation: 'welcome',
				welcomeType: 'templateCard',
				templateCard: '{not json',
			}),
		).rejects.toThrow(/Template Card: is not valid JSON/);
		await expect(
			reply(enter, {
				resource: 'message',
				operation: 'welcome',
				welcomeType: 'templateCard',
				templateCard: '{"title":"no type"}',
			}),
		).rejects.toThrow(/Template Card: has no card_type/);
		// Refused before the answer was touched: a correct welcome still goes out.
		const { sent } = await reply(enter, { resource: 'message', operation: 'welcome', welcomeType: 'text', text: 'hi' });
		expect(open(String(sent[0].body))).toEqual({ msgtype: 'text', text: { content: 'hi' } });
	});
});

describe('reply later (response_url)', () => {
	it('sends markdown once, and reports the refusal of a second use with its errcode and hint', async () => {
		const item = (await push(userMessage(), 'none')).result.workflowData![0][0];
		const { result } = await reply(item, {
			resource: 'message',
			operation: 'replyLater',
			laterType: 'markdown',
			markdown: '**Done**',
		});
		expect(result.items[0].json).toMatchObject({ replied: 'responseUrl', msgtype: 'markdown' });
		expect(
			emulator()
				.aiBot.responses()
				.map((response) => response.body),
		).toEqual([{ msgtype: 'markdown', markdown: { content: '**Done**' } }]);

		const second = reply(item, {
			resource: 'message',
			operation: 'replyLater',
			laterType: 'markdown',
			markdown: 'again',
		});
		await expect(second).rejects.toThrow(/errcode 40058: response_code already used/);
		await second.catch((error: { description?: string }) =>
			expect(error.description).toMatch(/one reply, within an hour/),
		);
		expect(emulator().aiBot.responses()).toHaveLength(1);
	});

	it('sends a template card, and refuses items without a response_url', async () => {
		const item = (await push(userMessage(), 'none')).result.workflowData![0][0];
		const card = { card_type: 'text_notice', main_title: { title: 'Report ready' } };
		await reply(item, {
			resource: 'message',
			operation: 'replyLater',
			laterType: 'templateCard',
			templateCard: JSON.stringify(card),
		});
		expect(emulator().aiBot.responses()[0].body).toEqual({ msgtype: 'template_card', template_card: card });

		const enter = (
			await push(
				{ ...userMessage(), response_url: undefined, msgtype: 'event', event: { eventtype: 'enter_chat' } },
				'none',
			)
		).result.workflowData![0][0];
		await expect(
			reply(enter, { resource: 'message', operation: 'replyLater', laterType: 'markdown', markdown: 'x' }),
		).rejects.toThrow(/has no response_url/);
	});
});
