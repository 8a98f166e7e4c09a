'use strict';
/**
 * The AI bot in n8n's queue mode (called by queue.js, which published aibot.js's workflows): a conversation through
 * the round-robin proxy, so the message and its polls alternate between the two webhook processes while a worker
 * runs the workflow (Append, a 2 s Wait, Finish). Every poll, whichever process it reaches, is answered from the
 * stream's state in Redis, the one the worker's reply node wrote: the first part, then the whole answer; one
 * execution; nothing through response_url. With per-process stream state, the polls reaching the other webhook
 * process were answered empty.
 */
const assert = require('node:assert');
const { converse, describe, message } = require('./aibot');
const streams = require('./aibot-stream');

const TRIGGER_PATH = `/webhook/${streams.PARTS_WEBHOOK_ID}/callback`;

/** `s`: queue.js's context (ctx, emulator, executions); `proxy`: its round-robin proxy, with `served` per process. */
async function run(s, { proxyUrl, proxy }) {
	await s.ctx.checkAsync(
		'queue: an AI-bot conversation through the proxy: polls on both webhook processes answered from Redis, the answer streamed, one execution',
		async () => {
			const before = await s.executions.count(streams.PARTS_ID);
			const responses = async () => (await fetch(`${s.emulator.url}/__emulator/aibot/responses`)).json();
			const handedOver = (await responses()).length;
			const served = [...proxy.served];
			const conversation = await streams.twoPartAnswer(s, `${proxyUrl}${TRIGGER_PATH}`, {
				message,
				converse,
				describe,
			});
			const byProcess = proxy.served.map((count, index) => count - served[index]);
			assert.ok(conversation.polls.length >= 3, `only ${conversation.polls.length} polls: ${describe(conversation)}`);
			assert.ok(
				byProcess.every((count) => count >= 2),
				`requests per webhook process during the conversation: ${byProcess.join(' / ')}`,
			);
			const page = await s.executions.settle(streams.PARTS_ID, before + 1);
			assert.strictEqual(page.count, before + 1);
			assert.strictEqual(page.results[0].status, 'success');
			assert.strictEqual((await responses()).length, handedOver, 'part of the answer went through response_url');
		},
	);
}

module.exports = { run };
