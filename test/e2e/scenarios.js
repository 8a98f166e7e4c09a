'use strict';
/**
 * The e2e suite's scenarios for the group-chat, robot and Official Account examples, the robot batches and the
 * credential tests (run.js drives them; `ctx` brings its reporting, the n8n CLI and the emulator client).
 *
 *   examples   examples/wecom-group-chat-express.json, wecom-robot-alert.json, oa-mass-send-articles.json and
 *              oa-template-order-shipped.json, each run unchanged by `n8n execute --id` (own process), checked
 *              against the emulator's request log: the exact bodies, in order, with the token each run fetched
 *   loops      n8n's real Loop Over Items (splitInBatches v3, batch size 1) around a WeChat OA Template (two
 *              orders of one buyer, one of another) and around a Mass Send (two audiences), by `n8n execute --id`:
 *              every notice is delivered and every job submitted exactly once, each with its own client message ID
 *   retry      three template notices in one run of the node; the second's answers are lost, so the execution
 *              fails after two went out; n8n's Retry of that execution (REST, in the server) sends all three again
 *              and WeChat drops the two that went out (same client message IDs): each delivered exactly once
 *   batch      50 robot messages in one execution, paced by the node: the package's pacer shrunk to 10 per 1 s by
 *              a preload (robot-pacing.js), the emulator's robot window set through its control API to 10 per
 *              0.8 s (a little more room than the node gives itself), so any send the node does not hold back
 *              would show as a 45009; all 50 arrive complete, in order, spaced by the node's window
 *   real pace  25 robot messages at the real, unpatched 20 a minute, run from the editor (REST, manual mode) in
 *              the n8n server while the suite waits for the Schedule Trigger anyway: 20 at once, the 21st a window
 *              later, none refused (emulator window 20 per 59 s, a second more room than the node's 60 s)
 *   menu       examples/oa-menu-as-code.json by `n8n execute --id`: menu/create got the node's JSON exactly, the read-back
 *              (get_current_selfmenu_info) shows it, the emulator's account holds it
 *   publish    examples/oa-ai-article-publish.json by `n8n execute --id`: cover and body pictures uploaded, the draft's
 *              HTML rewritten to their URLs, the draft published and polled until done, the article URL output
 *   credential "Test" in the credential dialog (POST /rest/credentials/test, as the owner): weComApi wrong Corp ID
 *              -> the 40013 message, right -> OK; weChatOaApi wrong secret -> 40125, right -> OK; weComRobotApi
 *              wrong key -> 93000, right -> OK
 */
const assert = require('node:assert');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const h = require('./host');

const PACING_ROBOT = {
	key: 'e2e-pacing-robot',
	credentialId: 'e2e-robot-pacing',
	credentialName: 'WeCom Robot (e2e pacing)',
};
const BATCH = {
	id: 'e2e-robot-batch-50',
	count: 50,
	nodeMax: 10,
	nodeWindowMs: 1000,
	emulatorMax: 10,
	emulatorWindowMs: 800,
	/**
	 * The node books a slot, then sends: a slow first request (new connection, a busy machine) arrives later than
	 * the ones after it, so arrivals may sit closer than the node's window by that much. Still above the
	 * emulator's 800 ms, which would have answered 45009.
	 */
	jitterMs: 150,
};
const REAL_PACE = {
	id: 'e2e-robot-real-pace',
	count: 25,
	emulatorMax: 20,
	emulatorWindowMs: 59_000,
	nodeMax: 20,
	nodeWindowMs: 60_000,
};

function readExample(file) {
	return h.readJson(path.join(h.ROOT, 'examples', file));
}

function nodeNamed(workflow, name) {
	const node = workflow.nodes.find((candidate) => candidate.name === name);
	if (!node) throw new Error(`${workflow.id}: no node "${name}"`);
	return node;
}

function sha256(buffer) {
	return crypto.createHash('sha256').update(buffer).digest('hex');
}

/** The bytes a Code node of an example builds from its base64 constant (`const <name> = '...'`). */
function codeConstantBytes(workflow, nodeName, constant) {
	const code = nodeNamed(workflow, nodeName).parameters.jsCode;
	const match = new RegExp(`const ${constant} = '([A-Za-z0-9+/=]+)'`).exec(code);
	if (!match) throw new Error(`${workflow.id} / ${nodeName}: no base64 constant ${constant}`);
	return Buffer.from(match[1], 'base64');
}

/** Every credential an example references must be one `npm start` and the suite import, by id and name. */
function checkExampleCredentials(ctx) {
	const demo = [h.DEMO_CREDENTIAL, h.DEMO_ROBOT_CREDENTIAL, h.DEMO_OA_CREDENTIAL, h.DEMO_AIBOT_CREDENTIAL, h.DEMO_OPENAI_CREDENTIAL];
	ctx.check('every example references only the demo credentials (fixed ids and names)', () => {
		const wrong = [];
		for (const file of h.exampleFiles()) {
			const workflow = h.readJson(file);
			for (const node of workflow.nodes) {
				for (const [type, reference] of Object.entries(node.credentials ?? {})) {
					const known = demo.find((credential) => credential.type === type);
					if (!known || known.id !== reference.id || known.name !== reference.name)
						wrong.push(`${path.basename(file)} / ${node.name}: ${type} ${JSON.stringify(reference)}`);
				}
			}
		}
		assert.deepStrictEqual(wrong, []);
	});
}

/** How the suite's test workflows start: a Manual Trigger "Start", then a Code node `name` returning the items. */
function startWithItems(id, name, jsCode) {
	return [
		{
			id: `${id}-trigger`,
			name: 'Start',
			type: 'n8n-nodes-base.manualTrigger',
			typeVersion: 1,
			position: [0, 0],
			parameters: {},
		},
		{
			id: `${id}-items`,
			name,
			type: 'n8n-nodes-base.code',
			typeVersion: 2,
			position: [220, 0],
			parameters: { jsCode },
		},
	];
}

