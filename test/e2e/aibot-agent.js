'use strict';
/**
 * The AI Agent of examples/wecom-aibot-stream.json for real: n8n's own AI Agent, OpenAI Chat Model and Simple Memory
 * (keyed by the chat id) against the emulator's OpenAI-compatible endpoint (test/emulator/openai), checked on both
 * sides: what WeCom's polls show, and what the model was given (GET /__emulator/openai/requests). Called from
 * aibot.js, in callbacks.js's n8n server.
 *   agent      a text → the model's answer streamed to WeCom, finished, with the reply node right after the agent
 *              (it finds the trigger's callback through the paired item); the model got the agent's system message
 *              and the text, and answered a plain (non-streamed) completion
 *   memory     a second message in the same chat reaches the model after the first turn (question and answer); a
 *              message from another chat does not, and neither does a group's
 *   streamed   a copy of the example whose OpenAI Chat Model asks for a streamed completion (Extra Body
 *              {"stream": true}): the model answers in server-sent events, and the answer reaches WeCom finished all
 *              the same (n8n 2.x only: 1.x's OpenAI Chat Model has no Extra Body); n8nNodeArgs() keeps LangChain's
 *              token count of a streamed answer from downloading tiktoken's encoding (fixtures/offline-tiktoken.js)
 */
const assert = require('node:assert');
const path = require('node:path');
const h = require('./host');

const STREAMED_ID = 'e2e-aibot-sse';
const STREAMED_WEBHOOK = '7c3e1a52-9d4b-4f6e-8a1c-2b3d4e5f6a71';
const MODEL_NODE = 'OpenAI Chat Model';

/** The emulator's answer when nothing is scripted (test/emulator/openai/answers.ts, derivedAnswer). */
const answerTo = (question, userTurn) => `你说：「${question}」。这是模拟模型第 ${userTurn} 轮的回答。`;

/** The example with its model asking for a streamed completion, on a webhook of its own. */
function streamedWorkflow(example) {
	return {
		...example,
		id: STREAMED_ID,
		name: 'e2e: WeCom AI bot, the model answers in a stream',
		nodes: example.nodes.map((node) => {
			if (node.type.endsWith('.weComAiBotTrigger')) return { ...node, webhookId: STREAMED_WEBHOOK };
			if (node.name !== MODEL_NODE) return node;
			return {
				...node,
				parameters: { ...node.parameters, options: { ...node.parameters.options, extraBody: '{"stream": true}' } },
			};
		}),
	};
}

function workflows(example) {
	return [streamedWorkflow(example)];
}

const systemMessageOf = (example) =>
	example.nodes.find((node) => node.name === 'AI Agent').parameters.options.systemMessage;

/**
 * memoryPerProcess: in queue mode the second turn may run on the other worker, whose Simple Memory (n8n keeps it in
 * the process) never saw the first: the README tells queue-mode users to pick Redis or Postgres Chat Memory, and the
 * history check is left to the single-process suite.
 */
