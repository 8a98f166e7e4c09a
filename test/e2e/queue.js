'use strict';
/**
 * Our nodes in n8n's queue mode, on a real cluster started and stopped here, loopback only:
 *
 *   Redis       redis-server (Debian package) on its own port and folder, no persistence
 *   PostgreSQL  initdb + postgres (Debian package) in its own folder and port (as the `postgres` user when this
 *               runs as root, since PostgreSQL refuses root), the database n8n uses
 *   n8n         `n8n start` (main), two `n8n webhook` processes behind a tiny round-robin proxy (as a load balancer
 *               would be), two `n8n worker` processes; EXECUTIONS_MODE=queue; our packed package installed the
 *               way n8n installs a community package (callbacks.js prepareHost). Main hands the editor's runs to
 *               the workers (OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS) and looks for executions of dead workers every
 *               15 s (N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL; Bull's job lock shortened to match), so the crash
 *               check below takes seconds instead of n8n's default 3 hours.
 *
 * What it proves (the emulator's callback pusher plays WeChat; volumes are env knobs, the issue's by default):
 *   examples  every examples/*.json imported, every one with a trigger published (active), each exercised once:
 *             the Manual Trigger examples by scenarios.js's checks, run from the editor (REST) by a worker instead
 *             of `n8n execute` (which falls back to regular mode in its own process), tokens taken from the
 *             cluster; the callback examples by callbacks.js's and their modules' checks through the proxy; the
 *             daily push fired by its Schedule Trigger on main (clock set just before 08:05 Asia/Shanghai, as run.js
 *             does) and sent by a worker; the echo bot and the slow reply by the checks below
 *   retries   MESSAGES text messages to the echo bot (examples/oa-echo-bot.json), IN_FLIGHT at a time (each lane
 *             sends its next once its last was answered), alternately to each webhook process, 30 % of them sent again to the OTHER webhook process once the
 *             first was answered: exactly MESSAGES executions, run by the workers, and each retry gets the first
 *             delivery's reply, not a second run
 *   replies   every first delivery gets the encrypted passive reply within WeChat's 5 s, built by the reply node
 *             on a worker, whose output says "passive" (the slot settled through Redis)
 *   late      examples/oa-slow-reply.json (6 s before its reply): WeChat hears "success" from the receiving process's
 *             guard within 5 s, a retry on the other webhook process too, and the worker's reply, too late for the
 *             slot, goes out once as a customer-service message; one execution, which says customerService
 *   tokens    SENDS WeCom messages in SEND_EXECUTIONS executions started at once, run by both workers: ONE gettoken
 *             for the whole cluster (the token-fetch lock in Redis)
 *   pacing    ROBOT.count robot messages in two executions, one on each worker, at the REAL 20 a minute (emulator:
 *             20 per 59 s): each delivered once, not one 45009, since both workers book from one window in Redis;
 *             it runs for two minutes beside the other checks
 *   crash     CRASH.count order notices (WeChat OA Template, client message ID from the order) then CRASH.count
 *             WeCom messages (WeCom's duplicate check) in one execution; the worker running it is SIGKILLed
 *             halfway through the messages. n8n 2.41 fails the job as stalled (Bull, maxStalledCount 0) and ends
 *             the execution as error without its run data (so its Retry would run nothing); the same batch posted
 *             again runs on the other worker: every notice and message delivered exactly once, the resent ones
 *             dropped by WeChat / WeCom
 *
 * Part of `npm test` after run.js (12 min on this 2-core machine while other suites ran on it, 4 of them the AI-bot
 * checks); alone: `npm run build && npm run test:e2e:queue`.
 * Knobs: E2E_QUEUE_MESSAGES (1000), E2E_QUEUE_IN_FLIGHT (4), E2E_QUEUE_EXPRESSION_ENGINE (of the webhook
 * processes: legacy), E2E_QUEUE_SENDS (2000), E2E_QUEUE_SEND_EXECUTIONS (20), E2E_QUEUE_ROBOT (60),
 * E2E_QUEUE_CRASH (20), E2E_QUEUE_SCHEDULE_LEAD_S (150).
 */
const assert = require('node:assert');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const h = require('./host');
const cb = require('./callbacks');
const scenarios = require('./scenarios');
const qrTagging = require('./qr-tagging');
const kfService = require('./kf-service');
const webLogin = require('./web-login');
const aiBot = require('./aibot');
const { emulatorClient, outputItems, parseExecution, scheduleSecond, shanghaiDate } = require('./harness');

const MESSAGES = Number(process.env.E2E_QUEUE_MESSAGES || 1000);
const REPEATED_SHARE = 0.3;
/**
 * Echo-bot callbacks in flight at once: each lane sends its next message when its last was answered, so the rate is
 * what the cluster sustains (1,000 at once are beyond this 2-core machine), and is reported.
 */
const IN_FLIGHT = Number(process.env.E2E_QUEUE_IN_FLIGHT || 4);
/**
 * The webhook processes' expression engine, as README "High-volume accounts" advises. With n8n 2.41's default
 * (`vm`, one isolate) a webhook process holds its isolate from a callback's arrival until the worker's reply is
 * back, so it answers one callback at a time: at 10 a second the two fell behind at once and 997 of 1,000 missed
 * WeChat's 5 s here. E2E_QUEUE_EXPRESSION_ENGINE=vm shows it. The workers keep n8n's default.
 */
const WEBHOOK_ENGINE = process.env.E2E_QUEUE_EXPRESSION_ENGINE || 'legacy';
const SENDS = Number(process.env.E2E_QUEUE_SENDS || 2000);
const SEND_EXECUTIONS = Number(process.env.E2E_QUEUE_SEND_EXECUTIONS || 20);
const SEND_PATH = 'e2e-queue-send';
/** The robot batch at the real pace: its own robot (the examples use the demo one), the emulator's window 1 s shorter. */
const ROBOT = {
	path: 'e2e-queue-robot',
	count: Number(process.env.E2E_QUEUE_ROBOT || 60),
	executions: 2,
	key: 'e2e-queue-robot',
	credential: { id: 'e2e-queue-robot', name: 'WeCom Robot (e2e queue)' },
	emulatorMax: 20,
	emulatorWindowMs: 59_000,
};
/** The batch whose worker is killed: each WeCom message held DELAY ms by the emulator, the kill after half of them. */
const CRASH = { path: 'e2e-queue-crash', count: Number(process.env.E2E_QUEUE_CRASH || 20), delayMs: 250 };
const SCHEDULE_LEAD_S = Number(process.env.E2E_QUEUE_SCHEDULE_LEAD_S || 150);
const ORDER_FOLLOWERS = ['o_demo_follower_1', 'o_demo_follower_2', 'o_demo_follower_3', 'o_demo_follower_4'];

