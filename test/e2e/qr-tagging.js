'use strict';
/**
 * examples/oa-tag-by-qr-scene.json in a REAL n8n, on the production URL of the active workflow, driven by the
 * emulator's callback pusher: a new follower's `subscribe` with EventKey `qrscene_tag_100` and a follower's
 * `SCAN` with `tag_100` each get "success" at once and tag that follower with tag 100 (batchtagging, exact body);
 * a plain follow (no EventKey) runs the workflow but tags no one. callbacks.js imports and publishes
 * `workflows()` with the callback examples and calls `run` once n8n is up.
 */
const assert = require('node:assert');
const path = require('node:path');
const h = require('./host');

const FILE = 'oa-tag-by-qr-scene.json';
const OA_GH = 'gh_demo_oa';
const TAG = 100;
/** A demo follower without tag 100 (the demo tag holds followers 1 to 3). */
const FOLLOWER = 'o_demo_follower_4';

/** What callbacks.js imports and publishes for these checks. */
function workflows() {
	return [h.readJson(path.join(h.ROOT, 'examples', FILE))];
}

const event = (from, name, eventKey, createTime) => ({
	ToUserName: OA_GH,
	FromUserName: from,
	CreateTime: createTime,
	MsgType: 'event',
	Event: name,
	EventKey: eventKey,
	...(eventKey ? { Ticket: 'gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw==' } : {}),
});

/** `s`: callbacks.js's scenario state; `helpers`: what callbacks.js lends (URLs, the pusher, describe). */
async function run(s, { baseUrl, productionUrl, waitForProductionUrl, push, describe }) {
	const [workflow] = workflows();
	const { ctx, emulator } = s;
	const url = productionUrl(baseUrl, workflow);
	const ready = await ctx.checkAsync('qr tagging: the trigger answers on its production URL (active workflow)', async () => {
		const { status } = await waitForProductionUrl(ctx, url);
		assert.strictEqual(status, 401);
	});
	if (!ready) return;
	const stamp = Date.now();
	const newcomer = `o_qr_newcomer_${stamp}`;
	const plain = `o_plain_newcomer_${stamp}`;
	await emulator.post('/__emulator/oa/accounts/update', { appId: h.DEMO_OA.appId, addFollowers: [newcomer, plain] });
	const before = await s.executions.count(workflow.id);
	const mark = await emulator.mark();
	const now = Math.floor(stamp / 1000);
	const pushes = [
		['subscribe via the code (qrscene_tag_100)', event(newcomer, 'subscribe', `qrscene_tag_${TAG}`, now)],
		['SCAN by a follower (tag_100)', event(FOLLOWER, 'SCAN', `tag_${TAG}`, now + 1)],
		['a plain follow (no EventKey)', event(plain, 'subscribe', '', now + 2)],
	];
	for (const [label, message] of pushes) {
		await ctx.checkAsync(`qr tagging: ${label} is answered "success" at once, on the first try`, async () => {
			const record = await push(url, { message });
			assert.deepStrictEqual([record.attempts.length, record.answer.kind], [1, 'success'], describe(record));
			assert.ok(record.attempts[0].ms < 5000, `answered after ${record.attempts[0].ms} ms`);
		});
	}
	await ctx.checkAsync('qr tagging: three successful executions; batchtagging tagged exactly the two scanners', async () => {
		const page = await s.executions.settle(workflow.id, before + pushes.length);
		assert.strictEqual(page.count, before + pushes.length);
		assert.deepStrictEqual(
			page.results.slice(0, pushes.length).map((entry) => entry.status),
			pushes.map(() => 'success'),
		);
		const tagging = await emulator.logSince(mark, '/cgi-bin/tags/members/batchtagging');
		assert.deepStrictEqual(
			tagging.map((entry) => [entry.status, entry.response?.errcode]),
			[
				[200, 0],
				[200, 0],
			],
		);
		assert.deepStrictEqual(
			tagging.map((entry) => entry.json).sort((a, b) => a.openid_list[0].localeCompare(b.openid_list[0])),
			[
				{ openid_list: [FOLLOWER], tagid: TAG },
				{ openid_list: [newcomer], tagid: TAG },
			],
		);
	});
	await ctx.checkAsync("qr tagging: the emulator's tag 100 now holds both scanners, not the plain follower", async () => {
		const state = await emulator.state();
		const account = state.oa.accounts.find((candidate) => candidate.appId === h.DEMO_OA.appId);
		const members = account.tags.find((tag) => tag.id === TAG).openids;
		assert.ok(members.includes(newcomer) && members.includes(FOLLOWER), JSON.stringify(members));
		assert.ok(!members.includes(plain), JSON.stringify(members));
	});
}

module.exports = { workflows, run };
