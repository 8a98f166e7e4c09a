'use strict';
/**
 * examples/wecom-aibot-stream.json in long-connection mode (智能机器人 长连接) in a REAL n8n: the active workflow's
 * trigger opens a WebSocket to the emulator (the demo credential's wsUrl), subscribes the demo bot, and WeCom's
 * side is played over that socket by the emulator (/__emulator/aibot/ws/*):
 *   subscribe   activating the workflow subscribes the bot: one open connection
 *   stream      a text message pushed over the socket is answered by stream frames on its req_id, all accepted,
 *               the last finished with the model's answer; one execution
 *   welcome     enter_chat gets the welcome text as aibot_respond_welcome_msg, within WeCom's 5 s
 *   reconnect   the emulator drops the socket: the trigger subscribes again within 5 s and messages flow again
 *   deactivate  deactivating the workflow closes the socket (a close frame from n8n), and nothing is subscribed
 *   listen      a manual run (the editor's Execute workflow) subscribes, runs on the next message and answers it,
 *               then n8n closes the socket
 */
const assert = require('node:assert');
const path = require('node:path');
const h = require('./host');

const ID = 'e2e-aibot-socket';
const BOT = h.DEMO_AIBOT.botId;
const WELCOME = '你好，我是 n8n AI 助手。直接提问，或在群里 @我。';

/**
 * The example with its trigger swapped for the WeCom AI Bot Long Connection Trigger (same credential, same fields,
 * same nodes after it; the long connection has no webhook).
 */
function workflow() {
	const base = h.readJson(path.join(h.ROOT, 'examples', 'wecom-aibot-stream.json'));
	const nodes = base.nodes.map((node) =>
		node.type === 'n8n-nodes-wecom-oa.weComAiBotTrigger'
			? { ...node, type: 'n8n-nodes-wecom-oa.weComAiBotLongConnectionTrigger', webhookId: undefined }
			: node,
	);
	return { ...base, id: ID, name: 'e2e: WeCom AI bot over the long connection', nodes };
}

/** What callbacks.js imports and publishes for these checks. */
function workflows() {
	return [workflow()];
}

const get = async (emulator, pathname) => (await fetch(`${emulator.url}${pathname}`)).json();
const openConnections = async (emulator) =>
	(await get(emulator, '/__emulator/aibot/ws/connections')).filter(
		(connection) => connection.botId === BOT && connection.closedAt === undefined,
	);

let counter = 0;
function text(content) {
	return {
		msgid: `e2e-socket-${Date.now()}-${++counter}`,
		chattype: 'single',
		from: { userid: 'zhangsan' },
		msgtype: 'text',
		text: { content },
	};
}

const describe = (conversation) => JSON.stringify(conversation).slice(0, 800);

/** The model's answer to `question` in the emulator's OpenAI log (what the AI Agent was answered). */
async function modelAnswer(emulator, question) {
	const requests = await get(emulator, '/__emulator/openai/requests');
	const asked = requests.filter((request) =>
		request.messages.some((message) => message.role === 'user' && message.content.includes(question)),
	);
	assert.ok(asked.length > 0, `the model was never asked "${question}"`);
	return asked[asked.length - 1].answer;
}

async function conversation(s, question) {
	const result = await s.emulator.post('/__emulator/aibot/ws/converse', {
		botId: BOT,
		message: text(question),
		timeoutMs: 30_000,
	});
	assert.strictEqual(result.finished, true, describe(result));
	assert.ok(
		result.replies.every(
			(reply) => reply.errcode === 0 && reply.cmd === 'aibot_respond_msg' && reply.body.msgtype === 'stream',
		),
		describe(result),
	);
	assert.strictEqual(new Set(result.replies.map((reply) => reply.body.stream.id)).size, 1, describe(result));
	assert.strictEqual(result.content, await modelAnswer(s.emulator, question));
	return result;
}