/**
 * Webhook (its body's `items`, one n8n item each, by n8n's Split Out) → each of `nodes` in turn (execution order
 * v1: top to bottom). Answers the request at once; a worker runs the rest.
 */
function batchWorkflow(id, webhookPath, webhookId, nodes) {
	return {
		id,
		name: `e2e: ${webhookPath} (queue mode)`,
		nodes: [
			{
				id: `${id}-webhook`,
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId,
				parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'onReceived', options: {} },
			},
			{
				id: `${id}-items`,
				name: 'Items',
				type: 'n8n-nodes-base.splitOut',
				typeVersion: 1,
				position: [220, 0],
				parameters: { fieldToSplitOut: 'body.items', options: {} },
			},
			...nodes.map((node, index) => ({
				id: `${id}-node-${index}`,
				position: [440, index * 200],
				typeVersion: 1,
				...node,
			})),
		],
		connections: {
			Webhook: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [nodes.map((node) => ({ node: node.name, type: 'main', index: 0 }))] },
		},
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

const WECOM_CREDENTIAL = { weComApi: { id: h.DEMO_CREDENTIAL.id, name: h.DEMO_CREDENTIAL.name } };

const SEND_WORKFLOW = batchWorkflow('e2e-queue-send', SEND_PATH, 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a02', [
	{
		name: 'WeCom Send',
		type: 'n8n-nodes-wecom-oa.weComSend',
		parameters: {
			resource: 'message',
			operation: 'sendText',
			toUser: 'zhangsan',
			content: '={{ "queue send " + $json.n }}',
		},
		credentials: WECOM_CREDENTIAL,
	},
]);
const ROBOT_WORKFLOW = batchWorkflow('e2e-queue-robot', ROBOT.path, 'f2a3b4c5-d6e7-4f80-9bac-1d2e3f4a5b03', [
	{
		name: 'Robot Send Text',
		type: 'n8n-nodes-wecom-oa.weComGroupChat',
		parameters: { resource: 'robot', operation: 'sendText', content: '={{ "queue robot " + $json.n }}' },
		credentials: { weComRobotApi: ROBOT.credential },
	},
]);
const notice = scenarios.orderNotice('Notify the buyer');
const CRASH_WORKFLOW = batchWorkflow('e2e-queue-crash', CRASH.path, 'a3b4c5d6-e7f8-4091-acbd-2e3f4a5b6c04', [
	{
		...notice,
		parameters: {
			...notice.parameters,
			options: { ...notice.parameters.options, clientMsgId: '={{ "order-" + $json.trackingNo }}' },
		},
		credentials: { weChatOaApi: { id: h.DEMO_OA_CREDENTIAL.id, name: h.DEMO_OA_CREDENTIAL.name } },
	},
	{
		name: 'Tell the warehouse',
		type: 'n8n-nodes-wecom-oa.weComSend',
		parameters: {
			resource: 'message',
			operation: 'sendText',
			toUser: 'wangwu',
			content: '={{ "queue crash " + $json.n }}',
			options: { enableDuplicateCheck: true, duplicateCheckInterval: 1800, concurrency: 1 },
		},
		credentials: WECOM_CREDENTIAL,
	},
]);
const AS_ROOT = process.getuid?.() === 0;

/** A command as the `postgres` user when we are root (PostgreSQL refuses to run as root), else as ourselves. */
function asPostgres(bin, args) {
	return AS_ROOT ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
}

function postgresBin(name) {
	const root = '/usr/lib/postgresql';
	const versions = fs.existsSync(root) ? fs.readdirSync(root).sort((a, b) => Number(a) - Number(b)) : [];
	if (versions.length === 0) throw new Error('PostgreSQL is not installed (apt-get install postgresql)');
	return path.join(root, versions[versions.length - 1], 'bin', name);
}

