'use strict';
/**
 * examples/oa-tag-by-qr-scene.json in a REAL n8n, on the production URL of the active workflow, driven by the
 * emulator's callback pusher: a new follower's `subscribe` with EventKey `qrscene_tag_100` and a follower's
 * `SCAN` with `tag_100` each get "success" at once and tag that follower with tag 100 (batchtagging, exact body);
 * a plain follow (no EventKey) runs the workflow but tags no one. Then the whole story: n8n runs WeChat OA QR Code →
 * Create (a test workflow behind a webhook) for scene tag_100, whose picture comes from the emulator playing
 * mp.weixin.qq.com; a new user "scans" that very ticket (the emulator's scan control), WeChat's subscribe event is
 * pushed to the example, and the scanner ends up tagged. callbacks.js imports and publishes `workflows()` with the
 * callback examples and calls `run` once n8n is up.
 */
const assert = require('node:assert');
const path = require('node:path');
const h = require('./host');

const FILE = 'oa-tag-by-qr-scene.json';
const FILE_ID = h.readJson(path.join(h.ROOT, 'examples', FILE)).id;
const OA_GH = 'gh_demo_oa';
const TAG = 100;
/** A demo follower without tag 100 (the demo tag holds followers 1 to 3). */
const FOLLOWER = 'o_demo_follower_4';

const POSTER = 'e2e-qr-poster';
const CREDENTIAL = { weChatOaApi: { id: h.DEMO_OA_CREDENTIAL.id, name: h.DEMO_OA_CREDENTIAL.name } };

const POSTER_PATH = 'e2e-qr-poster';

