'use strict';
/**
 * examples/wecom-kf-ai-answer.json (微信客服) in a REAL n8n, on the production URL of the active workflow, driven
 * by the emulator: a customer writes (emulator control), the emulator's pusher sends the encrypted
 * kf_msg_or_event the way WeCom does, the trigger answers "success" at once, reads the message with sync_msg
 * (the event's Token), the Code node stands in for the AI agent, and WeCom Customer Service → Send answers the
 * customer (send_msg, exact body). The same event pushed again, and two events pushed together, send nothing
 * twice. `afterRestart` runs after callbacks.js stopped n8n: a customer writes while n8n is down, n8n starts
 * again, and only that message is answered (the cursor lived in the workflow's static data).
 */
const assert = require('node:assert');
const path = require('node:path');
const h = require('./host');

const FILE = 'wecom-kf-ai-answer.json';
/** The demo corp's customer service account, seeded by test/emulator/main.ts. */
const KF_ACCOUNT = 'wkDemoSupportDesk';

function example() {
	return h.readJson(path.join(h.ROOT, 'examples', FILE));
}

/** What callbacks.js imports and publishes for these checks. */
function workflows() {
	return [example()];
}

function triggerUrl(baseUrl) {
	const trigger = example().nodes.find((node) => node.type === 'n8n-nodes-wecom-oa.weComKfTrigger');
	return `${baseUrl}/webhook/${trigger.webhookId}/callback`;
}

/** A customer writes; returns the kf_msg_or_event WeCom would push for it. */
async function customerWrites(emulator, customer, text) {
	const answer = await emulator.post('/__emulator/wecom/kf/customer_message', {
		corpId: h.DEMO_APP.corpId,
		open_kfid: KF_ACCOUNT,
		external_userid: customer,
		text,
	});
	return answer.event;
}

async function requestLog(emulator, pathname) {
	return (await fetch(`${emulator.url}/__emulator/log?path=${encodeURIComponent(pathname)}`)).json();
}

async function logMark(emulator) {
	const entries = await (await fetch(`${emulator.url}/__emulator/log`)).json();
	return entries.length ? entries[entries.length - 1].seq : 0;
}

async function sendsSince(emulator, seq) {
	return (await requestLog(emulator, '/cgi-bin/kf/send_msg')).filter((entry) => entry.seq > seq);
}

/** `helpers`: what callbacks.js lends (the pusher with the WeCom demo secrets, the URL wait, describe). */
async function run(s, { baseUrl, waitForProductionUrl, push, describe }) {
	const { ctx, emulator } = s;
	const workflow = example();
	const url = triggerUrl(baseUrl);
	const ready = await ctx.checkAsync('kf: the trigger answers on its production URL (active workflow)', async () => {
		const { status } = await waitForProductionUrl(ctx, url);
		assert.strictEqual(status, 401);
	});
	if (!ready) return;
	const stamp = Date.now();
	const customer = `wmE2eCustomer${stamp}`;
	const before = await s.executions.count(workflow.id);
	let mark = await logMark(emulator);
	const event = await customerWrites(emulator, customer, '我想退货');

	await ctx.checkAsync('kf: kf_msg_or_event is answered "success" at once, on the first try', async () => {
		const record = await push(url, { message: event });
		assert.deepStrictEqual([record.attempts.length, record.answer.kind], [1, 'success'], describe(record));
		assert.ok(record.attempts[0].ms < 5000, `answered after ${record.attempts[0].ms} ms`);
	});
	await ctx.checkAsync(
		"kf: one execution; sync_msg with the event's Token; send_msg answers the customer (exact body)",
		async () => {
			const page = await s.executions.settle(workflow.id, before + 1);
			assert.strictEqual(page.count, before + 1);
			assert.strictEqual(page.results[0].status, 'success');
			const syncs = (await requestLog(emulator, '/cgi-bin/kf/sync_msg')).filter((entry) => entry.seq > mark);
			assert.deepStrictEqual(
				syncs.map((entry) => [entry.json.token, entry.json.open_kfid, entry.response.errcode]),
				[[event.Token, KF_ACCOUNT, 0]],
			);
			const sends = await sendsSince(emulator, mark);
			assert.deepStrictEqual(
				sends.map((entry) => [entry.json, entry.response.errcode]),
				[
					[
						{
							touser: customer,
							open_kfid: KF_ACCOUNT,
							msgtype: 'text',
							text: { content: '您好！退货请在订单页点击「申请售后」，我们会在 24 小时内处理。' },
						},
						0,
					],
				],
			);
		},
	);

	mark = await logMark(emulator);
	const afterFirst = await s.executions.count(workflow.id);
	await ctx.checkAsync('kf: the same event pushed again (a WeCom retry) starts no run and reads nothing', async () => {
		const record = await push(url, { message: event });
		assert.strictEqual(record.answer.kind, 'success', describe(record));
		await h.delay(1500);
		assert.strictEqual(await s.executions.count(workflow.id), afterFirst);
		assert.deepStrictEqual(await sendsSince(emulator, mark), []);
	});

	mark = await logMark(emulator);
	await ctx.checkAsync('kf: two events pushed together: each message answered exactly once', async () => {
		const first = await customerWrites(emulator, `${customer}a`, '在吗');
		const second = await customerWrites(emulator, `${customer}b`, '发货了吗');
		const records = await Promise.all([push(url, { message: first }), push(url, { message: second })]);
		for (const record of records) assert.strictEqual(record.answer.kind, 'success', describe(record));
		await ctx.waitFor('two kf sends', 20_000, async () => (await sendsSince(emulator, mark)).length >= 2);
		await h.delay(1500);
		const sends = await sendsSince(emulator, mark);
		assert.deepStrictEqual(sends.map((entry) => entry.json.touser).sort(), [`${customer}a`, `${customer}b`]);
	});
	return { customer };
}

/**
 * After callbacks.js stopped n8n: a customer writes while n8n is down; `start` starts n8n again on the same user
 * folder and resolves to `{ executions, stop }`. Only the new message is answered.
 */
async function afterRestart(ctx, { emulator, baseUrl, start, waitForProductionUrl, push, describe }) {
	const workflow = example();
	const url = triggerUrl(baseUrl);
	const customer = `wmE2eAfterRestart${Date.now()}`;
	const event = await customerWrites(emulator, customer, '重启之后还在吗');
	const mark = await logMark(emulator);
	const server = await start();
	try {
		const ready = await ctx.checkAsync('kf after restart: the trigger answers on its production URL', async () => {
			const { status } = await waitForProductionUrl(ctx, url);
			assert.strictEqual(status, 401);
		});
		if (!ready) return;
		const before = await server.executions.count(workflow.id);
		await ctx.checkAsync(
			'kf after restart: the cursor survived: only the message written meanwhile runs and is answered',
			async () => {
				const record = await push(url, { message: event });
				assert.strictEqual(record.answer.kind, 'success', describe(record));
				const page = await server.executions.settle(workflow.id, before + 1);
				assert.strictEqual(page.count, before + 1);
				assert.strictEqual(page.results[0].status, 'success');
				const syncs = (await requestLog(emulator, '/cgi-bin/kf/sync_msg')).filter((entry) => entry.seq > mark);
				assert.ok(syncs.length >= 1 && syncs[0].json.cursor, 'the first pull after the restart had no cursor');
				const sends = await sendsSince(emulator, mark);
				assert.deepStrictEqual(
					sends.map((entry) => entry.json.touser),
					[customer],
				);
			},
		);
	} finally {
		await server.stop();
	}
}

module.exports = { workflows, run, afterRestart, KF_ACCOUNT };
