'use strict';
/**
 * The AI bot's long connection in n8n's queue mode (called by queue.js once the cluster is up): aibot-socket.js's
 * workflow (the AI-bot example with the WeCom AI Bot Long Connection Trigger) created and activated from the
 * editor. Its trigger, and so the bot's one socket, lives in n8n's main process; the run goes to a worker, whose
 * reply node has no socket: every stream frame it writes is relayed through Redis to main, which sends it and
 * relays WeCom's ack back. Proved on the emulator's side of the socket: one subscription, a message answered by
 * stream frames on its req_id, all accepted, the last finished with the model's answer; one successful execution,
 * started by a worker; deactivating closes the socket. Before the relay the worker's first frame failed with
 * "this n8n process does not hold" the connection and nothing but the opening frame reached WeCom.
 */
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./host');
const aiBotSocket = require('./aibot-socket');

const BOT = h.DEMO_AIBOT.botId;

const openConnections = async (emulator) =>
	(await (await fetch(`${emulator.url}/__emulator/aibot/ws/connections`)).json()).filter(
		(connection) => connection.botId === BOT && connection.closedAt === undefined,
	);

/** Whether a worker's log says it started execution `id` ("Worker started execution <id>"). */
function startedByWorker(logs, id) {
	return fs
		.readdirSync(logs)
		.filter((file) => /^n8n-worker-\d+\.log$/.test(file))
		.some((file) => fs.readFileSync(path.join(logs, file), 'utf8').includes(`Worker started execution ${id} `));
}

/** `s`: queue.js's context (ctx, emulator, executions); main's URL, the owner's session and the logs folder. */
async function run(s, { mainUrl, session, logs }) {
	const { ctx, emulator } = s;
	const rest = (method, pathname, body) => h.rest(mainUrl, session.cookie, method, pathname, body);
	const definition = aiBotSocket.workflows()[0];
	let id;
	const subscribed = await ctx.checkAsync(
		'queue: the long-connection AI-bot workflow, activated from the editor, subscribes the bot from main (one socket)',
		async () => {
			// A new workflow (n8n gives the id): queue.js imported the examples, not this variant of one.
			const created = await rest('POST', '/rest/workflows', {
				...definition,
				id: undefined,
				name: `${definition.name} (queue mode)`,
			});
			id = created.id;
			await rest('POST', `/rest/workflows/${id}/activate`, { versionId: created.versionId });
			const waited = await emulator.post('/__emulator/aibot/ws/wait', { botId: BOT, timeoutMs: 30_000 });
			assert.strictEqual(waited.subscribed, true, 'no subscription within 30 s');
			assert.strictEqual((await openConnections(emulator)).length, 1);
		},
	);
	if (!subscribed) return;

	await ctx.checkAsync(
		"queue: a message over main's socket is answered by the worker's streamed answer (relayed through Redis), one execution",
		async () => {
			const before = await s.executions.count(id);
			const result = await aiBotSocket.conversation(s, '队列模式下长连接也能回答吗？').catch(async (error) => {
				// What the worker's run said, next to what WeCom got.
				const page = await s.executions.settle(id, before + 1, 30_000).catch(() => undefined);
				const execution = page && (await s.executions.data(page.results[0].id));
				error.message += `\nexecution: ${JSON.stringify(execution?.data?.resultData?.error ?? page?.results[0]?.status)}`;
				throw error;
			});
			assert.ok(result.replies.length >= 2, `only the opening frame: ${JSON.stringify(result).slice(0, 600)}`);
			const page = await s.executions.settle(id, before + 1, 30_000);
			assert.strictEqual(page.count, before + 1);
			const [execution] = page.results;
			assert.strictEqual(execution.status, 'success');
			assert.ok(startedByWorker(logs, execution.id), `execution ${execution.id} was not started by a worker`);
		},
	);

	await ctx.checkAsync('queue: deactivating the long-connection workflow closes its socket', async () => {
		await rest('POST', `/rest/workflows/${id}/deactivate`, {});
		await ctx.waitFor('the socket to close', 10_000, async () => (await openConnections(emulator)).length === 0);
	});
}

module.exports = { run };
