'use strict';
/**
 * PUBLISHJOBFINISH (发布结果的事件推送) in a real n8n: a WeChat OA Trigger on that event is the demo account's server
 * URL in the emulator (safe mode). A draft is published through the emulator's API (stable_token, add_material,
 * draft/add, freepublish/submit); the job finishes a few seconds later and the emulator pushes the event, which
 * starts the trigger's workflow with the publish_id and the article URL as strings. A job ended as "original
 * check failed" (2) for its first article arrives with fail_idx as a list of one.
 *
 * Called by callbacks.js inside its own `n8n start`, with its helpers (no import cycle).
 */
const assert = require('node:assert');
const h = require('./host');

const EVENTS_WEBHOOK_ID = '8e4c2b19-7d3a-4f6e-b1c5-9a0d2e7f4c31';
const credentials = { weChatOaApi: { id: 'wechat-oa-demo', name: 'WeChat OA (emulator demo)' } };
/** A JPEG the emulator accepts as a permanent image (it judges the format by the first bytes). */
const COVER = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(2000, 7)]);

function workflows() {
	return [
		{
			id: 'e2e-publish-events',
			name: 'e2e: PUBLISHJOBFINISH events',
			nodes: [
				{
					id: '9f5d3c2a-8e4b-4a7f-a2d6-0b1e3f8a5d42',
					name: 'WeChat OA Trigger',
					type: 'n8n-nodes-wecom-oa.weChatOaTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId: EVENTS_WEBHOOK_ID,
					parameters: { triggerOn: ['event:PUBLISHJOBFINISH'], options: {} },
					credentials,
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
			active: false,
		},
	];
}

/** What a developer's server would do: the emulator's API with the demo account's token. */
function weChat(emulatorUrl) {
	let token;
	const call = async (pathname, init, query = {}) => {
		const search = new URLSearchParams({ ...(token ? { access_token: token } : {}), ...query });
		const response = await fetch(`${emulatorUrl}${pathname}?${search}`, init);
		const json = await response.json();
		if (json.errcode) throw new Error(`${pathname} answered ${JSON.stringify(json)}`);
		return json;
	};
	const post = (pathname, body) =>
		call(pathname, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
	return {
		async draft(title) {
			token ??= (await post('/cgi-bin/stable_token', { grant_type: 'client_credential', appid: h.DEMO_OA.appId, secret: h.DEMO_OA.appSecret })).access_token;
			const form = new FormData();
			form.append('media', new Blob([COVER], { type: 'image/jpeg' }), 'cover.jpg');
			const cover = await call('/cgi-bin/material/add_material', { method: 'POST', body: form }, { type: 'image' });
			const article = { title, content: `<p>${title}</p>`, thumb_media_id: cover.media_id };
			return (await post('/cgi-bin/draft/add', { articles: [article] })).media_id;
		},
		submit: async (mediaId) => (await post('/cgi-bin/freepublish/submit', { media_id: mediaId })).publish_id,
		status: (publishId) => post('/cgi-bin/freepublish/get', { publish_id: publishId }),
	};
}

/**
 * `s`: callbacks.js's scenario state (ctx, executions, emulator); `tools`: its productionUrl, waitForProductionUrl,
 * firstJson and the callback secrets.
 */
async function publishEvent(s, { baseUrl, productionUrl, waitForProductionUrl, firstJson, secrets }) {
	const [events] = workflows();
	const eventsUrl = productionUrl(baseUrl, events);
	const ready = await s.ctx.checkAsync('publish event: the PUBLISHJOBFINISH trigger is registered', async () => {
		assert.strictEqual((await waitForProductionUrl(s.ctx, eventsUrl)).status, 401);
	});
	if (!ready) return;
	const appId = h.DEMO_OA.appId;
	const api = weChat(s.emulator.url);
	await s.emulator.post('/__emulator/callbacks/oa', { appId, url: eventsUrl, ...secrets, mode: 'safe' });
	try {
		const before = await s.executions.count(events.id);
		let publishId;
		await s.ctx.checkAsync(
			'publish event: a published draft reaches the trigger as PUBLISHJOBFINISH, publish_id and article URL as strings',
			async () => {
				publishId = await api.submit(await api.draft('发布事件'));
				const page = await s.executions.settle(events.id, before + 1);
				const item = firstJson(await s.executions.data(page.results[0].id), 'WeChat OA Trigger');
				const status = await api.status(publishId);
				assert.strictEqual(status.publish_status, 0);
				assert.deepStrictEqual(
					{ Event: item.Event, FromUserName: item.FromUserName, info: item.PublishEventInfo },
					{
						Event: 'PUBLISHJOBFINISH',
						FromUserName: 'mphelper',
						info: {
							publish_id: String(publishId),
							publish_status: '0',
							article_id: status.article_id,
							article_detail: { count: '1', item: [{ idx: '1', article_url: status.article_detail.item[0].article_url }] },
						},
					},
				);
			},
		);
		await s.ctx.checkAsync('publish event: a job failed for one article arrives with fail_idx as a list of one', async () => {
			await s.emulator.post('/__emulator/oa/settings', { publishJobDelaySeconds: 600 });
			const failedId = await api.submit(await api.draft('原创检查'));
			await s.emulator.post('/__emulator/oa/publish/finish', { publishId: failedId, status: 2, failIdx: [1] });
			const page = await s.executions.settle(events.id, before + 2);
			const items = await Promise.all(page.results.map(async (execution) => firstJson(await s.executions.data(execution.id), 'WeChat OA Trigger')));
			const failed = items.find((item) => item.PublishEventInfo?.publish_id === String(failedId));
			assert.deepStrictEqual(failed?.PublishEventInfo, { publish_id: String(failedId), publish_status: '2', fail_idx: ['1'] });
		});
	} finally {
		await s.emulator.post('/__emulator/oa/settings', { publishJobDelaySeconds: 3 });
		await s.emulator.post('/__emulator/callbacks/oa', { appId, url: null });
	}
}

module.exports = { workflows, publishEvent };