async function startRedis(dir, port, logs) {
	fs.mkdirSync(dir, { recursive: true });
	const handle = h.startChild(
		'redis-server',
		['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
		{ logFile: path.join(logs, 'redis.log'), name: 'redis-server' },
	);
	await h.waitForOutput(handle, /Ready to accept connections/, 20_000, 'redis-server to accept connections');
	return handle;
}

async function startPostgres(dir, port, logs) {
	const data = path.join(dir, 'data');
	const socket = path.join(dir, 'socket');
	fs.mkdirSync(socket, { recursive: true });
	if (AS_ROOT) spawnSync('chown', ['-R', 'postgres:postgres', dir]);
	const [initCommand, initArgs] = asPostgres(postgresBin('initdb'), [
		'-D',
		data,
		'-U',
		'n8n',
		'--auth=trust',
		'-E',
		'UTF8',
	]);
	const init = await h.run(initCommand, initArgs, { name: 'initdb', logFile: path.join(logs, 'postgres-init.log') });
	if (init.code !== 0) throw new Error(`initdb failed:\n${h.tail(init.output)}`);
	const [command, args] = asPostgres(postgresBin('postgres'), [
		'-D',
		data,
		'-p',
		String(port),
		'-k',
		socket,
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'fsync=off',
	]);
	const handle = h.startChild(command, args, { logFile: path.join(logs, 'postgres.log'), name: 'postgres' });
	await h.waitForOutput(handle, /database system is ready to accept connections/, 60_000, 'PostgreSQL to start');
	const [createCommand, createArgs] = asPostgres(postgresBin('createdb'), [
		'-h',
		'127.0.0.1',
		'-p',
		String(port),
		'-U',
		'n8n',
		'n8n',
	]);
	const created = await h.run(createCommand, createArgs, { name: 'createdb' });
	if (created.code !== 0) throw new Error(`createdb failed:\n${h.tail(created.output)}`);
	return handle;
}

/** A load balancer in front of the webhook processes: each request to the next one in turn. */
function roundRobin(port, targets) {
	const served = targets.map(() => 0);
	let next = 0;
	const server = http.createServer((req, res) => {
		const index = next++ % targets.length;
		served[index]++;
		const upstream = http.request(
			{ host: '127.0.0.1', port: targets[index], method: req.method, path: req.url, headers: req.headers },
			(answer) => {
				res.writeHead(answer.statusCode ?? 502, answer.headers);
				answer.pipe(res);
			},
		);
		upstream.on('error', (error) => {
			res.writeHead(502, { 'content-type': 'text/plain' });
			res.end(String(error));
		});
		req.pipe(upstream);
	});
	return new Promise((resolve) =>
		server.listen(port, '127.0.0.1', () => resolve({ served, close: () => new Promise((done) => server.close(done)) })),
	);
}

/** What every process of the cluster shares: PostgreSQL, queue mode on Redis, the URL WeChat calls. */
function queueSettings({ redisPort, postgresPort, webhookUrl }) {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(postgresPort),
		DB_POSTGRESDB_DATABASE: 'n8n',
		DB_POSTGRESDB_USER: 'n8n',
		DB_POSTGRESDB_PASSWORD: '',
		// n8n's default of 2 connections a process runs dry under a steady stream of callbacks on this machine.
		DB_POSTGRESDB_POOL_SIZE: '10',
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		WEBHOOK_URL: webhookUrl,
	};
}

/** `n8n webhook` number `index`; resolves once it listens. */
async function startWebhookProcess(n8n, env, logs, index) {
	const handle = h.startChild(n8n.node, [...aiBot.n8nNodeArgs(), n8n.n8nBin, 'webhook'], {
		env,
		logFile: path.join(logs, `n8n-webhook-${index}.log`),
		name: `n8n webhook ${index}`,
	});
	await h.waitForOutput(handle, /Webhook listener waiting for requests/, 180_000, `webhook process ${index}`);
	return handle;
}

/** `n8n worker` number `index`: its handle at once (to kill it), `ready` once it takes jobs. */
function startWorker(n8n, env, logs, index, concurrency = 10) {
	const handle = h.startChild(
		n8n.node,
		[...aiBot.n8nNodeArgs(), n8n.n8nBin, 'worker', `--concurrency=${concurrency}`],
		{
			env,
			logFile: path.join(logs, `n8n-worker-${index}.log`),
			name: `n8n worker ${index}`,
		},
	);
	return { handle, ready: h.waitForOutput(handle, /n8n worker is now ready/, 180_000, `worker ${index}`) };
}

/** Runs `task(i)` for every i < count, `lanes` at a time (each lane starts the next when its last finished). */
async function inLanes(count, lanes, task) {
	const results = new Array(count);
	let next = 0;
	const lane = async () => {
		while (next < count) {
			const i = next++;
			results[i] = await task(i);
		}
	};
	await Promise.all(Array.from({ length: Math.min(lanes, count) }, lane));
	return results;
}

function percentile(sorted, share) {
	return sorted[Math.min(sorted.length - 1, Math.ceil(share * sorted.length) - 1)];
}

/** Which worker (1 or 2) started each execution, from their logs ("Worker started execution <id> (job <n>)"). */
function workersByExecution(logs) {
	const byId = new Map();
	for (const index of [1, 2]) {
		const text = fs.readFileSync(path.join(logs, `n8n-worker-${index}.log`), 'utf8');
		for (const match of text.matchAll(/Worker started execution (\d+)/g)) byId.set(match[1], index);
	}
	return byId;
}

