'use strict';
/**
 * Issue 8 defect 2 in a real n8n: a reply node that fails must not leave WeChat without an answer, nor its
 * retries waiting. An active WeChat OA Trigger (passive reply) → WeChat OA Reply "news" with 2 articles, which
 * WeChat refuses in a reply to a user message (it takes 1 there).
 *
 *   first    a text in safe mode: WeChat hears "success" on the first try, well before the guard time (the
 *            reply failed at once and handed the answer back), never n8n's own 500; the execution ends in an
 *            error whose message names the field (Articles)
 *   retry    the same MsgId again, as WeChat retries: answered "success" at once, and no second execution
 *   before   a node that fails BEFORE the reply (Stop and Error): n8n's own 500 "Error in workflow" never reaches
 *            WeChat, which hears "success" on the first try; its retry too, with no second execution
 *
 * Called by callbacks.js inside its own `n8n start`, with its helpers (no import cycle).
 */
const assert = require('node:assert');

const WORKFLOW_ID = 'e2e-failing-reply';
const FAILS_FIRST_ID = 'e2e-fails-before-reply';
const credentials = { weChatOaApi: { id: 'wechat-oa-demo', name: 'WeChat OA (emulator demo)' } };

const trigger = (id, webhookId) => ({
	id,
	name: 'WeChat OA Trigger',
	type: 'n8n-nodes-wecom-oa.weChatOaTrigger',
	typeVersion: 1,
	position: [0, 0],
	webhookId,
	parameters: { triggerOn: ['message:text'], reply: 'replyNode', options: {} },
	credentials,
});