async function run(
	s,
	{ example, baseUrl, waitForProductionUrl, triggerUrl, message, converse, describe, memoryPerProcess },
) {
	const { ctx, emulator } = s;
	const url = triggerUrl(baseUrl, example);
	const streamedUrl = triggerUrl(baseUrl, streamedWorkflow(example));
	const system = { role: 'system', content: systemMessageOf(example) };
	const modelRequests = async () => (await fetch(`${emulator.url}/__emulator/openai/requests`)).json();
	/** One message through WeCom's side, and the completions the model answered meanwhile. */
	const ask = async (target, overrides) => {
		const before = (await modelRequests()).length;
		const conversation = await converse(emulator, target, await message(emulator, overrides));
		return { conversation, asked: (await modelRequests()).slice(before) };
	};
	// Users of their own, so the memory holds only what these checks wrote.
	const user = `e2e-agent-${Date.now()}`;
	const otherUser = `${user}-other`;

	const first = await ctx.checkAsync(
		"aibot agent: a text → the real AI Agent → the model's answer streamed to WeCom, finished",
		async () => {
			const { conversation, asked } = await ask(url, {
				from: { userid: user },
				text: { content: '我叫小王，记住了吗？' },
			});
			assert.strictEqual(conversation.finished, true, describe(conversation));
			assert.strictEqual(conversation.content, answerTo('我叫小王，记住了吗？', 1));
			assert.deepStrictEqual(
				asked.map((request) => ({ model: request.model, stream: request.stream, messages: request.messages })),
				[
					{
						model: h.DEMO_OPENAI.model,
						stream: false,
						messages: [system, { role: 'user', content: '我叫小王，记住了吗？' }],
					},
				],
			);
		},
	);

	if (memoryPerProcess)
		console.log('  (aibot agent: the memory check runs in the single-process suite; Simple Memory is per process)');
	else
		await ctx.checkAsync(
			"aibot agent: the same chat's second message reaches the model after the first turn (memory keyed by the chat id)",
			async () => {
				assert.ok(first, 'the first turn failed');
				const { conversation, asked } = await ask(url, { from: { userid: user }, text: { content: '我叫什么？' } });
				assert.strictEqual(conversation.finished, true, describe(conversation));
				assert.strictEqual(conversation.content, answerTo('我叫什么？', 2));
				assert.deepStrictEqual(
					asked.map((request) => request.messages),
					[
						[
							system,
							{ role: 'user', content: '我叫小王，记住了吗？' },
							{ role: 'assistant', content: answerTo('我叫小王，记住了吗？', 1) },
							{ role: 'user', content: '我叫什么？' },
						],
					],
				);
			},
		);

	await ctx.checkAsync('aibot agent: another chat (a user, a group @-mention) starts with no history', async () => {
		const { conversation, asked } = await ask(url, { from: { userid: otherUser }, text: { content: '我叫什么？' } });
		assert.strictEqual(conversation.content, answerTo('我叫什么？', 1), describe(conversation));
		assert.deepStrictEqual(
			asked.map((request) => request.messages),
			[[system, { role: 'user', content: '我叫什么？' }]],
		);
		const group = await ask(url, {
			chattype: 'group',
			chatid: `wrE2eAgent${Date.now()}`,
			from: { userid: user },
			text: { content: '@n8n助手 我叫什么？' },
		});
		assert.strictEqual(group.conversation.content, answerTo('我叫什么？', 1), describe(group.conversation));
		assert.deepStrictEqual(
			group.asked.map((request) => request.messages),
			[[system, { role: 'user', content: '我叫什么？' }]],
		);
	});

	if (h.N8N_MAJOR < 2) return;
	const ready = await ctx.checkAsync('aibot agent: the streamed-model copy answers on its production URL', async () => {
		assert.strictEqual((await waitForProductionUrl(ctx, streamedUrl)).status, 401);
	});
	if (!ready) return;
	await ctx.checkAsync(
		'aibot agent: a model answering in server-sent events (stream: true) → the answer reaches WeCom finished',
		async () => {
			await emulator.post('/__emulator/openai/answers', {
				answers: [
					{
						content: '**流式**回答：第一段，第二段。',
						chunks: ['**流式**', '回答：', '第一段，', '第二段。'],
						gapMs: 200,
					},
				],
			});
			const { conversation, asked } = await ask(streamedUrl, { from: { userid: user }, text: { content: '流式问题' } });
			assert.strictEqual(conversation.finished, true, describe(conversation));
			assert.strictEqual(conversation.content, '**流式**回答：第一段，第二段。');
			assert.deepStrictEqual(
				asked.map((request) => [request.stream, request.scripted, request.messages]),
				[[true, true, [system, { role: 'user', content: '流式问题' }]]],
			);
		},
	);
}

/** What the n8n that runs these checks is started with (fixtures/offline-tiktoken.js: no download from the internet). */
function n8nNodeArgs() {
	return ['--require', path.join(__dirname, 'fixtures', 'offline-tiktoken.js')];
}

module.exports = { n8nNodeArgs, run, workflows };