async function run(s, { baseUrl, session }) {
	const { ctx, emulator } = s;
	const subscribed = await ctx.checkAsync(
		'aibot socket: the active workflow subscribes the bot over the long connection',
		async () => {
			const waited = await emulator.post('/__emulator/aibot/ws/wait', { botId: BOT, timeoutMs: 30_000 });
			assert.strictEqual(waited.subscribed, true, 'no subscription within 30 s');
			const open = await openConnections(emulator);
			assert.strictEqual(open.length, 1, JSON.stringify(open));
			assert.strictEqual(open[0].subscribed, true);
		},
	);
	if (!subscribed) return;

	const before = await s.executions.count(ID);
	await ctx.checkAsync(
		"aibot socket: a text message → stream frames on its req_id, the last finished with the model's answer",
		async () => {
			const result = await conversation(s, 'n8n 能接企业微信吗？');
			assert.ok(result.firstReplyMs < 1000, `first stream frame after ${result.firstReplyMs} ms`);
			const page = await s.executions.settle(ID, before + 1);
			assert.strictEqual(page.count, before + 1);
			assert.strictEqual(page.results[0].status, 'success');
			const execution = await s.executions.data(page.results[0].id);
			assert.ok(!JSON.stringify(execution.data).includes(h.DEMO_AIBOT.secret), 'the Secret is in the execution data');
		},
	);

	await ctx.checkAsync(
		'aibot socket: enter_chat → the welcome text as aibot_respond_welcome_msg within 5 s',
		async () => {
			const message = {
				chattype: 'single',
				from: { userid: 'lisi' },
				msgtype: 'event',
				event: { eventtype: 'enter_chat' },
			};
			const result = await emulator.post('/__emulator/aibot/ws/converse', { botId: BOT, message, timeoutMs: 10_000 });
			assert.strictEqual(result.finished, true, describe(result));
			assert.ok(result.completedMs < 5000, `welcome after ${result.completedMs} ms`);
			assert.deepStrictEqual(
				result.replies.map(({ cmd, body, errcode }) => ({ cmd, body, errcode })),
				[{ cmd: 'aibot_respond_welcome_msg', errcode: 0, body: { msgtype: 'text', text: { content: WELCOME } } }],
			);
		},
	);

	await ctx.checkAsync(
		'aibot socket: the emulator drops the socket → subscribed again within 5 s, messages flow again',
		async () => {
			const dropped = await emulator.post('/__emulator/aibot/ws/drop', { botId: BOT });
			assert.strictEqual(dropped.dropped, 1);
			const waited = await emulator.post('/__emulator/aibot/ws/wait', { botId: BOT, timeoutMs: 10_000 });
			assert.strictEqual(waited.subscribed, true, 'no new subscription within 10 s');
			assert.ok(waited.ms < 5000, `subscribed again after ${waited.ms} ms`);
			console.log(`  aibot socket: subscribed again ${waited.ms} ms after the drop`);
			await conversation(s, '断线之后还在吗？');
		},
	);

	await ctx.checkAsync(
		'aibot socket: deactivating the workflow closes the socket (n8n sends the close frame)',
		async () => {
			const [open] = await openConnections(emulator);
			if (h.N8N_MAJOR >= 2) await ctx.rest(baseUrl, session.cookie, 'POST', `/rest/workflows/${ID}/deactivate`, {});
			else {
				const current = await ctx.rest(baseUrl, session.cookie, 'GET', `/rest/workflows/${ID}`);
				await ctx.rest(baseUrl, session.cookie, 'PATCH', `/rest/workflows/${ID}`, {
					active: false,
					versionId: current.versionId,
				});
			}
			await ctx.waitFor('the socket to close', 10_000, async () => (await openConnections(emulator)).length === 0);
			const closed = (await get(emulator, '/__emulator/aibot/ws/connections')).find(
				(connection) => connection.id === open.id,
			);
			assert.match(closed.closeReason, /^closed by the client \(1000\)$/);
			const response = await fetch(`${emulator.url}/__emulator/aibot/ws/push`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ botId: BOT, message: text('anyone?') }),
			});
			assert.strictEqual(response.status, 409);
		},
	);

	// What a user does before activating: Execute workflow (listen) with the long-connection trigger.
	await ctx.checkAsync(
		'aibot socket: a manual listen ("Execute workflow") subscribes, runs on the next message, then closes the socket',
		async () => {
			const current = await ctx.rest(baseUrl, session.cookie, 'GET', `/rest/workflows/${ID}`);
			const trigger = current.nodes.find((node) => node.type === 'n8n-nodes-wecom-oa.weComAiBotLongConnectionTrigger');
			const { executionId } = await ctx.rest(baseUrl, session.cookie, 'POST', `/rest/workflows/${ID}/run`, {
				workflowData: current,
				triggerToStartFrom: { name: trigger.name },
			});
			const waited = await emulator.post('/__emulator/aibot/ws/wait', { botId: BOT, timeoutMs: 30_000 });
			assert.strictEqual(waited.subscribed, true, 'the manual listen did not subscribe within 30 s');
			await conversation(s, '手动监听时也能回答吗？');
			const execution = await ctx.waitFor('the manual execution to finish', 30_000, async () => {
				const record = await ctx.rest(baseUrl, session.cookie, 'GET', `/rest/executions/${executionId}`);
				return record.finished || !['new', 'running'].includes(record.status) ? record : undefined;
			});
			assert.deepStrictEqual({ mode: execution.mode, status: execution.status }, { mode: 'manual', status: 'success' });
			// Left open, the socket would keep the bot's one connection and the workflow could not be activated.
			await ctx.waitFor(
				'the listen socket to close',
				10_000,
				async () => (await openConnections(emulator)).length === 0,
			);
		},
	);
}

module.exports = { conversation, run, workflows };