/** The workflows, imported and published with the callback examples. */
function workflows() {
	return [
		{
			id: WORKFLOW_ID,
			name: 'e2e: a passive reply that fails (news with 2 articles to a user message)',
			nodes: [
				trigger('6a2f0c1e-8b4d-4f3a-9e57-1c2d3e4f5a01', '7b3e1d2f-9c5e-4a4b-8f68-2d3e4f5a6b02'),
				{
					id: '8c4f2e3a-0d6f-4b5c-9a79-3e4f5a6b7c03',
					name: 'Reply with two articles',
					type: 'n8n-nodes-wecom-oa.weChatOaReply',
					typeVersion: 1,
					position: [260, 0],
					parameters: {
						resource: 'passiveReply',
						operation: 'news',
						articles: {
							article: [
								{ title: '第一篇', url: 'https://example.com/1' },
								{ title: '第二篇', url: 'https://example.com/2' },
							],
						},
						options: {},
					},
					credentials,
				},
			],
			connections: {
				'WeChat OA Trigger': { main: [[{ node: 'Reply with two articles', type: 'main', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
			pinData: {},
			active: false,
			tags: [],
		},
		{
			id: FAILS_FIRST_ID,
			name: 'e2e: a node fails before the passive reply',
			nodes: [
				trigger('9d5a3f4b-1e7a-4c6d-8b8a-4f5a6b7c8d04', 'ae6b4a5c-2f8b-4d7e-9c9b-5a6b7c8d9e05'),
				{
					id: 'bf7c5b6d-3a9c-4e8f-8dac-6b7c8d9e0f06',
					name: 'Stop and Error',
					type: 'n8n-nodes-base.stopAndError',
					typeVersion: 1,
					position: [220, 0],
					parameters: { errorMessage: 'the order service is down' },
				},
				{
					id: 'c08d6c7e-4bad-4f90-9ebd-7c8d9e0f1a07',
					name: 'Reply',
					type: 'n8n-nodes-wecom-oa.weChatOaReply',
					typeVersion: 1,
					position: [440, 0],
					parameters: { resource: 'passiveReply', operation: 'text', content: 'never sent', options: {} },
					credentials,
				},
			],
			connections: {
				'WeChat OA Trigger': { main: [[{ node: 'Stop and Error', type: 'main', index: 0 }]] },
				'Stop and Error': { main: [[{ node: 'Reply', type: 'main', index: 0 }]] },
			},
			settings: { executionOrder: 'v1' },
			pinData: {},
			active: false,
			tags: [],
		},
	];
}

/**
 * `helpers`: from callbacks.js: baseUrl, productionUrl, waitForProductionUrl, push (an OA safe-mode push to a
 * URL), oaText, describe.
 */
async function run(s, helpers) {
	await failingReply(s, helpers);
	await failingBeforeReply(s, helpers);
}

async function failingReply(s, helpers) {
	const [workflow] = workflows();
	const url = helpers.productionUrl(helpers.baseUrl, workflow);
	const ready = await helpers.waitForProductionUrl(s.ctx, url);
	const before = await s.executions.count(WORKFLOW_ID);
	const message = helpers.oaText('请推荐两篇文章');
	let first;
	await s.ctx.checkAsync(
		'failing reply: WeChat hears "success" on the first try, at once (not after the guard, never a 500)',
		async () => {
			assert.strictEqual(ready.status, 401, `${url} answered ${ready.status}`);
			first = await helpers.push(url, { message });
			assert.strictEqual(first.attempts.length, 1, helpers.describe(first));
			assert.deepStrictEqual([first.attempts[0].status, first.answer.kind], [200, 'success'], helpers.describe(first));
			// The guard is 4 s: an answer well before it came from the failed reply handing the slot back.
			assert.ok(first.attempts[0].ms < 3000, `answered after ${first.attempts[0].ms} ms`);
		},
	);
	if (first) console.log(`  "success" after ${first.attempts[0].ms} ms`);
	await s.ctx.checkAsync('failing reply: the execution errors with a message naming the field (Articles)', async () => {
		const page = await s.executions.settle(WORKFLOW_ID, before + 1);
		assert.strictEqual(page.count, before + 1);
		assert.strictEqual(page.results[0].status, 'error');
		const execution = await s.executions.data(page.results[0].id);
		const error = execution.data?.resultData?.error;
		assert.match(String(error?.message), /^Articles: .*only 1 article/, JSON.stringify(error).slice(0, 500));
	});
	await s.ctx.checkAsync(
		'failing reply: the retry of the same MsgId is answered "success", no second run',
		async () => {
			const retry = await helpers.push(url, { message });
			assert.deepStrictEqual([retry.attempts.length, retry.answer.kind], [1, 'success'], helpers.describe(retry));
			assert.ok(retry.attempts[0].ms < 1000, `the retry waited ${retry.attempts[0].ms} ms`);
			const page = await s.executions.settle(WORKFLOW_ID, before + 1);
			assert.strictEqual(page.count, before + 1, `executions: ${page.count - before}`);
		},
	);
}

async function failingBeforeReply(s, helpers) {
	const url = helpers.productionUrl(helpers.baseUrl, workflows()[1]);
	const ready = await helpers.waitForProductionUrl(s.ctx, url);
	const before = await s.executions.count(FAILS_FIRST_ID);
	const message = helpers.oaText('查询订单');
	await s.ctx.checkAsync(
		'a node fails before the reply: WeChat hears "success" on the first try, never n8n\'s 500',
		async () => {
			assert.strictEqual(ready.status, 401, `${url} answered ${ready.status}`);
			const first = await helpers.push(url, { message });
			assert.strictEqual(first.attempts.length, 1, helpers.describe(first));
			assert.deepStrictEqual([first.attempts[0].status, first.answer.kind], [200, 'success'], helpers.describe(first));
			assert.ok(first.attempts[0].ms < 3000, `answered after ${first.attempts[0].ms} ms`);
			const page = await s.executions.settle(FAILS_FIRST_ID, before + 1);
			assert.deepStrictEqual([page.count, page.results[0].status], [before + 1, 'error']);
			const retry = await helpers.push(url, { message });
			assert.deepStrictEqual([retry.attempts.length, retry.answer.kind], [1, 'success'], helpers.describe(retry));
			const after = await s.executions.settle(FAILS_FIRST_ID, before + 1);
			assert.strictEqual(after.count, before + 1, `executions: ${after.count - before}`);
		},
	);
}

module.exports = { workflows, run };
