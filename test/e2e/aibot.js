'use strict';
/**
 * examples/wecom-aibot-stream.json (WeCom AI bot, 智能机器人) in a REAL n8n, on the production URL of the active
 * workflow, driven by the emulator's AI-bot pusher (WeCom's side: JSON encrypted for the empty receiveid, the
 * answer opened with Tencent's @wecom/crypto, stream-refresh polls at WeCom's pace):
 *   stream     a text message is answered at once with an open stream; the polls end with the AI Agent's answer
 *              (n8n's agent and OpenAI Chat Model, the emulator's model), finished; one execution
 *   group      a group message "@bot question": the model is asked the question without the @-mention
 *   agent      aibot-agent.js: memory per chat, what the model was given, a model that streams (server-sent events)
 *   welcome    enter_chat gets the welcome text as the encrypted passive answer
 *   slow       a copy of the example with a 4 s Wait, and WeCom polling for 1.5 s only: the polls never show the
 *              answer; it arrives through the message's response_url instead, once
 *   forged     a message signed with another Token: 401, no execution
 *   streams    aibot-stream.js: a card click answered by Update Card, a run failing mid-answer closing its stream,
 *              an image under the answer, an answer in two parts
 */
const assert = require('node:assert');
const path = require('node:path');
const h = require('./host');
const streams = require('./aibot-stream');
const agent = require('./aibot-agent');

const FILE = 'wecom-aibot-stream.json';
const TRIGGER_TYPE = 'n8n-nodes-wecom-oa.weComAiBotTrigger';
const SLOW_ID = 'e2e-wecom-aibot-slow';
const SLOW_WEBHOOK = '6a2f9c4e-1b3d-4e5f-8a7b-0c1d2e3f4a51';
const SECRETS = { token: h.DEMO_AIBOT.token, encodingAesKey: h.DEMO_AIBOT.encodingAesKey };

function example() {
	return h.readJson(path.join(h.ROOT, 'examples', FILE));
}

/** The example with a 4 s Wait before the agent, and no welcome branch: the slow path. */
function slowWorkflow() {
	const base = example();
	const node = (name) => base.nodes.find((candidate) => candidate.name === name);
	const trigger = {
		...node('WeCom AI Bot Trigger'),
		webhookId: SLOW_WEBHOOK,
		parameters: { triggerOn: ['message:*'], reply: 'replyNode', options: {} },
	};
	const wait = {
		id: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d41',
		name: 'Slow model (4 s)',
		type: 'n8n-nodes-base.wait',
		typeVersion: 1.1,
		position: [220, 0],
		parameters: { amount: 4, unit: 'seconds' },
	};
	return {
		...base,
		id: SLOW_ID,
		name: 'e2e: WeCom AI bot, slow answer',
		nodes: [trigger, wait, ...['AI Agent', 'OpenAI Chat Model', 'Memory per chat', 'Stream the answer'].map(node)],
		connections: {
			'WeCom AI Bot Trigger': { main: [[{ node: wait.name, type: 'main', index: 0 }]] },
			[wait.name]: { main: [[{ node: 'AI Agent', type: 'main', index: 0 }]] },
			'OpenAI Chat Model': base.connections['OpenAI Chat Model'],
			'Memory per chat': base.connections['Memory per chat'],
			'AI Agent': base.connections['AI Agent'],
		},
	};
}

/** What callbacks.js imports and publishes for these checks. */
function workflows() {
	return [example(), slowWorkflow(), ...agent.workflows(example()), ...streams.workflows(example())];
}

function triggerUrl(baseUrl, workflow) {
	const trigger = workflow.nodes.find((node) => node.type === TRIGGER_TYPE);
	return `${baseUrl}/webhook/${trigger.webhookId}/callback`;
}

let counter = 0;
async function message(emulator, overrides = {}) {
	const { url } = await emulator.post('/__emulator/aibot/response_url', {});
	return {
		msgid: `e2e-aibot-${Date.now()}-${++counter}`,
		aibotid: h.DEMO_AIBOT.botId,
		chattype: 'single',
		from: { userid: 'zhangsan' },
		response_url: url,
		msgtype: 'text',
		text: { content: 'n8n 能做什么？' },
		...overrides,
	};
}

const converse = (emulator, url, msg, options = {}) =>
	emulator.post('/__emulator/aibot/converse', { url, ...SECRETS, message: msg, pollEveryMs: 300, ...options });

const responses = async (emulator) => (await fetch(`${emulator.url}/__emulator/aibot/responses`)).json();

const describe = (conversation) => JSON.stringify({ ...conversation, polls: conversation.polls?.length }).slice(0, 600);

