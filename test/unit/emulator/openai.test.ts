import { request } from 'undici';
import { derivedAnswer, OPENAI_DEMO_KEY, startEmulator, type Emulator } from '../../emulator';
import { http, postJson } from './helpers';

/** The emulator's OpenAI-compatible endpoint, over real HTTP, the way n8n's OpenAI Chat Model (openai SDK) calls it. */

const AUTH = { authorization: `Bearer ${OPENAI_DEMO_KEY}`, 'content-type': 'application/json' };

const chatBody = (messages: unknown[], extra: Record<string, unknown> = {}) =>
	JSON.stringify({ model: 'gpt-4o-mini', messages, ...extra });

const conversation = [
	{ role: 'system', content: 'You are a helpful assistant' },
	{ role: 'user', content: '你好' },
	{ role: 'assistant', content: '你好！' },
	{ role: 'user', content: 'n8n 能做什么？' },
];

interface Received {
	status: number;
	contentType: string;
	transferEncoding: string | undefined;
	/** `data:` payloads in order, with when each network chunk that carried it arrived. */
	events: { data: string; at: number }[];
}

/** POSTs a streamed completion and reads the answer chunk by chunk as it arrives. */
async function streamed(emulator: Emulator, body: string): Promise<Received> {
	const response = await request(`${emulator.url}/v1/chat/completions`, { method: 'POST', headers: AUTH, body });
	const events: Received['events'] = [];
	let buffer = '';
	for await (const chunk of response.body) {
		const at = Date.now();
		buffer += (chunk as Buffer).toString('utf8');
		let end: number;
		while ((end = buffer.indexOf('\n\n')) >= 0) {
			const block = buffer.slice(0, end);
			buffer = buffer.slice(end + 2);
			if (!block.startsWith('data: ')) throw new Error(`not an SSE data line: ${block}`);
			events.push({ data: block.slice('data: '.length), at });
		}
	}
	expect(buffer).toBe('');
	return {
		status: response.statusCode,
		contentType: String(response.headers['content-type']),
		transferEncoding: response.headers['transfer-encoding'] as string | undefined,
		events,
	};
}

/** A `chat.completion.chunk` as the test reads it. */
interface Chunk {
	id: string;
	object: string;
	choices: {
		index: number;
		delta: { role?: string; content?: string; refusal?: null };
		finish_reason: string | null;
	}[];
	usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
}

const chunkObjects = (received: Received) =>
	received.events.filter((event) => event.data !== '[DONE]').map((event) => JSON.parse(event.data) as Chunk);

const contentOf = (chunks: Chunk[]) => chunks.map((chunk) => chunk.choices[0]?.delta?.content ?? '').join('');