/** Test-only workflows: a Code node making `count` items, a robot Send Text per item. */
function robotBatchWorkflow({ id, name, count, credential }) {
	return {
		id,
		name,
		nodes: [
			...startWithItems(
				id,
				`${count} items`,
				`return Array.from({ length: ${count} }, (_, index) => ({ json: { n: index + 1 } }));`,
			),
			{
				id: `${id}-robot`,
				name: 'Robot Send Text',
				type: 'n8n-nodes-wecom-oa.weComGroupChat',
				typeVersion: 1,
				position: [440, 0],
				parameters: {
					resource: 'robot',
					operation: 'sendText',
					content: `={{ 'batch ${id} ' + $json.n + '/${count}' }}`,
				},
				credentials: { weComRobotApi: { id: credential.id, name: credential.name } },
			},
		],
		connections: {
			Start: { main: [[{ node: `${count} items`, type: 'main', index: 0 }]] },
			[`${count} items`]: { main: [[{ node: 'Robot Send Text', type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
		pinData: {},
		active: false,
		tags: [],
	};
}

/** What the suite imports besides examples/: the two robot batch workflows, and a credential for a second robot. */
function testWorkflows() {
	return [
		robotBatchWorkflow({
			id: BATCH.id,
			name: 'e2e: 50 robot messages in one execution',
			count: BATCH.count,
			credential: h.DEMO_ROBOT_CREDENTIAL,
		}),
		robotBatchWorkflow({
			id: REAL_PACE.id,
			name: 'e2e: 25 robot messages at the real 20 a minute',
			count: REAL_PACE.count,
			credential: { id: PACING_ROBOT.credentialId, name: PACING_ROBOT.credentialName },
		}),
		...loopWorkflows(),
	];
}

function testCredentials(emulatorUrl) {
	return [
		h.weComRobotDemoCredential(emulatorUrl, {
			id: PACING_ROBOT.credentialId,
			name: PACING_ROBOT.credentialName,
			key: PACING_ROBOT.key,
		}),
	];
}

/**
 * How a run gets its access token. `n8n execute` is a process of its own: it fetches one first (`tokenPath`). A
 * queue-mode worker (queue.js sets ctx.tokensShared) takes the token the cluster already shares: no fetch, and
 * every call carries the token the first one did. Returns the paths to expect before the API calls, the token,
 * and the calls that must carry it.
 */
function tokenStart(ctx, run, tokenPath) {
	if (ctx.tokensShared) return { paths: [], token: run.log[0]?.query.access_token, calls: run.log };
	return { paths: [tokenPath], token: run.log[0]?.response?.access_token, calls: run.log.slice(1) };
}

/** Runs one workflow by `n8n execute --id` in its own process; returns { result, execution, entries(path) }. */
async function execute(ctx, workflow, logName, options = {}) {
	const mark = await ctx.emulator.mark();
	const started = Date.now();
	const result = await ctx.phase(`n8n execute --id=${workflow.id}${options.label ? ` (${options.label})` : ''}`, () =>
		ctx.cli(['execute', `--id=${workflow.id}`, '--rawOutput'], logName, options),
	);
	const ms = Date.now() - started;
	let execution;
	const ok = ctx.check(`${workflow.id}: n8n execute exits 0 with a successful execution`, () => {
		assert.strictEqual(result.code, 0, h.tail(result.output));
		execution = ctx.parseExecution(result.stdout);
		assert.strictEqual(execution.status, 'success');
	});
	const log = ok ? await ctx.emulator.logSince(mark) : [];
	return { ok, ms, result, execution, log, entries: (pathname) => log.filter((entry) => entry.path === pathname) };
}

// ---------------------------------------------------------------------------------------------- examples

async function groupChatExample(ctx) {
	const workflow = readExample('wecom-group-chat-express.json');
	const run = await execute(ctx, workflow, 'execute-group-chat');
	if (!run.ok) return;
	const [create] = run.entries('/cgi-bin/appchat/create');
	const chatid = create?.response?.chatid;
	ctx.check(
		'group chat: appchat/create got the exact body (2 members, owner, no chat ID), WeCom made the chatid',
		() => {
			assert.strictEqual(run.entries('/cgi-bin/appchat/create').length, 1);
			assert.deepStrictEqual(create.json, { userlist: ['zhangsan', 'lisi'], name: '快递通知群', owner: 'zhangsan' });
			assert.strictEqual(create.response.errcode, 0, JSON.stringify(create.response));
			assert.match(String(chatid), /^[0-9A-Za-z]{1,32}$/);
		},
	);
	ctx.check('group chat: appchat/update renamed it and added wangwu, with the chatid from Create', () => {
		const updates = run.entries('/cgi-bin/appchat/update');
		assert.deepStrictEqual(
			updates.map((entry) => [entry.json, entry.response.errcode]),
			[[{ chatid, name: '快递通知群（行政部）', add_user_list: ['wangwu'] }, 0]],
		);
	});
	ctx.check('group chat: appchat/get read it back: new name, owner, three members', () => {
		const gets = run.entries('/cgi-bin/appchat/get');
		assert.deepStrictEqual(
			gets.map((entry) => [entry.method, entry.query.chatid]),
			[['GET', chatid]],
		);
		assert.deepStrictEqual(
			ctx.outputItems(run.execution, 'Read the chat back').map((item) => item.json),
			[
				{
					chatid,
					name: '快递通知群（行政部）',
					owner: 'zhangsan',
					userlist: ['zhangsan', 'lisi', 'wangwu'],
					chat_type: 0,
				},
			],
		);
	});
	ctx.check('group chat: appchat/send posted 你的快递已到 into that chat', () => {
		const sends = run.entries('/cgi-bin/appchat/send');
		assert.deepStrictEqual(
			sends.map((entry) => [entry.json, entry.response.errcode]),
			[[{ chatid, msgtype: 'text', text: { content: '你的快递已到\n请携带工卡前往邮件中心领取' } }, 0]],
		);
	});
	const start = tokenStart(ctx, run, '/cgi-bin/gettoken');
	ctx.check(
		`group chat: calls in order create, update, get, send; ${start.paths.length} gettoken, one token on each`,
		() => {
			const calls = run.log.map((entry) => entry.path);
			assert.deepStrictEqual(calls, [
				...start.paths,
				'/cgi-bin/appchat/create',
				'/cgi-bin/appchat/update',
				'/cgi-bin/appchat/get',
				'/cgi-bin/appchat/send',
			]);
			assert.ok(start.token);
			assert.deepStrictEqual(
				start.calls.filter((entry) => entry.query.access_token !== start.token),
				[],
			);
		},
	);
	const state = await ctx.emulator.state();
	ctx.check('group chat: the emulator holds the chat with 3 members and the one text message', () => {
		const chat = state.wecom.chats.find((candidate) => candidate.chatid === chatid);
		assert.ok(chat, `no chat ${chatid} in the emulator`);
		assert.deepStrictEqual(
			{
				name: chat.name,
				owner: chat.owner,
				members: chat.members,
				messages: chat.messages.map((message) => message.msgtype),
			},
			{ name: '快递通知群（行政部）', owner: 'zhangsan', members: ['zhangsan', 'lisi', 'wangwu'], messages: ['text'] },
		);
	});
}

async function robotAlertExample(ctx) {
	const workflow = readExample('wecom-robot-alert.json');
	const run = await execute(ctx, workflow, 'execute-robot-alert');
	if (!run.ok) return;
	ctx.check('robot alert: webhook/send got the markdown summary, then the text @zhangsan, exact bodies', () => {
		assert.deepStrictEqual(
			run.log.map((entry) => [entry.path, entry.json, entry.response?.errcode]),
			[
				[
					'/cgi-bin/webhook/send',
					{
						msgtype: 'markdown',
						markdown: {
							content: [
								'## 监控告警：3 条（严重 1 条）',
								'> <font color="warning">CRITICAL</font> **web-01** CPU 95%（阈值 90%）',
								'> <font color="comment">WARNING</font> **db-02** Disk /data 88%（阈值 85%）',
								'> <font color="comment">WARNING</font> **mq-01** Queue backlog 12430（阈值 10000）',
							].join('\n'),
						},
					},
					0,
				],
				[
					'/cgi-bin/webhook/send',
					{ msgtype: 'text', text: { content: '有 1 条严重告警，请值班同学立即处理。', mentioned_list: ['zhangsan'] } },
					0,
				],
			],
		);
	});
	ctx.check('robot alert: both calls carry the demo key; the key appears nowhere in the execution output', () => {
		assert.deepStrictEqual(
			run.log.map((entry) => entry.query.key),
			[h.DEMO_ROBOT.key, h.DEMO_ROBOT.key],
		);
		assert.ok(!run.result.stdout.includes(h.DEMO_ROBOT.key), 'the webhook key is in the execution output');
	});
}

async function massSendExample(ctx) {
	const workflow = readExample('oa-mass-send-articles.json');
	const chart = codeConstantBytes(workflow, 'Chart for the article body', 'chartPng');
	const cover = codeConstantBytes(workflow, 'Cover picture', 'coverJpg');
	const run = await execute(ctx, workflow, 'execute-mass-send');
	if (!run.ok) return;
	const [image] = run.entries('/cgi-bin/media/uploadimg');
	const [thumb] = run.entries('/cgi-bin/media/upload');
	const [news] = run.entries('/cgi-bin/media/uploadnews');
	const [sendall] = run.entries('/cgi-bin/message/mass/sendall');
	const part = (entry) => {
		const { name, filename, contentType, size, sha256: digest } = entry.multipart?.[0] ?? {};
		return { parts: entry.multipart?.length, name, filename, contentType, size, sha256: digest };
	};
	const start = tokenStart(ctx, run, '/cgi-bin/stable_token');
	ctx.check('mass send: calls in order stable_token, uploadimg, upload (thumb), uploadnews, sendall, mass/get', () => {
		assert.deepStrictEqual(
			run.log.map((entry) => entry.path),
			[
				...start.paths,
				'/cgi-bin/media/uploadimg',
				'/cgi-bin/media/upload',
				'/cgi-bin/media/uploadnews',
				'/cgi-bin/message/mass/sendall',
				'/cgi-bin/message/mass/get',
			],
		);
		assert.deepStrictEqual(
			run.log.filter((entry) => entry.status !== 200 || entry.response?.errcode),
			[],
		);
	});
	ctx.check('mass send: uploadimg got the chart the Code node built (multipart "media", PNG, same bytes)', () => {
		assert.deepStrictEqual(part(image), {
			parts: 1,
			name: 'media',
			filename: 'weekly-sales.png',
			contentType: 'image/png',
			size: chart.length,
			sha256: sha256(chart),
		});
		assert.match(image.response.url, /^https?:\/\//);
	});
	ctx.check('mass send: media/upload?type=thumb got the cover (JPEG, same bytes)', () => {
		assert.strictEqual(thumb.query.type, 'thumb');
		assert.deepStrictEqual(part(thumb), {
			parts: 1,
			name: 'media',
			filename: 'cover.jpg',
			contentType: 'image/jpeg',
			size: cover.length,
			sha256: sha256(cover),
		});
	});
	const thumbId = thumb?.response?.thumb_media_id ?? thumb?.response?.media_id;
	ctx.check("mass send: uploadnews got the exact article: the thumb's media_id, the chart's URL in the HTML", () => {
		assert.deepStrictEqual(news.json, {
			articles: [
				{
					thumb_media_id: thumbId,
					title: '本周销量周报',
					content: `<p>本周三款新品上架，销量连续三周增长。</p><p><img src="${image.response.url}"></p><p>感谢每一位读者的支持！</p>`,
					author: '运营部',
					digest: '三款新品上架，周销量再创新高',
					show_cover_pic: 0,
					need_open_comment: 0,
					only_fans_can_comment: 0,
				},
			],
		});
	});
	ctx.check("mass send: sendall to tag 100, mpnews with uploadnews' media_id, a clientmsgid from the execution", () => {
		const { clientmsgid, ...body } = sendall.json;
		assert.deepStrictEqual(body, {
			filter: { is_to_all: false, tag_id: 100 },
			msgtype: 'mpnews',
			mpnews: { media_id: news.response.media_id },
			send_ignore_reprint: 0,
		});
		assert.match(clientmsgid, /^n8n_[0-9a-f]{32}$/); // one per send: see nodes/shared/oa/clientMessageId.ts
	});
	ctx.check('mass send: mass/get asked for that msg_id; the node reports SEND_SUCCESS', () => {
		const [get] = run.entries('/cgi-bin/message/mass/get');
		assert.deepStrictEqual(get.json, { msg_id: sendall.response.msg_id });
		assert.deepStrictEqual(
			ctx.outputItems(run.execution, 'Get the send status').map((item) => item.json),
			[{ msg_id: String(sendall.response.msg_id), msg_status: 'SEND_SUCCESS' }],
		);
		const [submitted] = ctx.outputItems(run.execution, 'Send to tag 100 (星标用户)');
		assert.strictEqual(submitted.json.status, 'submitted');
	});
	const state = await ctx.emulator.state();
	ctx.check(
		`mass send: the job reached the three followers of tag 100; ${start.paths.length} stable_token, no /cgi-bin/token`,
		() => {
			const job = state.oa.massJobs.find((candidate) => candidate.msgId === sendall.response.msg_id);
			assert.ok(job, 'no mass job in the emulator');
			assert.deepStrictEqual([...job.recipients].sort(), [
				'o_demo_follower_1',
				'o_demo_follower_2',
				'o_demo_follower_3',
			]);
			assert.strictEqual(run.entries('/cgi-bin/stable_token').length, start.paths.length);
			assert.strictEqual(run.entries('/cgi-bin/token').length, 0);
			assert.deepStrictEqual(
				start.calls.filter((entry) => entry.query.access_token !== start.token),
				[],
			);
		},
	);
}

const SHIPPED = [
	{
		openid: 'o_demo_follower_1',
		orderId: 'SO20261123001',
		product: '轻跑运动鞋 42码',
		shippedAt: '2026年11月23日 10:15',
		trackingNo: 'SF1402837465',
	},
	{
		openid: 'o_demo_follower_2',
		orderId: 'SO20261123002',
		product: '保温杯 500ml',
		shippedAt: '2026年11月23日 11:40',
		trackingNo: 'YT7781204456',
	},
	{
		openid: 'o_demo_follower_3',
		orderId: 'SO20261123003',
		product: '蓝牙耳机 Pro',
		shippedAt: '2026年11月23日 14:05',
		trackingNo: 'JD0038172650',
	},
];

async function templateExample(ctx) {
	const workflow = readExample('oa-template-order-shipped.json');
	const run = await execute(ctx, workflow, 'execute-template');
	if (!run.ok) return;
	const sends = run.entries('/cgi-bin/message/template/send');
	ctx.check('template: 3 template/send calls, each the exact body for its follower (touser, keywords, URL)', () => {
		const bodies = sends.map((entry) => entry.json).sort((a, b) => a.touser.localeCompare(b.touser));
		assert.deepStrictEqual(
			bodies.map(({ client_msg_id, ...body }) => body),
			SHIPPED.map((order) => ({
				touser: order.openid,
				template_id: 'tmpl_demo_order_shipped',
				url: `https://shop.example.com/orders/${order.orderId}`,
				data: {
					thing1: { value: order.product },
					time2: { value: order.shippedAt },
					character_string3: { value: order.trackingNo },
				},
			})),
		);
		assert.deepStrictEqual(
			sends.filter((entry) => entry.response?.errcode !== 0),
			[],
		);
	});
	ctx.check('template: a distinct client_msg_id per item, derived from the send', () => {
		const ids = sends.map((entry) => entry.json.client_msg_id);
		assert.strictEqual(new Set(ids).size, 3, JSON.stringify(ids));
		for (const id of ids) assert.match(id, /^n8n_[0-9a-f]{32}$/);
	});
	const start = tokenStart(ctx, run, '/cgi-bin/stable_token');
	ctx.check(
		`template: ${start.paths.length ? 'exactly one stable_token call' : "the cluster's token"} across the run (3 items, concurrent), never /cgi-bin/token`,
		() => {
			const tokens = run.entries('/cgi-bin/stable_token');
			assert.strictEqual(tokens.length, start.paths.length, `stable_token calls: ${tokens.length}`);
			for (const token of tokens)
				assert.deepStrictEqual(token.json, {
					grant_type: 'client_credential',
					appid: h.DEMO_OA.appId,
					secret: h.DEMO_OA.appSecret,
					force_refresh: false,
				});
			assert.strictEqual(run.entries('/cgi-bin/token').length, 0);
			assert.deepStrictEqual(
				sends.filter((entry) => entry.query.access_token !== start.token),
				[],
			);
		},
	);
	ctx.check('template: the node outputs one item per order, in input order, with the msgid and no warnings', () => {
		const items = ctx.outputItems(run.execution, 'Send 订单发货通知').map((item) => item.json);
		assert.deepStrictEqual(
			items.map((item) => [item.touser, item.template_id, item.warnings]),
			SHIPPED.map((order) => [order.openid, 'tmpl_demo_order_shipped', []]),
		);
		assert.ok(
			items.every((item) => /^\d+$/.test(item.msgid)),
			JSON.stringify(items),
		);
	});
}

// ---------------------------------------------------------------------------------------------- loops

const LOOP_TEMPLATE = { id: 'e2e-oa-template-loop', node: 'Send 订单发货通知' };
const LOOP_MASS = { id: 'e2e-oa-mass-loop', node: 'Mass Send Text' };
const RETRY_TEMPLATE = { id: 'e2e-oa-template-retry', node: 'Send 订单发货通知' };
const TEMPLATE_SEND = '/cgi-bin/message/template/send';
/** Two orders of one buyer and one of another: with one ID per item index, WeChat would drop the buyer's second. */
const LOOP_ORDERS = [
	{ openid: 'o_demo_follower_4', product: '运动鞋', trackingNo: 'LOOP0001' },
	{ openid: 'o_demo_follower_4', product: '雨伞', trackingNo: 'LOOP0002' },
	{ openid: 'o_demo_follower_5', product: '水杯', trackingNo: 'LOOP0003' },
];
/** Three orders sent by one run of the node, the second of which loses its answers: the execution fails. */
const RETRY_ORDERS = [
	{ openid: 'o_demo_follower_3', product: '运动鞋', trackingNo: 'RETRY0001' },
	{ openid: 'o_demo_follower_3', product: '雨伞', trackingNo: 'RETRY0002' },
	{ openid: 'o_demo_follower_5', product: '水杯', trackingNo: 'RETRY0003' },
];
/** Two jobs to two audiences: with one ID per item index, the second would be answered 45065 and reported sent. */
const LOOP_JOBS = [
	{ openids: ['o_demo_follower_4', 'o_demo_follower_5'], text: '循环群发 第一批' },
	{ openids: ['o_demo_follower_1', 'o_demo_follower_2'], text: '循环群发 第二批' },
];

/**
 * Manual Trigger -> Code (the items) -> n8n's Loop Over Items (splitInBatches v3, batch size 1) -> `node` -> loop;
 * without `loop`, Code -> `node`.
 */
function oaSendWorkflow({ id, name, items, node, loop = true }) {
	const send = (target) => ({ main: [[{ node: target, type: 'main', index: 0 }]] });
	return {
		id,
		name,
		nodes: [
			...startWithItems(id, 'Items', `return ${JSON.stringify(items)}.map((json) => ({ json }));`),
			...(loop
				? [
						{
							id: `${id}-loop`,
							name: 'Loop Over Items',
							type: 'n8n-nodes-base.splitInBatches',
							typeVersion: 3,
							position: [440, 0],
							parameters: { batchSize: 1, options: {} },
						},
					]
				: []),
			{
				id: `${id}-send`,
				position: [660, 100],
				credentials: { weChatOaApi: { id: h.DEMO_OA_CREDENTIAL.id, name: h.DEMO_OA_CREDENTIAL.name } },
				...node,
			},
		],
		connections: loop
			? {
					Start: send('Items'),
					Items: send('Loop Over Items'),
					// Output 0 is "done", output 1 "loop".
					'Loop Over Items': { main: [[], send(node.name).main[0]] },
					[node.name]: send('Loop Over Items'),
				}
			: { Start: send('Items'), Items: send(node.name) },
		settings: { executionOrder: 'v1' },
		pinData: {},
		active: false,
		tags: [],
	};
}

/** WeChat OA Template: the demo "order shipped" notice for each order item, one item at a time. */
function orderNotice(name) {
	return {
		name,
		type: 'n8n-nodes-wecom-oa.weChatOaTemplate',
		typeVersion: 1,
		parameters: {
			resource: 'templateMessage',
			operation: 'send',
			toUser: '={{ $json.openid }}',
			templateId: 'tmpl_demo_order_shipped',
			data: {
				keyword: [
					{ keyword: 'thing1', value: '={{ $json.product }}' },
					{ keyword: 'time2', value: '2026年11月23日 08:05' },
					{ keyword: 'character_string3', value: '={{ $json.trackingNo }}' },
				],
			},
			options: { concurrency: 1 },
		},
	};
}

function loopWorkflows() {
	return [
		oaSendWorkflow({
			id: LOOP_TEMPLATE.id,
			name: 'e2e: a template notice per order, in Loop Over Items',
			items: LOOP_ORDERS,
			node: orderNotice(LOOP_TEMPLATE.node),
		}),
		oaSendWorkflow({
			id: RETRY_TEMPLATE.id,
			name: 'e2e: template notices in one run that fails, then retried',
			items: RETRY_ORDERS,
			node: orderNotice(RETRY_TEMPLATE.node),
			loop: false,
		}),
		oaSendWorkflow({
			id: LOOP_MASS.id,
			name: 'e2e: a mass send per audience, in Loop Over Items',
			items: LOOP_JOBS,
			node: {
				name: LOOP_MASS.node,
				type: 'n8n-nodes-wecom-oa.weChatOaMassSend',
				typeVersion: 1,
				parameters: {
					resource: 'mass',
					operation: 'send',
					openIds: '={{ $json.openids }}',
					msgType: 'text',
					content: '={{ $json.text }}',
				},
			},
		}),
	];
}

function loopWorkflow(id) {
	return loopWorkflows().find((workflow) => workflow.id === id);
}

/** Every run's first output of `nodeName` in the execution, in run order. */
function everyRunOutput(execution, nodeName) {
	return (execution.data?.resultData?.runData?.[nodeName] ?? [])
		.flatMap((run) => run.data?.main?.[0] ?? [])
		.map((item) => item.json);
}

/** Both loops, each by `n8n execute --id`: every notice and every job arrives exactly once, each with its own ID. */
async function loopOverItems(ctx) {
	const template = await execute(ctx, loopWorkflow(LOOP_TEMPLATE.id), 'execute-template-loop');
	if (template.ok) {
		const sends = template.entries(TEMPLATE_SEND);
		const delivered = (await ctx.emulator.state()).oa.templateMessages.filter(
			(message) =>
				!message.deduplicated &&
				LOOP_ORDERS.some((order) => order.trackingNo === message.body.data?.character_string3?.value),
		);
		ctx.check('loop, template: 3 runs of the node, 3 sends with 3 distinct client_msg_ids, all accepted', () => {
			assert.strictEqual(template.execution.data.resultData.runData[LOOP_TEMPLATE.node].length, 3);
			assert.deepStrictEqual(
				sends.map((entry) => [entry.json.touser, entry.json.data.character_string3.value, entry.response.errcode]),
				LOOP_ORDERS.map((order) => [order.openid, order.trackingNo, 0]),
			);
			assert.strictEqual(new Set(sends.map((entry) => entry.json.client_msg_id)).size, 3);
		});
		ctx.check("loop, template: WeChat delivered each order's notice exactly once (both of the buyer's)", () => {
			assert.deepStrictEqual(
				delivered.map((message) => [message.touser, message.body.data.character_string3.value]),
				LOOP_ORDERS.map((order) => [order.openid, order.trackingNo]),
			);
		});
		ctx.check('loop, template: the node reports each notice once, with its own msgid and client_msg_id', () => {
			const items = everyRunOutput(template.execution, LOOP_TEMPLATE.node);
			assert.deepStrictEqual(
				items.map((item) => [item.touser, item.client_msg_id]),
				delivered.map((message) => [message.touser, message.clientMsgId]),
			);
			assert.strictEqual(new Set(items.map((item) => item.msgid)).size, 3, JSON.stringify(items));
		});
	}

	const mass = await execute(ctx, loopWorkflow(LOOP_MASS.id), 'execute-mass-loop');
	if (!mass.ok) return;
	const sends = mass.entries('/cgi-bin/message/mass/send');
	const jobs = (await ctx.emulator.state()).oa.massJobs.filter((job) =>
		LOOP_JOBS.some((loopJob) => loopJob.text === job.body.text?.content),
	);
	ctx.check('loop, mass send: 2 runs, 2 jobs submitted with 2 distinct clientmsgids, no 45065/45066', () => {
		assert.strictEqual(mass.execution.data.resultData.runData[LOOP_MASS.node].length, 2);
		assert.deepStrictEqual(
			sends.map((entry) => [entry.json.touser, entry.json.text.content, entry.response.errcode]),
			LOOP_JOBS.map((job) => [job.openids, job.text, 0]),
		);
		assert.strictEqual(new Set(sends.map((entry) => entry.json.clientmsgid)).size, 2);
	});
	ctx.check(
		'loop, mass send: each audience got its own job exactly once; the node reports each, none "already submitted"',
		() => {
			assert.deepStrictEqual(
				jobs.map((job) => [job.touser, job.body.text.content]),
				LOOP_JOBS.map((job) => [job.openids, job.text]),
			);
			const items = everyRunOutput(mass.execution, LOOP_MASS.node);
			assert.deepStrictEqual(
				items.map((item) => [item.clientmsgid, item.alreadySubmitted]),
				jobs.map((job) => [job.clientmsgid, false]),
			);
			assert.strictEqual(new Set(items.map((item) => item.msg_id)).size, 2, JSON.stringify(items));
		},
	);
}

/** The demo account's delivered template messages (WeChat's drops of a repeated client_msg_id excluded) for `orders`. */
async function deliveredNotices(ctx, orders) {
	const { templateMessages } = (await ctx.emulator.state()).oa;
	return templateMessages
		.filter((message) => !message.deduplicated)
		.filter((message) => orders.some((order) => order.trackingNo === message.body.data?.character_string3?.value))
		.map((message) => [message.touser, message.body.data.character_string3.value]);
}

/**
 * First half of the Retry check, run by `n8n execute --id`: the second of three notices is performed by WeChat but
 * every answer to it is lost, so the node fails after two notices went out, and so does the execution.
 */
async function failingTemplateRun(ctx) {
	const workflow = loopWorkflow(RETRY_TEMPLATE.id);
	await ctx.emulator.post('/__emulator/faults', { kind: 'resetAfterApply', path: TEMPLATE_SEND, after: 1, times: 10 });
	const result = await ctx.phase(`n8n execute --id=${workflow.id} (fails at the second notice)`, () =>
		ctx.cli(['execute', `--id=${workflow.id}`, '--rawOutput'], 'execute-template-retry-1'),
	);
	await ctx.emulator.post('/__emulator/faults/clear');
	ctx.check('retry, first execution: n8n execute exits 1 (the node failed at the second notice)', () => {
		assert.strictEqual(result.code, 1, h.tail(result.output));
	});
	await ctx.checkAsync('retry, first execution: WeChat delivered the first two notices, once each', async () => {
		assert.deepStrictEqual(
			await deliveredNotices(ctx, RETRY_ORDERS),
			RETRY_ORDERS.slice(0, 2).map((order) => [order.openid, order.trackingNo]),
		);
	});
}

/**
 * Second half, in the n8n server: the execution's Retry (POST /rest/executions/:id/retry, the editor's "Retry with
 * original workflow") runs the node again on the same three orders, in a new execution. The two notices that went
 * out carry the IDs they had, so WeChat drops them; the third is delivered: each order's notice exactly once.
 */
async function retryFailedTemplateRun(ctx, { baseUrl, session }) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: RETRY_TEMPLATE.id }));
	const mark = await ctx.emulator.mark();
	let retried;
	const ok = await ctx.checkAsync(
		'retry: the failed execution is retried (POST /rest/executions/:id/retry) and succeeds',
		async () => {
			const list = await ctx.rest(baseUrl, session.cookie, 'GET', `/rest/executions?filter=${filter}`);
			const failed = (list.results ?? list).filter((execution) => execution.status === 'error');
			assert.strictEqual(failed.length, 1, JSON.stringify(list));
			retried = await ctx.rest(baseUrl, session.cookie, 'POST', `/rest/executions/${failed[0].id}/retry`, {
				loadWorkflow: false,
			});
			assert.deepStrictEqual({ mode: retried.mode, status: retried.status }, { mode: 'retry', status: 'success' });
		},
	);
	if (!ok) return;
	const sends = (await ctx.emulator.logSince(mark, TEMPLATE_SEND)).map((entry) => entry.json);
	const before = (await ctx.emulator.log(TEMPLATE_SEND))
		.filter((entry) => entry.seq <= mark)
		.map((entry) => entry.json);
	ctx.check("retry: the node sent all three again, the first two with their first execution's client_msg_id", () => {
		const firstIds = RETRY_ORDERS.slice(0, 2).map(
			(order) => before.find((body) => body.data.character_string3.value === order.trackingNo)?.client_msg_id,
		);
		assert.deepStrictEqual(
			sends.map((body) => body.data.character_string3.value),
			RETRY_ORDERS.map((order) => order.trackingNo),
		);
		assert.deepStrictEqual(
			sends.slice(0, 2).map((body) => body.client_msg_id),
			firstIds,
		);
	});
	await ctx.checkAsync("retry: WeChat delivered each order's notice exactly once across both executions", async () => {
		assert.deepStrictEqual(
			await deliveredNotices(ctx, RETRY_ORDERS),
			RETRY_ORDERS.map((order) => [order.openid, order.trackingNo]),
		);
	});
}

// ---------------------------------------------------------------------------------------------- robot batches

/** Arrival times (emulator clock) of the robot `key`'s webhook/send calls in `log`. */
function robotSends(log, key) {
	return log.filter((entry) => entry.path === '/cgi-bin/webhook/send' && entry.query.key === key);
}

function gaps(times, distance) {
	const result = [];
	for (let index = distance; index < times.length; index++) result.push(times[index] - times[index - distance]);
	return result;
}

/** 50 messages in one `n8n execute`, the package's pacer shrunk by robot-pacing.js (see the header). */
async function robotBatch(ctx) {
	const workflow = testWorkflows().find((candidate) => candidate.id === BATCH.id);
	await ctx.emulator.post('/__emulator/wecom/robots/rate_limit', {
		max: BATCH.emulatorMax,
		windowMs: BATCH.emulatorWindowMs,
	});
	let run;
	try {
		run = await execute(ctx, workflow, 'execute-robot-batch', {
			label: `${BATCH.count} robot messages, node paced to ${BATCH.nodeMax}/${BATCH.nodeWindowMs} ms`,
			nodeArgs: ['-r', path.join(__dirname, 'robot-pacing.js')],
			env: { E2E_ROBOT_PACING: `${BATCH.nodeMax}/${BATCH.nodeWindowMs}` },
		});
	} finally {
		await ctx.emulator.post('/__emulator/wecom/robots/rate_limit', { max: 20, windowMs: 60_000 });
	}
	ctx.check("robot batch: the preload shrank the installed package's pacer (else this would take minutes)", () => {
		assert.match(
			run.result.output,
			new RegExp(`\\[robot-pacing\\] .*testSeam\\.js: 20/60000 -> ${BATCH.nodeMax}/${BATCH.nodeWindowMs}`),
		);
	});
	if (!run.ok) return;
	const sends = robotSends(run.log, h.DEMO_ROBOT.key);
	const times = sends.map((entry) => entry.time);
	const expected = Array.from({ length: BATCH.count }, (_, index) => `batch ${BATCH.id} ${index + 1}/${BATCH.count}`);
	ctx.check(
		`robot batch: all ${BATCH.count} messages arrived once, complete and in order, none refused (no 45009)`,
		() => {
			assert.deepStrictEqual(
				sends.filter((entry) => entry.response?.errcode !== 0).map((entry) => entry.response),
				[],
			);
			assert.deepStrictEqual(
				sends.map((entry) => entry.json),
				expected.map((content) => ({ msgtype: 'text', text: { content } })),
			);
			assert.deepStrictEqual(
				ctx.outputItems(run.execution, 'Robot Send Text').map((item) => item.json),
				expected.map(() => ({ msgtype: 'text', sent: true })),
			);
		},
	);
	const spacing = gaps(times, BATCH.nodeMax);
	const span = times[times.length - 1] - times[0];
	console.log(
		`  ${sends.length} sends over ${(span / 1000).toFixed(2)} s; message i vs i-${BATCH.nodeMax}: min ${Math.min(...spacing)} ms (node window ${BATCH.nodeWindowMs} ms, emulator ${BATCH.emulatorWindowMs} ms); execute took ${(run.ms / 1000).toFixed(1)} s`,
	);
	ctx.check(
		`robot batch: paced by the node: never ${BATCH.nodeMax} within its ${BATCH.nodeWindowMs} ms window (arrival jitter allowed: ${BATCH.jitterMs} ms), ${Math.ceil(BATCH.count / BATCH.nodeMax) - 1} full waits`,
		() => {
			assert.ok(Math.min(...spacing) >= BATCH.nodeWindowMs - BATCH.jitterMs, `closest: ${Math.min(...spacing)} ms`);
			assert.ok(
				span >= (Math.ceil(BATCH.count / BATCH.nodeMax) - 1) * BATCH.nodeWindowMs - BATCH.jitterMs,
				`span ${span} ms`,
			);
		},
	);
}

/**
 * The real-pace batch, started in the running server from the editor's "Execute workflow" (REST, manual mode).
 * Returns a function that waits for it and records its checks.
 */
async function startRealPaceRun(ctx, { baseUrl, session }) {
	const workflowId = REAL_PACE.id;
	await ctx.emulator.post('/__emulator/wecom/robots', { key: PACING_ROBOT.key, name: 'e2e pacing robot' });
	await ctx.emulator.post('/__emulator/wecom/robots/rate_limit', {
		max: REAL_PACE.emulatorMax,
		windowMs: REAL_PACE.emulatorWindowMs,
	});
	const mark = await ctx.emulator.mark();
	const startedAt = Date.now();
	let executionId;
	const started = await ctx.checkAsync(
		`real pace: the editor starts ${REAL_PACE.count} robot messages (manual mode, unpatched 20/min pacing)`,
		async () => {
			const workflow = await ctx.rest(baseUrl, session.cookie, 'GET', `/rest/workflows/${workflowId}`);
			({ executionId } = await ctx.rest(baseUrl, session.cookie, 'POST', `/rest/workflows/${workflowId}/run`, {
				workflowData: workflow,
				triggerToStartFrom: { name: 'Start' },
			}));
			assert.ok(executionId, 'no execution id');
		},
	);
	return async () => {
		if (!started) return;
		await ctx.phase(
			`wait for the real-pace robot batch (started ${((Date.now() - startedAt) / 1000).toFixed(0)} s ago; needs ~${REAL_PACE.nodeWindowMs / 1000} s)`,
			async () => {
				const finished = await ctx.checkAsync('real pace: the execution succeeds', async () => {
					const execution = await ctx.waitFor('the real-pace execution', REAL_PACE.nodeWindowMs + 60_000, async () => {
						const record = await ctx.rest(baseUrl, session.cookie, 'GET', `/rest/executions/${executionId}`);
						return record.finished || !['new', 'running', 'waiting'].includes(record.status) ? record : undefined;
					});
					assert.deepStrictEqual(
						{ mode: execution.mode, status: execution.status },
						{ mode: 'manual', status: 'success' },
					);
				});
				if (!finished) return;
				const sends = robotSends(await ctx.emulator.logSince(mark), PACING_ROBOT.key);
				const times = sends.map((entry) => entry.time);
				const expected = Array.from(
					{ length: REAL_PACE.count },
					(_, index) => `batch ${workflowId} ${index + 1}/${REAL_PACE.count}`,
				);
				ctx.check(`real pace: all ${REAL_PACE.count} arrived complete and in order, none refused (no 45009)`, () => {
					assert.deepStrictEqual(
						sends.filter((entry) => entry.response?.errcode !== 0).map((entry) => entry.response),
						[],
					);
					assert.deepStrictEqual(
						sends.map((entry) => entry.json.text.content),
						expected,
					);
				});
				if (times.length !== REAL_PACE.count) return;
				const burst = times[REAL_PACE.nodeMax - 1] - times[0];
				const held = times[REAL_PACE.nodeMax] - times[0];
				console.log(
					`  first ${REAL_PACE.nodeMax} within ${(burst / 1000).toFixed(2)} s; message ${REAL_PACE.nodeMax + 1} ${(held / 1000).toFixed(2)} s after the first; last at ${((times[times.length - 1] - times[0]) / 1000).toFixed(2)} s`,
				);
				ctx.check(
					`real pace: ${REAL_PACE.nodeMax} at once, the ${REAL_PACE.nodeMax + 1}st held until the first left the 60 s window`,
					() => {
						assert.ok(burst < 15_000, `the first ${REAL_PACE.nodeMax} took ${burst} ms`);
						assert.ok(
							held >= REAL_PACE.emulatorWindowMs,
							`message ${REAL_PACE.nodeMax + 1} came ${held} ms after the first`,
						);
						assert.ok(
							held < REAL_PACE.nodeWindowMs + 15_000,
							`message ${REAL_PACE.nodeMax + 1} came ${held} ms after the first`,
						);
					},
				);
			},
		);
	};
}

// ---------------------------------------------------------------------------------------------- credential tests

/**
 * The credential dialog's "Test" button: the editor posts the form as it stands, secrets still redacted unless
 * the user typed a new value (n8n fills them in from the stored credential), to POST /rest/credentials/test.
 */
async function credentialTests(ctx, { baseUrl, session }) {
	const cases = [
		{
			credential: h.DEMO_CREDENTIAL,
			change: { corpId: 'ww_wrong_corp' },
			status: 'Error',
			message: 'Wrong Corp ID (errcode 40013): copy 企业ID from 我的企业 → 企业信息.',
			path: '/cgi-bin/gettoken',
			sent: (entry) => entry.query.corpid === 'ww_wrong_corp',
		},
		{
			credential: h.DEMO_CREDENTIAL,
			change: {},
			status: 'OK',
			message: 'Connection successful!',
			path: '/cgi-bin/gettoken',
			sent: (entry) => entry.query.corpid === h.DEMO_APP.corpId && entry.query.corpsecret === h.DEMO_APP.corpSecret,
		},
		{
			credential: h.DEMO_OA_CREDENTIAL,
			change: { appSecret: 'wrong-oa-secret' },
			status: 'Error',
			message: 'Wrong App Secret (errcode 40125): copy or reset the AppSecret in 设置与开发 → 基本配置.',
			path: '/cgi-bin/stable_token',
			sent: (entry) => entry.json?.secret === 'wrong-oa-secret',
		},
		{
			credential: h.DEMO_OA_CREDENTIAL,
			change: {},
			status: 'OK',
			message: 'Connection successful!',
			path: '/cgi-bin/stable_token',
			sent: (entry) => entry.json?.secret === h.DEMO_OA.appSecret && entry.json?.force_refresh === false,
		},
		{
			credential: h.DEMO_ROBOT_CREDENTIAL,
			change: { webhookKey: 'wrong-robot-key' },
			status: 'Error',
			message: "Wrong webhook key (errcode 93000): copy it again from the group robot's Webhook地址.",
			path: '/cgi-bin/webhook/upload_media',
			sent: (entry) => entry.query.key === 'wrong-robot-key',
		},
		{
			credential: h.DEMO_ROBOT_CREDENTIAL,
			change: {},
			status: 'OK',
			message: 'Connection successful!',
			path: '/cgi-bin/webhook/upload_media',
			sent: (entry) => entry.query.key === h.DEMO_ROBOT.key,
		},
	];
	for (const testCase of cases) {
		const what = Object.keys(testCase.change).length
			? `wrong ${Object.keys(testCase.change).join(', ')}`
			: 'as imported';
		await ctx.checkAsync(
			`credential test: ${testCase.credential.type} ${what} -> ${testCase.status}: ${testCase.message}`,
			async () => {
				const stored = await ctx.rest(
					baseUrl,
					session.cookie,
					'GET',
					`/rest/credentials/${testCase.credential.id}?includeData=true`,
				);
				const mark = await ctx.emulator.mark();
				const answer = await ctx.rest(baseUrl, session.cookie, 'POST', '/rest/credentials/test', {
					credentials: {
						id: stored.id,
						name: stored.name,
						type: stored.type,
						data: { ...stored.data, ...testCase.change },
					},
				});
				assert.deepStrictEqual(
					{ status: answer.status, message: answer.message },
					{ status: testCase.status, message: testCase.message },
				);
				const calls = (await ctx.emulator.logSince(mark)).filter((entry) => entry.path === testCase.path);
				assert.strictEqual(calls.length, 1, `${testCase.path} calls: ${calls.length}`);
				assert.ok(
					testCase.sent(calls[0]),
					`the test request was not the expected one: ${JSON.stringify({ query: calls[0].query, json: calls[0].json })}`,
				);
			},
		);
	}
}

function writeTestFiles(dir, emulatorUrl) {
	fs.mkdirSync(dir, { recursive: true });
	const workflows = testWorkflows();
	for (const workflow of workflows)
		fs.writeFileSync(path.join(dir, `${workflow.id}.json`), JSON.stringify(workflow, null, 2));
	return { workflows, credentials: testCredentials(emulatorUrl) };
}

// ------------------------------------------------------------------------------- AI article to published post

/**
 * examples/oa-ai-article-publish.json unchanged: the cover goes up as permanent material, the two pictures of the
 * HTML through uploadimg (in the order they appear), the draft carries their URLs in place of binary:<field>, the
 * draft is published and polled until WeChat reports it published, and the last node outputs the article URL.
 */
async function publishExample(ctx) {
	const workflow = readExample('oa-ai-article-publish.json');
	const writer = 'AI writer (stand-in)';
	const [chart, photo, cover] = ['chartPng', 'photoPng', 'coverJpg'].map((name) =>
		codeConstantBytes(workflow, writer, name),
	);
	const run = await execute(ctx, workflow, 'execute-publish');
	if (!run.ok) return;
	const polls = run.entries('/cgi-bin/freepublish/get');
	const start = tokenStart(ctx, run, '/cgi-bin/stable_token');
	ctx.check(
		'publish: stable_token, add_material (cover), uploadimg ×2, draft/add, freepublish/submit, then freepublish/get until published',
		() => {
			assert.ok(polls.length >= 2, `only ${polls.length} status poll(s): the emulator keeps a job publishing for 3 s`);
			assert.deepStrictEqual(
				run.log.map((entry) => entry.path),
				[
					...start.paths,
					'/cgi-bin/material/add_material',
					'/cgi-bin/media/uploadimg',
					'/cgi-bin/media/uploadimg',
					'/cgi-bin/draft/add',
					'/cgi-bin/freepublish/submit',
					...polls.map(() => '/cgi-bin/freepublish/get'),
				],
			);
			assert.deepStrictEqual(
				run.log.filter((entry) => entry.status !== 200 || entry.response?.errcode),
				[],
			);
			assert.deepStrictEqual(
				polls.map((entry) => entry.response.publish_status),
				[...polls.slice(1).map(() => 1), 0],
			);
		},
	);
	const [material] = run.entries('/cgi-bin/material/add_material');
	const images = run.entries('/cgi-bin/media/uploadimg');
	ctx.check(
		'publish: the cover went up as a permanent image, the chart and the photo through uploadimg (same bytes)',
		() => {
			assert.strictEqual(material.query.type, 'image');
			assert.deepStrictEqual(
				[material, ...images].map((entry) => [entry.multipart?.[0]?.filename, entry.multipart?.[0]?.sha256]),
				[
					['cover.jpg', sha256(cover)],
					['weekly-sales.png', sha256(chart)],
					['store.png', sha256(photo)],
				],
			);
		},
	);
	const [draft] = run.entries('/cgi-bin/draft/add');
	ctx.check("publish: draft/add got the article with the uploaded pictures' URLs and the cover's media_id", () => {
		const [article] = draft.json.articles;
		assert.strictEqual(article.thumb_media_id, material.response.media_id);
		assert.strictEqual(article.title, '本周新品速递');
		const sources = [...article.content.matchAll(/<img src="([^"]+)"/g)].map((match) => match[1]);
		assert.deepStrictEqual(
			sources,
			images.map((entry) => entry.response.url),
		);
		assert.ok(!article.content.includes('binary:'), article.content);
	});
	ctx.check('publish: submit took the draft, and the last node outputs the published article URL', () => {
		const [submit] = run.entries('/cgi-bin/freepublish/submit');
		assert.deepStrictEqual(submit.json, { media_id: draft.response.media_id });
		const published = polls.at(-1).response;
		assert.deepStrictEqual(
			ctx.outputItems(run.execution, 'Article URL').map((item) => item.json),
			[{ title: '本周新品速递', url: published.article_detail.item[0].article_url, article_id: published.article_id }],
		);
		assert.match(published.article_detail.item[0].article_url, /^https:\/\/mp\.weixin\.qq\.com\/s\?/);
	});
}

/** examples/oa-menu-as-code.json: the JSON in the node goes out as is, and reads back in get_current_selfmenu_info's shape. */
async function menuExample(ctx) {
	const workflow = readExample('oa-menu-as-code.json');
	const menu = JSON.parse(nodeNamed(workflow, 'Create the menu').parameters.menuJson);
	const run = await execute(ctx, workflow, 'execute-menu');
	if (!run.ok) return;
	ctx.check('menu as code: menu/create got the JSON from the node exactly, then get_current_selfmenu_info', () => {
		const calls = run.log.filter((entry) => entry.path !== '/cgi-bin/stable_token');
		assert.deepStrictEqual(
			calls.map((entry) => [entry.method, entry.path, entry.status, entry.response?.errcode ?? 0]),
			[
				['POST', '/cgi-bin/menu/create', 200, 0],
				['GET', '/cgi-bin/get_current_selfmenu_info', 200, 0],
			],
		);
		assert.deepStrictEqual(run.entries('/cgi-bin/menu/create')[0].json, menu);
	});
	ctx.check('menu as code: "What followers see" outputs the menu with sub-buttons under sub_button.list', () => {
		const selfMenu = (button) => (button.sub_button ? { ...button, sub_button: { list: button.sub_button } } : button);
		assert.deepStrictEqual(
			ctx.outputItems(run.execution, 'What followers see').map((item) => item.json),
			[{ is_menu_open: 1, selfmenu_info: { button: menu.button.map(selfMenu) } }],
		);
	});
	const state = await ctx.emulator.state();
	ctx.check("menu as code: the demo account's menu is the one in the example", () => {
		const account = state.oa.accounts.find((candidate) => candidate.appId === h.DEMO_OA.appId);
		assert.deepStrictEqual(account.menus.button, menu.button);
	});
}

module.exports = {
	checkExampleCredentials,
	credentialTests,
	failingTemplateRun,
	groupChatExample,
	loopOverItems,
	massSendExample,
	menuExample,
	orderNotice,
	publishExample,
	robotAlertExample,
	retryFailedTemplateRun,
	robotBatch,
	startRealPaceRun,
	templateExample,
	writeTestFiles,
};