async function main() {
	const report = cb.reporter();
	h.installExitHooks((signal) => {
		report.record(`interrupted by ${signal}`, false);
		h.stopAll().finally(() => process.exit(1));
	});
	const workDir = process.env.E2E_QUEUE_DIR || path.join(os.tmpdir(), `n8n-queue-e2e-${process.pid}`);
	let proxy;
	let failed = 1;
	try {
		const host = await cb.prepareHost(workDir, report);
		const { n8n, logs, userFolder, owner } = host;
		const emulator = emulatorClient(host.emulator.url);
		fs.chmodSync(workDir, 0o755);
		const taken = Object.values(host.ports);
		const port = async () => {
			const picked = await h.pickPort(0, taken);
			taken.push(picked);
			return picked;
		};
		const ports = { redis: await port(), postgres: await port(), main: await port(), proxy: await port() };
		ports.webhooks = [await port(), await port()];
		ports.brokers = [await port(), await port(), await port(), await port(), await port(), await port()];

		await report.phase('Redis and PostgreSQL (Debian packages, own folders and ports)', async () => {
			await startRedis(path.join(workDir, 'redis'), ports.redis, logs);
			await startPostgres(path.join(workDir, 'postgres'), ports.postgres, logs);
		});

		const proxyUrl = `http://127.0.0.1:${ports.proxy}`;
		const mainUrl = `http://127.0.0.1:${ports.main}`;
		const queueEnv = {
			...queueSettings({ redisPort: ports.redis, postgresPort: ports.postgres, webhookUrl: `${proxyUrl}/` }),
			// A dead worker's job lock runs out after 15 s (n8n: 60 s), checked every 5 s (30 s).
			QUEUE_WORKER_LOCK_DURATION: '15000',
			QUEUE_WORKER_LOCK_RENEW_TIME: '3000',
			QUEUE_WORKER_STALLED_INTERVAL: '5000',
		};
		const env = (httpPort, brokerPort, extra = {}) => ({
			...h.n8nEnv(n8n, { userFolder, port: httpPort, brokerPort, owner: extra.owner }),
			...queueEnv,
			...extra.env,
		});
		const cliEnv = env(ports.main, ports.brokers[5]);
		const cli = (args, logName) => h.n8nCli(n8n, cliEnv, args, { logFile: path.join(logs, `${logName}.log`) });

		const echo = cb.readExample(cb.EXAMPLES.echo);
		const slow = cb.readExample(cb.EXAMPLES.slow);
		const welcome = cb.readExample(cb.EXAMPLES.welcome);
		const approval = cb.readExample(cb.EXAMPLES.wecom);
		const daily = cb.readExample('wecom-daily-push.json');
		const callbackExamples = [
			echo,
			slow,
			welcome,
			approval,
			...qrTagging.workflows(),
			...kfService.workflows(),
			...webLogin.workflows(),
			...aiBot.workflows(),
		];
		const published = [...callbackExamples, daily, SEND_WORKFLOW, ROBOT_WORKFLOW, CRASH_WORKFLOW];
		const manual = h
			.exampleFiles()
			.map((file) => h.readJson(file))
			.filter((workflow) => !published.some((other) => other.id === workflow.id));
		const prepared = await report.phase(
			`import the credentials and ${published.length + manual.length} workflows into PostgreSQL`,
			() =>
				cb.importAndPublish(
					{ ...host.ctx, cli },
					{
						emulatorUrl: emulator.url,
						workDir,
						// Published from the editor once main is up: one REST call each instead of a CLI start each.
						workflows: [],
						unpublished: [...published, ...manual],
						extraCredentials: [
							// callbackCredentials brings the OA and WeCom ones, with callback secrets.
							...h
								.demoCredentials(emulator.url)
								.filter((credential) => !['weChatOaApi', 'weComApi'].includes(credential.type)),
							h.weComRobotDemoCredential(emulator.url, { ...ROBOT.credential, key: ROBOT.key }),
						],
					},
				),
		);
		const setupOk = report.check(
			`queue: the credentials and every example (${h.exampleFiles().length}) imported`,
			() => {
				assert.strictEqual(prepared.importedCredentials.code, 0, h.tail(prepared.importedCredentials.output));
				assert.strictEqual(prepared.importedWorkflows.code, 0, h.tail(prepared.importedWorkflows.output));
				const imported = new Set([...published, ...manual].map((workflow) => workflow.id));
				const missing = h.exampleFiles().filter((file) => !imported.has(h.readJson(file).id));
				assert.deepStrictEqual(missing, []);
				assert.ok(
					manual.every((workflow) => workflow.nodes.some((node) => node.type === 'n8n-nodes-base.manualTrigger')),
					'an example left unpublished has no Manual Trigger',
				);
			},
		);
		if (!setupOk) return;

		// Main's clock just before today's 08:05 in China, so the daily push's Schedule Trigger fires during the run.
		const dailyTrigger = daily.nodes.find((node) => node.type === 'n8n-nodes-base.scheduleTrigger');
		const today = shanghaiDate();
		const fireSecond = String(scheduleSecond(daily.id, dailyTrigger.id)).padStart(2, '0');
		const spawnedAt = Date.now();
		const fakeStart = new Date(Date.parse(`${today}T08:05:${fireSecond}+08:00`) - SCHEDULE_LEAD_S * 1000).toISOString();
		const workers = [];
		await report.phase('n8n main, 2 webhook processes, 2 workers (EXECUTIONS_MODE=queue)', async () => {
			const started = [
				h.startN8nServer(
					n8n,
					env(ports.main, ports.brokers[0], {
						owner,
						env: {
							E2E_FAKE_START: fakeStart,
							OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
							N8N_EXECUTIONS_QUEUE_RECOVERY_INTERVAL: '0.25',
						},
					}),
					{
						logFile: path.join(logs, 'n8n-main.log'),
						nodeArgs: [...aiBot.n8nNodeArgs(), '-r', path.join(__dirname, 'fake-clock.js')],
					},
				),
			];
			for (const [index, webhookPort] of ports.webhooks.entries())
				started.push(
					startWebhookProcess(
						n8n,
						env(webhookPort, ports.brokers[1 + index], { env: { N8N_EXPRESSION_ENGINE: WEBHOOK_ENGINE } }),
						logs,
						index + 1,
					),
				);
			for (const index of [0, 1]) {
				const worker = startWorker(n8n, env(ports.main, ports.brokers[3 + index]), logs, index + 1);
				workers.push(worker.handle);
				started.push(worker.ready);
			}
			await Promise.all(started);
		});
		const readyAfter = Date.now() - spawnedAt;
		console.log(
			`  cluster ready after ${(readyAfter / 1000).toFixed(1)} s; the daily push fires at ${SCHEDULE_LEAD_S} s`,
		);
		proxy = await roundRobin(ports.proxy, ports.webhooks);
		const session = await h.login(mainUrl, owner.email, owner.password);
		const activated = await report.checkAsync(
			`queue: ${published.length} workflows published from the editor (every example with a trigger, the test webhooks)`,
			async () => {
				for (const { id } of published) {
					const workflow = await h.rest(mainUrl, session.cookie, 'GET', `/rest/workflows/${id}`);
					await h.rest(mainUrl, session.cookie, 'POST', `/rest/workflows/${id}/activate`, {
						versionId: workflow.versionId,
					});
				}
			},
		);
		if (!activated) return;
		const url = (workflow, base = proxyUrl) => cb.productionUrl(base, workflow);
		const ready = await report.checkAsync(
			'queue: the callback examples answer on both webhook processes, the batch webhooks through the proxy',
			async () => {
				for (const webhookPort of ports.webhooks) {
					for (const workflow of [echo, slow, welcome, approval]) {
						const { status } = await cb.waitForProductionUrl(
							host.ctx,
							url(workflow, `http://127.0.0.1:${webhookPort}`),
							60_000,
						);
						assert.strictEqual(status, 401);
					}
				}
				for (const workflow of [SEND_WORKFLOW, ROBOT_WORKFLOW, CRASH_WORKFLOW])
					await cb.waitForProductionUrl(host.ctx, url(workflow), 60_000);
			},
		);
		if (!ready) return;

		const executions = cb.executionsApi(host.ctx, mainUrl, session, n8n);
		const log = (pathname) => emulator.log(pathname);
		/** One POST per body through the proxy, all at once; their HTTP statuses. */
		const post = (workflow, bodies) =>
			Promise.all(
				bodies.map((body) =>
					fetch(url(workflow), {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify(body),
					}).then((response) => response.status),
				),
			);
		const items = (from, count, extra = () => ({})) =>
			Array.from({ length: count }, (_, index) => ({ n: from + index, ...extra(from + index) }));
		const endpoint = { platform: 'oa', ...cb.OA_SECRETS, receiveId: h.DEMO_OA.appId, mode: 'safe' };
		const push = (target, message) =>
			emulator.post('/__emulator/callbacks/push', { ...endpoint, url: target, message, tries: 1 });

		// ------------------------------------------------------------------ robot batch (runs beside the rest)
		await emulator.post('/__emulator/wecom/robots', { key: ROBOT.key, name: 'e2e queue robot' });
		await emulator.post('/__emulator/wecom/robots/rate_limit', {
			max: ROBOT.emulatorMax,
			windowMs: ROBOT.emulatorWindowMs,
		});
		const robotStarted = Date.now();
		const perRobotRun = Math.ceil(ROBOT.count / ROBOT.executions);
		const robotAnswers = await post(
			ROBOT_WORKFLOW,
			Array.from({ length: ROBOT.executions }, (_, index) => ({
				items: items(index * perRobotRun + 1, Math.min(perRobotRun, ROBOT.count - index * perRobotRun)),
			})),
		);
		report.check(`queue: ${ROBOT.executions} robot batches started (${ROBOT.count} messages at the real 20/min)`, () =>
			assert.deepStrictEqual(new Set(robotAnswers), new Set([200])),
		);

		// ------------------------------------------------------------------ tokens
		const perSend = Math.ceil(SENDS / SEND_EXECUTIONS);
		await report.phase(`${SENDS} WeCom sends in ${SEND_EXECUTIONS} executions started at once`, async () => {
			const answers = await post(
				SEND_WORKFLOW,
				Array.from({ length: SEND_EXECUTIONS }, (_, index) => ({
					items: items(index * perSend + 1, Math.min(perSend, SENDS - index * perSend)),
				})),
			);
			report.check(`queue: n8n took all ${SEND_EXECUTIONS} requests`, () =>
				assert.deepStrictEqual(new Set(answers), new Set([200])),
			);
			await report.checkAsync(
				`queue: ${SENDS} messages sent by both workers with ONE gettoken for the cluster`,
				async () => {
					const page = await executions.settle(SEND_WORKFLOW.id, SEND_EXECUTIONS, 240_000);
					assert.strictEqual(page.count, SEND_EXECUTIONS);
					assert.deepStrictEqual(
						page.results.filter((entry) => entry.status !== 'success').map((entry) => entry.status),
						[],
					);
					const sends = (await log('/cgi-bin/message/send')).filter((entry) =>
						/^queue send /.test(entry.json?.text?.content ?? ''),
					);
					assert.strictEqual(sends.length, SENDS);
					assert.deepStrictEqual(
						sends.filter((entry) => entry.response?.errcode !== 0).map((entry) => entry.response),
						[],
					);
					const tokens = await log('/cgi-bin/gettoken');
					assert.strictEqual(tokens.length, 1, `gettoken calls: ${tokens.length}`);
					const byWorker = workersByExecution(logs);
					const ran = page.results.map((entry) => byWorker.get(String(entry.id)));
					console.log(
						`  executions per worker: ${[1, 2].map((index) => ran.filter((worker) => worker === index).length).join(' / ')}`,
					);
					assert.deepStrictEqual(new Set(ran), new Set([1, 2]));
				},
			);
		});

		// ------------------------------------------------------------------ late path
		await report.phase(
			'the slow example: the guard answers in the webhook process, the worker replies late',
			async () => {
				const customBefore = (await emulator.state()).oa.customMessages.length;
				const message = cb.oaText('订单 SO20261206001', { from: cb.FOLLOWERS[1] });
				// Through the proxy, one after the other: the retry reaches the other webhook process.
				const first = await push(url(slow), message);
				const retry = await push(url(slow), message);
				report.check(
					'queue: "success" within 5 s from the guard, and "success" for the retry on the other process',
					() => {
						assert.deepStrictEqual(
							[first.attempts[0].status, first.answer?.kind],
							[200, 'success'],
							JSON.stringify(first).slice(0, 600),
						);
						assert.ok(first.attempts[0].ms < 5000, `answered after ${first.attempts[0].ms} ms`);
						assert.deepStrictEqual(
							[retry.attempts[0].status, retry.answer?.kind],
							[200, 'success'],
							JSON.stringify(retry).slice(0, 600),
						);
					},
				);
				await report.checkAsync(
					'queue: the late reply goes out once as a customer-service message; one execution',
					async () => {
						const custom = await h.waitFor('the customer-service message', 30_000, async () => {
							const all = (await emulator.state()).oa.customMessages;
							return all.length > customBefore ? all.slice(customBefore) : undefined;
						});
						const page = await executions.settle(slow.id, 1, 30_000);
						assert.strictEqual(page.count, 1);
						assert.strictEqual(
							(await emulator.state()).oa.customMessages.length - customBefore,
							1,
							JSON.stringify(custom),
						);
						assert.deepStrictEqual(
							[custom[0].touser, custom[0].body?.text?.content],
							[cb.FOLLOWERS[1], `查询结果：${message.Content} 已发货，预计明天送达。`],
						);
						const execution = await executions.data(page.results[0].id);
						assert.strictEqual(cb.firstJson(execution, 'Reply with the result')?.replied, 'customerService');
					},
				);
			},
		);

		// ------------------------------------------------------------------ retries and passive replies
		const echoStarted = Date.now();
		const deliveries = await report.phase(
			`${MESSAGES} messages to the echo bot, ${IN_FLIGHT} in flight, alternately to each webhook process, ${REPEATED_SHARE * 100} % sent again to the other`,
			() =>
				inLanes(MESSAGES, IN_FLIGHT, async (i) => {
					const message = cb.oaText(`queue ${i}`, { from: cb.FOLLOWERS[i % cb.FOLLOWERS.length] });
					const [to, other] = i % 2 ? ports.webhooks : [...ports.webhooks].reverse();
					const first = await push(url(echo, `http://127.0.0.1:${to}`), message);
					const again =
						i % 10 < REPEATED_SHARE * 10 ? await push(url(echo, `http://127.0.0.1:${other}`), message) : undefined;
					return { message, first, again };
				}),
		);
		const echoSeconds = (Date.now() - echoStarted) / 1000;
		const times = deliveries.map(({ first }) => first.attempts[0]?.ms ?? Infinity).sort((a, b) => a - b);
		console.log(
			`  ${MESSAGES} messages and ${deliveries.filter(({ again }) => again).length} retries in ${echoSeconds.toFixed(0)} s: ${(MESSAGES / echoSeconds).toFixed(1)} messages a second`,
		);
		console.log(
			`  first deliveries answered in p50 ${percentile(times, 0.5)} ms, p95 ${percentile(times, 0.95)} ms, p99 ${percentile(times, 0.99)} ms, max ${times[times.length - 1]} ms`,
		);
		report.check(
			`queue: every first delivery got its encrypted passive reply within 5 s (${deliveries.length})`,
			() => {
				const late = deliveries.filter(
					({ message, first }) =>
						first.answer?.kind !== 'reply' ||
						!(first.attempts[0].ms < 5000) ||
						first.answer.problems.length > 0 ||
						first.answer.reply.Content !== `你说：${message.Content}`,
				);
				assert.deepStrictEqual(
					late.slice(0, 3).map(({ first }) => JSON.stringify({ attempts: first.attempts, answer: first.answer })),
					[],
					`${late.length} of ${deliveries.length} without their reply in time`,
				);
			},
		);
		const retried = deliveries.filter(({ again }) => again);
		report.check(
			`queue: each retry on the other webhook process got the first delivery's answer, no second run (${retried.length})`,
			() => {
				const wrong = retried.filter(
					({ first, again }) =>
						again.answer?.kind !== first.answer?.kind || again.answer?.reply?.Content !== first.answer?.reply?.Content,
				);
				assert.deepStrictEqual(
					wrong.slice(0, 3).map(({ again }) => JSON.stringify({ attempts: again.attempts, answer: again.answer })),
					[],
					`${wrong.length} of ${retried.length}`,
				);
			},
		);
		await report.checkAsync(
			`queue: exactly ${MESSAGES} successful executions for ${MESSAGES + retried.length} deliveries, run by both workers, the reply node's output "passive"`,
			async () => {
				const page = await executions.settle(echo.id, MESSAGES, 180_000);
				assert.strictEqual(page.count, MESSAGES);
				const filter = encodeURIComponent(JSON.stringify({ workflowId: echo.id, status: ['success'] }));
				const succeeded = await h.rest(mainUrl, session.cookie, 'GET', `/rest/executions?filter=${filter}&limit=1`);
				assert.strictEqual(succeeded.count, MESSAGES);
				const byWorker = workersByExecution(logs);
				assert.deepStrictEqual(new Set(page.results.map((entry) => byWorker.get(String(entry.id)))), new Set([1, 2]));
				const execution = await executions.data(page.results[0].id);
				assert.strictEqual(cb.firstJson(execution, 'Reply 你说：…')?.replied, 'passive');
			},
		);

		// ------------------------------------------------------------------ the daily push (Schedule Trigger on main)
		await report.phase('the daily push: its Schedule Trigger fires on main, a worker sends', async () => {
			if (readyAfter > (SCHEDULE_LEAD_S - 5) * 1000) {
				report.record(
					'queue: the cluster started before the daily push was due',
					false,
					`ready after ${readyAfter} ms`,
				);
				return;
			}
			await report.checkAsync('queue: the daily push posts 早上好… to @all, one trigger execution', async () => {
				const timeoutMs = Math.max(0, spawnedAt + SCHEDULE_LEAD_S * 1000 - Date.now()) + 30_000;
				const sends = await h.waitFor('the daily push', timeoutMs, async () => {
					const found = (await log('/cgi-bin/message/send')).filter((entry) => entry.json?.touser === '@all');
					return found.length ? found : undefined;
				});
				assert.strictEqual(sends.length, 1);
				// $now is evaluated on the worker, whose clock is real: the same day in China unless midnight just passed.
				assert.deepStrictEqual(sends[0].json, {
					touser: '@all',
					msgtype: 'text',
					agentid: h.DEMO_APP.agentId,
					text: { content: `早上好，今日数据已更新（${shanghaiDate()}）` },
				});
				assert.strictEqual(sends[0].response?.errcode, 0);
				const page = await executions.settle(daily.id, 1, 30_000);
				assert.deepStrictEqual(
					page.results.map((entry) => [entry.mode, entry.status]),
					[['trigger', 'success']],
				);
			});
		});

		// ------------------------------------------------------------------ every other example
		const examplesCtx = {
			...host.ctx,
			cli: async (args, logName) => {
				const id = args[0] === 'execute' ? args.find((arg) => arg.startsWith('--id='))?.slice(5) : undefined;
				return id ? executeOnWorker({ mainUrl, session, executions }, id) : cli(args, logName);
			},
			// The robot batch still runs beside the examples, with its own robot: its sends are not theirs.
			emulator: {
				...emulator,
				logSince: async (mark, pathname) =>
					(await emulator.logSince(mark, pathname)).filter((entry) => entry.query?.key !== ROBOT.key),
			},
			parseExecution,
			outputItems,
			tokensShared: true,
		};
		await report.phase('the Manual Trigger examples, each run from the editor by a worker', async () => {
			const sendManual = h.readJson(path.join(h.ROOT, 'examples', 'wecom-send-manual.json'));
			const sendNode = sendManual.nodes.find((node) => node.type === 'n8n-nodes-wecom-oa.weComSend');
			const mark = await emulator.mark();
			const run = await examplesCtx.cli(['execute', `--id=${sendManual.id}`, '--rawOutput']);
			await report.checkAsync(`${sendManual.id}: message/send got the exact body, on a worker`, async () => {
				assert.strictEqual(run.code, 0, h.tail(run.output));
				const sends = await emulator.logSince(mark, '/cgi-bin/message/send');
				assert.deepStrictEqual(
					sends.map((entry) => [entry.json, entry.response?.errcode]),
					[
						[
							{
								touser: 'zhangsan|lisi',
								msgtype: 'text',
								agentid: h.DEMO_APP.agentId,
								text: { content: sendNode.parameters.content },
							},
							0,
						],
					],
				);
				const execution = parseExecution(run.stdout);
				assert.ok(workersByExecution(logs).has(String(execution.id)), `execution ${execution.id} ran on no worker`);
			});
			await scenarios.groupChatExample(examplesCtx);
			await scenarios.robotAlertExample(examplesCtx);
			await scenarios.massSendExample(examplesCtx);
			await scenarios.templateExample(examplesCtx);
			await scenarios.publishExample(examplesCtx);
			await scenarios.menuExample(examplesCtx);
		});
		const s = {
			ctx: examplesCtx,
			urls: { welcome: url(welcome), wecom: url(approval) },
			workflows: { welcome, wecom: approval },
			executions,
			emulator,
		};
		const oaPush = (target, options) => cb.push(s, { ...cb.oaEndpoint(target), mode: 'safe', ...options });
		await report.phase('callback examples through the proxy', async () => {
			await cb.welcome(s);
			await cb.wecom(s);
			await qrTagging.run(s, {
				baseUrl: proxyUrl,
				productionUrl: cb.productionUrl,
				waitForProductionUrl: cb.waitForProductionUrl,
				describe: cb.describe,
				push: oaPush,
			});
			await kfService.run(s, {
				baseUrl: proxyUrl,
				waitForProductionUrl: cb.waitForProductionUrl,
				describe: cb.describe,
				push: (target, options) => cb.push(s, { ...cb.wecomEndpoint(target), ...options }),
			});
			await webLogin.run(s, { baseUrl: proxyUrl });
			// Simple Memory lives in one worker: the memory check stays with the single-process suite.
			await aiBot.run(s, { baseUrl: proxyUrl, waitForProductionUrl: cb.waitForProductionUrl, memoryPerProcess: true });
			await require('./queue-aibot').run(s, { proxyUrl, proxy });
			await require('./queue-aibot-socket').run(s, { mainUrl, session, logs });
		});

		// ------------------------------------------------------------------ robot pacing
		await report.checkAsync(
			`queue: ${ROBOT.count} robot messages from both workers at the real 20/min, each once, 0 × 45009`,
			async () => {
				const page = await executions.settle(
					ROBOT_WORKFLOW.id,
					ROBOT.executions,
					Math.max(0, robotStarted + 180_000 - Date.now()) + 30_000,
				);
				assert.deepStrictEqual(
					page.results.map((entry) => entry.status),
					Array.from({ length: ROBOT.executions }, () => 'success'),
				);
				const sends = (await log('/cgi-bin/webhook/send')).filter((entry) => entry.query?.key === ROBOT.key);
				assert.deepStrictEqual(
					sends.filter((entry) => entry.response?.errcode !== 0).map((entry) => entry.response?.errcode),
					[],
				);
				const contents = sends.map((entry) => entry.json?.text?.content).sort();
				assert.deepStrictEqual(
					contents,
					items(1, ROBOT.count)
						.map(({ n }) => `queue robot ${n}`)
						.sort(),
				);
				const arrivals = sends.map((entry) => entry.time - sends[0].time);
				console.log(
					`  robot messages 1, 21, 41, ${ROBOT.count} arrived at ${[0, 20, 40, ROBOT.count - 1].map((index) => ((arrivals[index] ?? NaN) / 1000).toFixed(1)).join(', ')} s`,
				);
				const byWorker = workersByExecution(logs);
				assert.deepStrictEqual(
					new Set(page.results.map((entry) => byWorker.get(String(entry.id)))),
					new Set([1, 2]),
					'both robot executions ran on one worker',
				);
			},
		);
		await emulator.post('/__emulator/wecom/robots/rate_limit', { max: 20, windowMs: 60_000 });

		// ------------------------------------------------------------------ a worker killed mid-batch
		await report.phase(`a worker SIGKILLed halfway through a batch of ${CRASH.count} + ${CRASH.count} sends`, () =>
			crashMidBatch({ report, emulator, executions, workers, logs, mainUrl, session, post, items }),
		);
		for (const index of [1, 2]) {
			const ran = (
				fs.readFileSync(path.join(logs, `n8n-worker-${index}.log`), 'utf8').match(/Worker started execution/g) ?? []
			).length;
			console.log(`  worker ${index} started ${ran} executions`);
		}
		console.log(`  webhook processes served ${proxy.served.join(' / ')} requests through the proxy`);
		failed = 0;
	} catch (error) {
		report.record('queue-mode suite aborted', false, error instanceof Error ? error.stack : String(error));
	} finally {
		await proxy?.close();
		await h.stopAll();
		failed = report.summary() || failed;
		console.log(`work folder: ${workDir}`);
	}
	process.exit(failed ? 1 : 0);
}