/** A webhook that runs QR Code → Create for the poster of scene tag_100 and answers its output (ticket, URL). */
function posterWorkflow() {
	return {
		id: POSTER,
		name: 'e2e: a poster QR code for tag 100, over a webhook',
		nodes: [
			{
				id: 'b7c1e0a2-0001-4a55-9c1e-2f3a4b5c6d01',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'c3d4e5f6-0a1b-4c2d-8e3f-4a5b6c7d8e01',
				parameters: { httpMethod: 'POST', path: POSTER_PATH, responseMode: 'lastNode', options: {} },
			},
			{
				id: 'b7c1e0a2-0002-4a55-9c1e-2f3a4b5c6d02',
				name: 'Poster code',
				type: 'n8n-nodes-wecom-oa.weChatOa',
				typeVersion: 1,
				position: [240, 0],
				parameters: {
					resource: 'qrCode',
					operation: 'create',
					codeType: 'temporary',
					sceneType: 'string',
					sceneStr: `tag_${TAG}`,
					expireSeconds: 3600,
				},
				credentials: CREDENTIAL,
			},
		],
		connections: { Webhook: { main: [[{ node: 'Poster code', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** What callbacks.js imports and publishes for these checks . */
function workflows() {
	return [h.readJson(path.join(h.ROOT, 'examples', FILE)), posterWorkflow()];
}

/** The emulator's request log (the standalone callbacks host's emulator client has no log helpers). */
async function requestLog(emulator, pathname) {
	const query = pathname ? `?path=${encodeURIComponent(pathname)}` : '';
	return (await fetch(`${emulator.url}/__emulator/log${query}`)).json();
}

/** The newest request's seq, and the requests after such a mark. */
async function logMark(emulator) {
	const entries = await requestLog(emulator);
	return entries.length ? entries[entries.length - 1].seq : 0;
}

async function since(emulator, seq, pathname) {
	return (await requestLog(emulator, pathname)).filter((entry) => entry.seq > seq);
}

const event = (from, name, eventKey, createTime) => ({
	ToUserName: OA_GH,
	FromUserName: from,
	CreateTime: createTime,
	MsgType: 'event',
	Event: name,
	EventKey: eventKey,
	...(eventKey
		? { Ticket: 'gQH47joAAAAAAAAAASxodHRwOi8vd2VpeGluLnFxLmNvbS9xL2taZ2Z3TVRtNzJXV1Brb3ZhYmJJAAIEZ23sUwMEmm3sUw==' }
		: {}),
});

/** `s`: callbacks.js's scenario state; `helpers`: what callbacks.js lends (URLs, the pusher, describe). */
async function run(s, { baseUrl, productionUrl, waitForProductionUrl, push, describe }) {
	const [workflow] = workflows();
	const { ctx, emulator } = s;
	const url = productionUrl(baseUrl, workflow);
	const ready = await ctx.checkAsync(
		'qr tagging: the trigger answers on its production URL (active workflow)',
		async () => {
			const { status } = await waitForProductionUrl(ctx, url);
			assert.strictEqual(status, 401);
		},
	);
	if (!ready) return;
	const stamp = Date.now();
	const newcomer = `o_qr_newcomer_${stamp}`;
	const plain = `o_plain_newcomer_${stamp}`;
	await emulator.post('/__emulator/oa/accounts/update', { appId: h.DEMO_OA.appId, addFollowers: [newcomer, plain] });
	const before = await s.executions.count(workflow.id);
	const mark = await logMark(emulator);
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
	await ctx.checkAsync(
		'qr tagging: three successful executions; batchtagging tagged exactly the two scanners',
		async () => {
			const page = await s.executions.settle(workflow.id, before + pushes.length);
			assert.strictEqual(page.count, before + pushes.length);
			assert.deepStrictEqual(
				page.results.slice(0, pushes.length).map((entry) => entry.status),
				pushes.map(() => 'success'),
			);
			const tagging = await since(emulator, mark, '/cgi-bin/tags/members/batchtagging');
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
		},
	);
	await ctx.checkAsync(
		"qr tagging: the emulator's tag 100 now holds both scanners, not the plain follower",
		async () => {
			const state = await emulator.state();
			const account = state.oa.accounts.find((candidate) => candidate.appId === h.DEMO_OA.appId);
			const members = account.tags.find((tag) => tag.id === TAG).openids;
			assert.ok(members.includes(newcomer) && members.includes(FOLLOWER), JSON.stringify(members));
			assert.ok(!members.includes(plain), JSON.stringify(members));
		},
	);
	await posterScan(s, { baseUrl, url, waitForProductionUrl });
}

/** n8n creates the poster code; a new user scans its ticket; the example tags them. */
async function posterScan(s, { baseUrl, url, waitForProductionUrl }) {
	const { ctx, emulator } = s;
	const mark = await logMark(emulator);
	let ticket;
	const created = await ctx.checkAsync(
		'qr tagging: QR Code → Create in n8n: ticket, URL and the picture from the image host (not the API host)',
		async () => {
			const posterUrl = `${baseUrl}/webhook/${POSTER_PATH}`;
			assert.strictEqual((await waitForProductionUrl(ctx, posterUrl)).status, 404); // registered, POST only
			const before = await s.executions.count(POSTER);
			const response = await fetch(posterUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{}',
			});
			const answer = await response.text();
			assert.strictEqual(response.status, 200, answer);
			const page = await s.executions.settle(POSTER, before + 1);
			const execution = await s.executions.data(page.results[0].id);
			assert.strictEqual(execution.status, 'success', answer);
			const [item] = execution.data.resultData.runData['Poster code'][0].data.main[0];
			ticket = item.json.ticket;
			assert.deepStrictEqual(
				{
					scene: item.json.scene_str,
					image: item.json.image_url,
					mime: item.binary?.data?.mimeType,
					file: item.binary?.data?.fileName,
				},
				{
					scene: `tag_${TAG}`,
					image: `${emulator.url}/cgi-bin/showqrcode?ticket=${encodeURIComponent(ticket)}`,
					mime: 'image/png',
					file: `qrcode-tag_${TAG}.png`,
				},
			);
			const log = await since(emulator, mark);
			const [create] = log.filter((entry) => entry.path === '/cgi-bin/qrcode/create');
			assert.deepStrictEqual(create.json, {
				action_name: 'QR_STR_SCENE',
				action_info: { scene: { scene_str: `tag_${TAG}` } },
				expire_seconds: 3600,
			});
			const shows = log.filter((entry) => entry.path === '/cgi-bin/showqrcode');
			assert.deepStrictEqual(
				shows.map((entry) => [entry.query.ticket, entry.query.access_token, entry.status]),
				[[ticket, undefined, 200]],
			);
		},
	);
	if (!created) return;
	const appId = h.DEMO_OA.appId;
	const scanner = `o_poster_scanner_${Date.now()}`;
	const before = await s.executions.count(FILE_ID);
	await emulator.post('/__emulator/callbacks/oa', { appId, url, ...h.DEMO_OA_CALLBACK, mode: 'safe' });
	try {
		const scanMark = await logMark(emulator);
		await ctx.checkAsync(
			'qr tagging: a new user scans the poster: subscribe (qrscene_tag_100) → the example tags them',
			async () => {
				const event = await emulator.post('/__emulator/oa/qrcode/scan', { appId, ticket, openid: scanner });
				assert.deepStrictEqual(
					[event.Event, event.EventKey, event.Ticket],
					['subscribe', `qrscene_tag_${TAG}`, ticket],
				);
				const page = await s.executions.settle(FILE_ID, before + 1);
				assert.strictEqual(page.results[0].status, 'success');
				const tagging = await since(emulator, scanMark, '/cgi-bin/tags/members/batchtagging');
				assert.deepStrictEqual(
					tagging.map((entry) => entry.json),
					[{ openid_list: [scanner], tagid: TAG }],
				);
			},
		);
	} finally {
		await emulator.post('/__emulator/callbacks/oa', { appId, url: null });
	}
}

module.exports = { workflows, run };
