'use strict';
/**
 * Issue 8 defect 7 in a real n8n: a template message's `msgid` is above 2^53 (as WeChat's are in production, and
 * as the emulator answers them, as a bare JSON number). The WeChat OA Template node's output must carry the exact
 * digits, equal to the MsgID of the TEMPLATESENDJOBFINISH event the emulator then pushes to an active WeChat OA
 * Trigger; a node that parses the answer with JSON.parse outputs a rounded id (…870000) that matches no event.
 *
 *   send     a Webhook workflow (respond with the last node) → WeChat OA Template → Send; its HTTP answer is the
 *            node's output item
 *   event    a WeChat OA Trigger on TEMPLATESENDJOBFINISH (immediate "success"), set as the demo account's server
 *            URL in the emulator (safe mode), receives the event; its execution's item has MsgID
 *
 * Called by callbacks.js inside its own `n8n start`, with its helpers (no import cycle).
 */
const assert = require('node:assert');
const h = require('./host');

const SEND_PATH = 'e2e-template-big-id';
const EVENTS_WEBHOOK_ID = '5d1f4a52-3c8e-4e0b-9a57-2f1a8b7c6d90';
const FOLLOWER = 'o_demo_follower_1';
const credentials = { weChatOaApi: { id: 'wechat-oa-demo', name: 'WeChat OA (emulator demo)' } };

/** The two workflows, imported and published with the callback examples. */
function workflows() {
	return [
		{
			id: 'e2e-template-big-id-send',
			name: 'e2e: template send answered over a webhook',
			nodes: [
				{
					id: '1b0f7f55-3f0d-4c36-8d67-4d1f6b7e2a01',
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: 'b7a3c1e2-6f4d-4e8a-9c2b-1d0e5f6a7b02',
					parameters: { httpMethod: 'POST', path: SEND_PATH, responseMode: 'lastNode', options: {} },
				},
				{
					id: '2c1e8a66-4a1e-4d47-9e78-5e2a7c8f3b03',
					name: 'Send 订单发货通知',
					type: 'n8n-nodes-wecom-oa.weChatOaTemplate',
					typeVersion: 1,
					position: [240, 0],
					parameters: {
						resource: 'templateMessage',
						operation: 'send',
						toUser: FOLLOWER,
						templateId: 'tmpl_demo_order_shipped',
						dataInput: 'fields',
						data: {
							keyword: [
								{ keyword: 'thing1', value: '轻跑运动鞋 42码' },
								{ keyword: 'time2', value: '2026年11月23日 10:15' },
								{ keyword: 'character_string3', value: 'SF1402837465' },
							],
						},
					},
					credentials,
				},
			],
			connections: { Webhook: { main: [[{ node: 'Send 订单发货通知', type: 'main', index: 0 }]] } },
			settings: { executionOrder: 'v1' },
			active: false,
		},
		{
			id: 'e2e-template-big-id-events',
			name: 'e2e: TEMPLATESENDJOBFINISH events',
			nodes: [
				{
					id: '3d2f9b77-5b2f-4e58-8f89-6f3b8d904c04',
					name: 'WeChat OA Trigger',
					type: 'n8n-nodes-wecom-oa.weChatOaTrigger',
					typeVersion: 1,
					position: [0, 0],
					webhookId: EVENTS_WEBHOOK_ID,
					parameters: { triggerOn: ['event:TEMPLATESENDJOBFINISH'], options: {} },
					credentials,
				},
			],
			connections: {},
			settings: { executionOrder: 'v1' },
			active: false,
		},
	];
}

/**
 * `s`: callbacks.js's scenario state (ctx, executions, emulator); `tools`: its productionUrl, waitForProductionUrl,
 * firstJson and the callback secrets.
 */
async function templateEvent(s, { baseUrl, productionUrl, waitForProductionUrl, firstJson, secrets }) {
	const [send, events] = workflows();
	const sendUrl = productionUrl(baseUrl, send);
	const eventsUrl = productionUrl(baseUrl, events);
	const ready = await s.ctx.checkAsync(
		'big ids: the template webhook and the event trigger are registered',
		async () => {
			assert.strictEqual((await waitForProductionUrl(s.ctx, eventsUrl)).status, 401);
			assert.strictEqual((await waitForProductionUrl(s.ctx, sendUrl)).status, 404); // POST only
		},
	);
	if (!ready) return;
	const appId = h.DEMO_OA.appId;
	await s.emulator.post('/__emulator/callbacks/oa', { appId, url: eventsUrl, ...secrets, mode: 'safe' });
	try {
		const before = await s.executions.count(events.id);
		let output;
		await s.ctx.checkAsync('big ids: WeChat OA Template outputs the msgid (> 2^53) as its exact digits', async () => {
			const response = await fetch(sendUrl, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{}',
			});
			const text = await response.text();
			assert.strictEqual(response.status, 200, text);
			output = JSON.parse(text);
			assert.strictEqual(typeof output.msgid, 'string', text);
			assert.ok(BigInt(output.msgid) > 2n ** 53n, text);
			const sentEvents = await (await fetch(`${s.emulator.url}/__emulator/oa/events?appId=${appId}`)).json();
			const msgIds = sentEvents.filter((event) => event.Event === 'TEMPLATESENDJOBFINISH').map((event) => event.MsgID);
			assert.ok(msgIds.includes(output.msgid), `output msgid ${output.msgid} is none of WeChat's ${msgIds.join(', ')}`);
		});
		await s.ctx.checkAsync(
			"big ids: the trigger's TEMPLATESENDJOBFINISH item has MsgID equal to the send's output msgid",
			async () => {
				assert.ok(output, 'no send output');
				await s.emulator.post('/__emulator/callbacks/idle', {});
				const page = await s.executions.settle(events.id, before + 1);
				const execution = await s.executions.data(page.results[0].id);
				const item = firstJson(execution, 'WeChat OA Trigger');
				assert.deepStrictEqual(
					{ Event: item.Event, MsgID: item.MsgID, FromUserName: item.FromUserName },
					{ Event: 'TEMPLATESENDJOBFINISH', MsgID: output.msgid, FromUserName: FOLLOWER },
				);
			},
		);
	} finally {
		await s.emulator.post('/__emulator/callbacks/oa', { appId, url: null });
	}
}

module.exports = { workflows, templateEvent };