/**
 * What scenarios.js's `n8n execute --id` does, done the way a queue-mode user runs a workflow: the editor's
 * "Execute workflow" (POST /rest/workflows/:id/run), which main hands to a worker. n8n's own `execute` command
 * would not (in queue mode it runs the workflow in its own process). Answers like the CLI: an exit code and the
 * run as JSON on stdout.
 */
async function executeOnWorker({ mainUrl, session, executions }, workflowId) {
	const workflow = await h.rest(mainUrl, session.cookie, 'GET', `/rest/workflows/${workflowId}`);
	const trigger = workflow.nodes.find((node) => node.type === 'n8n-nodes-base.manualTrigger');
	const { executionId } = await h.rest(mainUrl, session.cookie, 'POST', `/rest/workflows/${workflowId}/run`, {
		workflowData: workflow,
		triggerToStartFrom: { name: trigger.name },
	});
	await h.waitFor(`execution ${executionId} of ${workflowId}`, 90_000, async () => {
		const record = await h.rest(mainUrl, session.cookie, 'GET', `/rest/executions/${executionId}`);
		return record.finished || !['new', 'running', 'waiting'].includes(record.status);
	});
	const execution = await executions.data(executionId);
	const stdout = JSON.stringify(
		{ id: executionId, mode: execution.mode, status: execution.status, data: execution.data },
		null,
		2,
	);
	return { code: execution.status === 'success' ? 0 : 1, output: stdout, stdout };
}