describe('emulator: OpenAI-compatible model endpoint', () => {
	let emulator: Emulator;

	beforeAll(async () => {
		emulator = await startEmulator();
	});
	afterAll(() => emulator.close());
	beforeEach(() => emulator.reset());

	test('a completion answers from the last user message and counts the user turns; the request log keeps every message', async () => {
		const { status, json } = await http('POST', `${emulator.url}/v1/chat/completions`, chatBody(conversation), AUTH);
		expect(status).toBe(200);
		const answer = derivedAnswer('n8n 能做什么？', 2);
		expect(answer).toBe('你说：「n8n 能做什么？」。这是模拟模型第 2 轮的回答。');
		expect(json).toMatchObject({
			object: 'chat.completion',
			model: 'gpt-4o-mini',
			choices: [{ index: 0, message: { role: 'assistant', content: answer }, finish_reason: 'stop' }],
		});
		expect(json.id).toMatch(/^chatcmpl-/);
		const usage = json.usage as Record<string, number>;
		expect(usage.total_tokens).toBe(usage.prompt_tokens + usage.completion_tokens);
		expect(emulator.openAi.requests()).toEqual([
			{ at: expect.any(Number), model: 'gpt-4o-mini', stream: false, messages: conversation, answer, scripted: false },
		]);
	});

	test('stream: true answers with server-sent events, written one by one as they come (chunked), ended by [DONE]', async () => {
		emulator.openAi.script([{ content: '一二三四五六', chunks: ['一二', '三四', '五六'], gapMs: 150 }]);
		const received = await streamed(emulator, chatBody(conversation, { stream: true }));
		expect(received.status).toBe(200);
		expect(received.contentType).toMatch(/^text\/event-stream/);
		expect(received.transferEncoding).toBe('chunked');
		expect(received.events[received.events.length - 1].data).toBe('[DONE]');
		const chunks = chunkObjects(received);
		expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.id === chunks[0].id)).toBe(true);
		expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '', refusal: null });
		expect(chunks.slice(1, 4).map((chunk) => chunk.choices[0].delta.content)).toEqual(['一二', '三四', '五六']);
		expect(chunks[chunks.length - 1].choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
		expect(chunks.some((chunk) => 'usage' in chunk)).toBe(false);
		// Four gaps of 150 ms between five events: a server that wrote the stream at once would fail this.
		const arrival = received.events.map((event) => event.at);
		expect(arrival[arrival.length - 1] - arrival[0]).toBeGreaterThanOrEqual(500);
		expect(emulator.openAi.requests()[0]).toMatchObject({ stream: true, answer: '一二三四五六', scripted: true });
	});

	test('stream_options.include_usage: every chunk has "usage": null but the last, which has no choices and the usage', async () => {
		const received = await streamed(
			emulator,
			chatBody(conversation, { stream: true, stream_options: { include_usage: true } }),
		);
		const chunks = chunkObjects(received);
		const last = chunks[chunks.length - 1];
		expect(last.choices).toEqual([]);
		expect(last.usage?.total_tokens).toBe((last.usage?.prompt_tokens ?? 0) + (last.usage?.completion_tokens ?? 0));
		expect(last.usage?.total_tokens).toBeGreaterThan(0);
		expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
		// The derived answer streams in deltas of a few characters, never splitting a character.
		expect(contentOf(chunks)).toBe(derivedAnswer('n8n 能做什么？', 2));
		expect(chunks.length).toBeGreaterThan(4);
	});

	test('scripted answers are used in order, then answers are derived again; the control route checks them', async () => {
		const scripted = await postJson(emulator, '/__emulator/openai/answers', {
			answers: [{ content: '第一' }, { content: '第二' }],
		});
		expect(scripted.json).toEqual({ pending: 2 });
		const ask = async (text: string) => {
			const { json } = await http(
				'POST',
				`${emulator.url}/v1/chat/completions`,
				chatBody([{ role: 'user', content: text }]),
				AUTH,
			);
			return (json.choices as { message: { content: string } }[])[0].message.content;
		};
		expect([await ask('a'), await ask('b'), await ask('c')]).toEqual(['第一', '第二', derivedAnswer('c', 1)]);
		const logged = await http('GET', `${emulator.url}/__emulator/openai/requests`);
		expect(
			(logged.json as unknown as { answer: string; scripted: boolean }[]).map((entry) => [
				entry.answer,
				entry.scripted,
			]),
		).toEqual([
			['第一', true],
			['第二', true],
			[derivedAnswer('c', 1), false],
		]);
		const refused = await postJson(emulator, '/__emulator/openai/answers', {
			answers: [{ content: 'abc', chunks: ['a', 'b'] }],
		});
		expect([refused.status, refused.json.error]).toEqual([400, 'chunks must join to content']);
		expect(emulator.openAi.pendingAnswers()).toEqual([]);
	});

	test('content given as a list of parts is read as its text', async () => {
		const parts = [
			{
				role: 'user',
				content: [
					{ type: 'text', text: '看图' },
					{ type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
					{ type: 'text', text: '说话' },
				],
			},
		];
		await http('POST', `${emulator.url}/v1/chat/completions`, chatBody(parts), AUTH);
		expect(emulator.openAi.requests()[0].messages).toEqual([{ role: 'user', content: '看图说话' }]);
	});

	test('the Bearer key is checked as OpenAI does: missing or wrong → 401, the wrong key never quoted whole', async () => {
		const missing = await http('POST', `${emulator.url}/v1/chat/completions`, chatBody(conversation), {
			'content-type': 'application/json',
		});
		expect(missing.status).toBe(401);
		expect((missing.json.error as { message: string }).message).toMatch(/didn't provide an API key/);
		const wrongKey = 'sk-wrong-key-abcdefghijklmnop';
		const wrong = await http('POST', `${emulator.url}/v1/chat/completions`, chatBody(conversation), {
			...AUTH,
			authorization: `Bearer ${wrongKey}`,
		});
		expect(wrong.status).toBe(401);
		expect(wrong.json.error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_api_key' });
		expect(wrong.bytes.toString()).not.toContain(wrongKey);
		expect(wrong.bytes.toString()).toContain('mnop');
		expect((await http('GET', `${emulator.url}/v1/models`)).status).toBe(401);
		expect(emulator.openAi.requests()).toEqual([]);
	});

	test("bad requests are refused with OpenAI's status and wording, and never reach the model", async () => {
		const post = (body: string) => http('POST', `${emulator.url}/v1/chat/completions`, body, AUTH);
		const unknownModel = await post(JSON.stringify({ model: 'gpt-0', messages: conversation }));
		expect([unknownModel.status, unknownModel.json.error]).toEqual([
			404,
			{
				message: 'The model `gpt-0` does not exist or you do not have access to it.',
				type: 'invalid_request_error',
				param: null,
				code: 'model_not_found',
			},
		]);
		const empty = await post(chatBody([]));
		expect([empty.status, (empty.json.error as { param: string }).param]).toEqual([400, 'messages']);
		const badRole = await post(chatBody([{ role: 'robot', content: 'x' }]));
		expect((badRole.json.error as { message: string }).message).toMatch(/messages\[0\]\.role/);
		expect((await post('{"model": ')).status).toBe(400);
		expect((await post(JSON.stringify({ messages: conversation }))).status).toBe(400);
		expect((await post(chatBody(conversation, { stream: 'yes' }))).status).toBe(400);
		expect(emulator.openAi.requests()).toEqual([]);
	});

	test('GET /v1/models lists the emulated models, as the credential test and the model list read them', async () => {
		const { status, json } = await http('GET', `${emulator.url}/v1/models`, undefined, AUTH);
		expect(status).toBe(200);
		expect(json.object).toBe('list');
		expect((json.data as { id: string; object: string }[]).map((model) => [model.id, model.object])).toEqual([
			['gpt-4o-mini', 'model'],
			['gpt-4.1-mini', 'model'],
			['gpt-5-mini', 'model'],
		]);
	});

	test('reset() forgets the requests and the scripted answers', async () => {
		emulator.openAi.script([{ content: 'later' }]);
		await http('POST', `${emulator.url}/v1/chat/completions`, chatBody(conversation), AUTH);
		emulator.openAi.script([{ content: 'never used' }]);
		emulator.reset();
		expect(emulator.openAi.requests()).toEqual([]);
		expect(emulator.openAi.pendingAnswers()).toEqual([]);
	});

	test('the request log has the completion, and a streamed answer as its event text', async () => {
		await streamed(emulator, chatBody(conversation, { stream: true }));
		const [entry] = emulator.log.entries({ path: '/v1/chat/completions' });
		expect(entry.status).toBe(200);
		expect(entry.response).toMatchObject({ contentType: expect.stringMatching(/^text\/event-stream/) });
		expect((entry.response as { text: string }).text).toMatch(/^data: \{.*\n\n(data: .*\n\n)+data: \[DONE\]\n\n$/s);
	});
});