async function run(s, { baseUrl, waitForProductionUrl, memoryPerProcess = false }) {
	const { ctx, emulator } = s;
	const workflow = example();
	const url = triggerUrl(baseUrl, workflow);
	const slowUrl = triggerUrl(baseUrl, slowWorkflow());
	const ready = await ctx.checkAsync(
		'aibot: both triggers answer on their production URLs (active workflows)',
		async () => {
			for (const target of [url, slowUrl]) assert.strictEqual((await waitForProductionUrl(ctx, target)).status, 401);
		},
	);
	if (!ready) return;

	let before = await s.executions.count(workflow.id);
	await ctx.checkAsync(
		'aibot: a text message → stream answered at once → polls end with the finished answer',
		async () => {
			// A user of its own: the agent's memory (per chat) is empty for it, so this is the model's first turn.
			const conversation = await converse(
				emulator,
				url,
				await message(emulator, { from: { userid: `e2e-stream-${Date.now()}` } }),
			);
			const [first] = conversation.attempts;
			assert.deepStrictEqual([conversation.attempts.length, first.status], [1, 200], describe(conversation));
			assert.ok(first.ms < 1000, `stream start after ${first.ms} ms`);
			assert.strictEqual(conversation.answer.reply?.msgtype, 'stream', describe(conversation));
			assert.strictEqual(conversation.answer.reply.stream.finish, false);
			assert.ok(
				conversation.polls.every((poll) => !poll.problem),
				describe(conversation),
			);
			assert.strictEqual(conversation.finished, true, describe(conversation));
			assert.strictEqual(conversation.content, '你说：「n8n 能做什么？」。这是模拟模型第 1 轮的回答。');
			const page = await s.executions.settle(workflow.id, before + 1);
			assert.strictEqual(page.count, before + 1);
			assert.strictEqual(page.results[0].status, 'success');
		},
	);

	await ctx.checkAsync('aibot: a group @-mention is answered without the mention', async () => {
		const msg = await message(emulator, {
			chattype: 'group',
			chatid: `wrE2eGroup${Date.now()}`,
			text: { content: '@n8n助手 今天周几' },
		});
		const conversation = await converse(emulator, url, msg);
		assert.strictEqual(conversation.finished, true, describe(conversation));
		assert.strictEqual(conversation.content, '你说：「今天周几」。这是模拟模型第 1 轮的回答。');
	});

	await ctx.checkAsync('aibot: enter_chat gets the welcome text as the encrypted answer', async () => {
		const msg = await message(emulator, { msgtype: 'event', event: { eventtype: 'enter_chat' } });
		delete msg.text;
		delete msg.response_url;
		const conversation = await converse(emulator, url, msg);
		assert.strictEqual(conversation.attempts[0].status, 200, describe(conversation));
		assert.deepStrictEqual(conversation.answer.reply, {
			msgtype: 'text',
			text: { content: '你好，我是 n8n AI 助手。直接提问，或在群里 @我。' },
		});
	});

	await agent.run(s, {
		example: workflow,
		baseUrl,
		waitForProductionUrl,
		triggerUrl,
		message,
		converse,
		describe,
		memoryPerProcess,
	});

	await ctx.checkAsync(
		'aibot: a slow answer after WeCom stopped polling goes out through response_url, once, never in a poll',
		async () => {
			const already = (await responses(emulator)).length;
			const msg = await message(emulator, { text: { content: '慢一点的问题' } });
			const conversation = await converse(emulator, slowUrl, msg, { pollForMs: 1500 });
			assert.strictEqual(conversation.answer.reply?.msgtype, 'stream', describe(conversation));
			assert.strictEqual(conversation.finished, false, describe(conversation));
			await ctx.waitFor(
				'the answer through response_url',
				30_000,
				async () => (await responses(emulator)).length > already,
			);
			const sent = (await responses(emulator)).slice(already);
			assert.deepStrictEqual(
				sent.map((response) => response.body),
				[{ msgtype: 'markdown', markdown: { content: '你说：「慢一点的问题」。这是模拟模型第 1 轮的回答。' } }],
			);
			assert.strictEqual(sent[0].code, new URL(msg.response_url).searchParams.get('response_code'));
			const page = await s.executions.settle(SLOW_ID, 1, 30_000);
			assert.strictEqual(page.results[0].status, 'success');
		},
	);

	await streams.run(s, { example: workflow, baseUrl, waitForProductionUrl, triggerUrl, message, converse, describe });

	before = await s.executions.count(workflow.id);
	await ctx.checkAsync('aibot: a message signed with another Token is refused (401) and starts nothing', async () => {
		const conversation = await converse(emulator, url, await message(emulator), { token: 'forged-token', tries: 1 });
		assert.strictEqual(conversation.attempts[0].status, 401, describe(conversation));
		await h.delay(1000);
		assert.strictEqual(await s.executions.count(workflow.id), before);
	});
}

module.exports = { run, workflows, message, converse, describe, n8nNodeArgs: agent.n8nNodeArgs };