/**
 * One execution sends CRASH.count order notices, then CRASH.count WeCom messages one by one (the emulator holds
 * each for CRASH.delayMs); the worker running it is SIGKILLed once half the messages went out. n8n fails the job
 * as stalled and ends the execution as error (main's queue recovery may mark it crashed first). The same batch
 * posted again runs from the start on the other worker. WeChat drops the notices again (same client message IDs),
 * WeCom the messages that had gone out (duplicate check): each arrives exactly once.
 */
async function crashMidBatch({ report, emulator, executions, workers, logs, mainUrl, session, post, items }) {
	const orders = items(1, CRASH.count, (n) => ({
		openid: ORDER_FOLLOWERS[n % ORDER_FOLLOWERS.length],
		product: `商品 ${n}`,
		trackingNo: `CRASH${String(n).padStart(4, '0')}`,
	}));
	const sentSoFar = async () =>
		(await emulator.log('/cgi-bin/message/send')).filter((entry) =>
			/^queue crash /.test(entry.json?.text?.content ?? ''),
		);
	await emulator.post('/__emulator/faults', {
		kind: 'slow',
		path: '/cgi-bin/message/send',
		delayMs: CRASH.delayMs,
		times: CRASH.count,
	});
	let executionId;
	let killed;
	try {
		const answers = await post(CRASH_WORKFLOW, [{ items: orders }]);
		const started = await report.checkAsync(
			'crash: the batch runs on a worker, which is SIGKILLed mid-batch',
			async () => {
				assert.deepStrictEqual(answers, [200]);
				const sent = await h.waitFor('half of the batch', 60_000, async () => {
					const found = await sentSoFar();
					return found.length >= CRASH.count / 2 ? found : undefined;
				});
				const [entry] = (await executions.list(CRASH_WORKFLOW.id)).results;
				executionId = String(entry.id);
				const worker = workersByExecution(logs).get(executionId);
				assert.ok(worker, `no worker log says it started execution ${executionId}`);
				process.kill(-workers[worker - 1].child.pid, 'SIGKILL');
				killed = { worker, at: Date.now(), sent: sent.length };
				console.log(
					`  worker ${worker} killed running execution ${executionId}, ${sent.length} of ${CRASH.count} messages out`,
				);
			},
		);
		if (!started) return;
	} finally {
		await emulator.post('/__emulator/faults/clear');
	}
	const sentAtKill = (await sentSoFar()).length;
	const ended = await report.checkAsync(
		"crash: n8n ends the dead worker's execution as error (the stalled job's failure, written last)",
		async () => {
			// main's queue recovery may mark it crashed first; n8n's handler of the stalled job then overwrites the
			// record with its error and no run data, which is why a Retry of it runs nothing (README).
			const seen = [];
			const record = await h.waitFor(`execution ${executionId} to end as error`, 120_000, async () => {
				const found = await h.rest(mainUrl, session.cookie, 'GET', `/rest/executions/${executionId}`);
				if (seen.at(-1) !== found.status) {
					seen.push(found.status);
					console.log(`  status ${found.status} ${((Date.now() - killed.at) / 1000).toFixed(1)} s after the kill`);
				}
				return found.status === 'error' ? found : undefined;
			});
			assert.match(JSON.stringify(record.data ?? ''), /failed to be processed too many times/);
		},
	);
	if (!ended) return;
	await report.checkAsync(
		'crash: the same batch posted again (what its caller does when the run failed) runs on the other worker',
		async () => {
			const known = new Set((await executions.list(CRASH_WORKFLOW.id)).results.map((entry) => String(entry.id)));
			assert.deepStrictEqual(await post(CRASH_WORKFLOW, [{ items: orders }]), [200]);
			const again = await h.waitFor('the second execution to end', 120_000, async () =>
				(await executions.list(CRASH_WORKFLOW.id)).results.find(
					(entry) => !known.has(String(entry.id)) && !['new', 'running'].includes(entry.status),
				),
			);
			assert.strictEqual(again.status, 'success');
			assert.strictEqual(workersByExecution(logs).get(String(again.id)), killed.worker === 1 ? 2 : 1);
		},
	);
	const state = await emulator.state();
	report.check(
		`crash: each of the ${CRASH.count} order notices delivered exactly once; the second run's ${CRASH.count} dropped by their client message IDs`,
		() => {
			const ours = state.oa.templateMessages.filter((message) =>
				/^CRASH/.test(message.body?.data?.character_string3?.value ?? ''),
			);
			const delivered = ours.filter((message) => !message.deduplicated);
			assert.deepStrictEqual(
				delivered.map((message) => [message.touser, message.clientMsgId]).sort(),
				orders.map((order) => [order.openid, `order-${order.trackingNo}`]).sort(),
			);
			assert.strictEqual(ours.length - delivered.length, CRASH.count);
		},
	);
	report.check(
		`crash: each of the ${CRASH.count} WeCom messages delivered exactly once; the ${sentAtKill} sent before the kill were sent again and dropped`,
		() => {
			const ours = state.wecom.messages.filter((message) => /^queue crash /.test(message.body?.text?.content ?? ''));
			const delivered = ours.filter((message) => !message.deduplicated).map((message) => message.body.text.content);
			assert.deepStrictEqual(delivered.sort(), orders.map((order) => `queue crash ${order.n}`).sort());
			assert.strictEqual(ours.length - delivered.length, sentAtKill);
		},
	);
}

// The cluster's parts, for bench/n8n-queue.bench.ts.
module.exports = {
	SEND_WORKFLOW,
	queueSettings,
	roundRobin,
	startPostgres,
	startRedis,
	startWebhookProcess,
	startWorker,
};

if (require.main === module) main();
