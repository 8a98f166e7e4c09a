'use strict';
/**
 * Our nodes in n8n's queue mode, on a real cluster started and stopped here, loopback only:
 *
 *   Redis       redis-server (Debian package) on its own port and folder, no persistence
 *   PostgreSQL  initdb + postgres (Debian package) in its own folder and port (as the `postgres` user when this
 *               runs as root, since PostgreSQL refuses root), the database n8n uses
 *   n8n         `n8n start` (main), two `n8n webhook` processes behind a tiny round-robin proxy (as a load balancer
 *               would be), two `n8n worker` processes; EXECUTIONS_MODE=queue; our packed package installed the
 *               way n8n installs a community package (callbacks.js prepareHost)
 *
 * What it proves (the emulator's callback pusher plays WeChat):
 *   retries   the echo bot (examples/oa-echo-bot.json) gets MESSAGES text messages through the proxy, 30 % of them
 *             sent a second time right after the first, so the retry reaches the OTHER webhook process: exactly
 *             MESSAGES executions, and the retry is answered with the first delivery's reply, not a second run
 *   replies   every first delivery gets the encrypted passive reply within WeChat's 5 s, built by the reply node
 *             on a worker, whose output says "passive" (the slot settled through Redis)
 *   late      examples/oa-slow-reply.json (6 s before its reply): WeChat hears "success" from the receiving process's
 *             guard within 5 s, a retry on the other webhook process too, and the worker's reply, too late for the
 *             slot, goes out once as a customer-service message; one execution, which says customerService
 *   tokens    SENDS requests at once to a Webhook → WeCom Send workflow: SENDS executions spread over both workers,
 *             SENDS messages delivered, ONE gettoken for the whole cluster (the token-fetch lock in Redis)
 *   pacing    ROBOT.count requests at once to a Webhook → Robot Send workflow, the workers' robot window shrunk to
 *             ROBOT.nodeMax per ROBOT.nodeWindowMs (robot-pacing.js, as in run.js's batch) and the emulator's to
 *             ROBOT.nodeMax per ROBOT.emulatorWindowMs: every message delivered once and not one 45009, since both
 *             workers book from one window in Redis (each on its own would send twice the rate)
 *
 * Part of `npm test` after run.js (about 2.5 min here); alone: `npm run build && npm run test:e2e:queue`.
 */
const assert = require('node:assert');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const h = require('./host');
const cb = require('./callbacks');

const MESSAGES = Number(process.env.E2E_QUEUE_MESSAGES || 40);
const REPEATED_SHARE = 0.3;
const SENDS = Number(process.env.E2E_QUEUE_SENDS || 40);
const SEND_PATH = 'e2e-queue-send';
/** The robot window the workers pace to, and the emulator's (shorter: a booked slot's message may arrive late). */
const ROBOT = { path: 'e2e-queue-robot', count: 30, nodeMax: 5, nodeWindowMs: 1000, emulatorWindowMs: 800 };

/** A webhook that hands its request to one of our action nodes (the workers run it). */
function webhookTo(id, webhookPath, webhookId, node) {
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
			{ id: `${id}-node`, position: [240, 0], typeVersion: 1, ...node },
		],
		connections: { Webhook: { main: [[{ node: node.name, type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
	};
}

/** One WeCom message per request, run by whichever worker takes the execution. */
const SEND_WORKFLOW = webhookTo('e2e-queue-send', SEND_PATH, 'e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a02', {
	name: 'WeCom Send',
	type: 'n8n-nodes-wecom-oa.weComSend',
	parameters: {
		resource: 'message',
		operation: 'sendText',
		toUser: 'zhangsan',
		content: '={{ "queue send " + $json.body.n }}',
	},
	credentials: { weComApi: { id: h.DEMO_CREDENTIAL.id, name: h.DEMO_CREDENTIAL.name } },
});
/** One robot message per request. */
const ROBOT_WORKFLOW = webhookTo('e2e-queue-robot', ROBOT.path, 'f2a3b4c5-d6e7-4f80-9bac-1d2e3f4a5b03', {
	name: 'Robot Send Text',
	type: 'n8n-nodes-wecom-oa.weComGroupChat',
	parameters: { resource: 'robot', operation: 'sendText', content: '={{ "queue robot " + $json.body.n }}' },
	credentials: { weComRobotApi: { id: h.DEMO_ROBOT_CREDENTIAL.id, name: h.DEMO_ROBOT_CREDENTIAL.name } },
});
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
		const { n8n, logs, userFolder, owner, emulator } = host;
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
		const queueEnv = {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(ports.postgres),
			DB_POSTGRESDB_DATABASE: 'n8n',
			DB_POSTGRESDB_USER: 'n8n',
			DB_POSTGRESDB_PASSWORD: '',
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(ports.redis),
			WEBHOOK_URL: `${proxyUrl}/`,
		};
		const env = (httpPort, brokerPort, withOwner = false) => ({
			...h.n8nEnv(n8n, { userFolder, port: httpPort, brokerPort, owner: withOwner ? owner : undefined }),
			...queueEnv,
		});
		const cliEnv = env(ports.main, ports.brokers[5]);
		const ctx = {
			...host.ctx,
			cli: (args, logName) => h.n8nCli(n8n, cliEnv, args, { logFile: path.join(logs, `${logName}.log`) }),
		};

		const echo = cb.readExample(cb.EXAMPLES.echo);
		const slow = cb.readExample(cb.EXAMPLES.slow);
		const prepared = await report.phase(
			'import the credentials and the four workflows into PostgreSQL, publish',
			() =>
				cb.importAndPublish(ctx, {
					emulatorUrl: emulator.url,
					workDir,
					workflows: [echo, slow, SEND_WORKFLOW, ROBOT_WORKFLOW],
					extraCredentials: h.demoCredentials(emulator.url).filter((credential) => credential.type === 'weComRobotApi'),
				}),
		);
		const setupOk = report.check('queue: credentials and the four workflows imported and published', () => {
			assert.strictEqual(prepared.importedCredentials.code, 0, h.tail(prepared.importedCredentials.output));
			assert.strictEqual(prepared.importedWorkflows.code, 0, h.tail(prepared.importedWorkflows.output));
			for (const { id, result } of prepared.published)
				assert.strictEqual(result.code, 0, `${id}: ${h.tail(result.output)}`);
		});
		if (!setupOk) return;

		await report.phase('n8n main, 2 webhook processes, 2 workers (EXECUTIONS_MODE=queue)', async () => {
			await h.startN8nServer(n8n, env(ports.main, ports.brokers[0], true), {
				logFile: path.join(logs, 'n8n-main.log'),
			});
			const started = [];
			for (const [index, webhookPort] of ports.webhooks.entries()) {
				const handle = h.startChild(n8n.node, [n8n.n8nBin, 'webhook'], {
					env: env(webhookPort, ports.brokers[1 + index]),
					logFile: path.join(logs, `n8n-webhook-${index + 1}.log`),
					name: `n8n webhook ${index + 1}`,
				});
				started.push(
					h.waitForOutput(handle, /Webhook listener waiting for requests/, 180_000, `webhook process ${index + 1}`),
				);
			}
			for (const index of [0, 1]) {
				const handle = h.startChild(
					n8n.node,
					['-r', path.join(__dirname, 'robot-pacing.js'), n8n.n8nBin, 'worker', '--concurrency=5'],
					{
						env: {
							...env(ports.main, ports.brokers[3 + index]),
							E2E_ROBOT_PACING: `${ROBOT.nodeMax}/${ROBOT.nodeWindowMs}`,
						},
						logFile: path.join(logs, `n8n-worker-${index + 1}.log`),
						name: `n8n worker ${index + 1}`,
					},
				);
				started.push(h.waitForOutput(handle, /n8n worker is now ready/, 180_000, `worker ${index + 1}`));
			}
			await Promise.all(started);
		});
		proxy = await roundRobin(ports.proxy, ports.webhooks);
		const url = cb.productionUrl(proxyUrl, echo);
		const ready = await report.checkAsync(
			'queue: the echo bot and the slow example answer on both webhook processes',
			async () => {
				for (const webhookPort of ports.webhooks) {
					for (const workflow of [echo, slow]) {
						const { status } = await cb.waitForProductionUrl(
							ctx,
							cb.productionUrl(`http://127.0.0.1:${webhookPort}`, workflow),
							60_000,
						);
						assert.strictEqual(status, 401);
					}
				}
			},
		);
		if (!ready) return;

		const session = await h.login(`http://127.0.0.1:${ports.main}`, owner.email, owner.password);
		const executions = cb.executionsApi(ctx, `http://127.0.0.1:${ports.main}`, session, n8n);
		const log = async (pathname) =>
			(await fetch(`${emulator.url}/__emulator/log?path=${encodeURIComponent(pathname)}`)).json();
		/** `count` POSTs at once through the proxy; their HTTP statuses. */
		const burst = (webhookPath, count) =>
			Promise.all(
				Array.from({ length: count }, (_, n) =>
					fetch(`${proxyUrl}/webhook/${webhookPath}`, {
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({ n }),
					}).then((response) => response.status),
				),
			);
		const endpoint = { platform: 'oa', url, ...cb.OA_SECRETS, receiveId: h.DEMO_OA.appId, mode: 'safe' };
		const push = (message) => emulator.post('/__emulator/callbacks/push', { ...endpoint, message, tries: 1 });

		const firsts = [];
		const retries = [];
		await report.phase(
			`${MESSAGES} messages to the echo bot through the proxy, ${REPEATED_SHARE * 100} % sent twice`,
			async () => {
				for (let i = 0; i < MESSAGES; i++) {
					const message = cb.oaText(`queue ${i}`, { from: cb.FOLLOWERS[i % cb.FOLLOWERS.length] });
					// Sequential: the proxy alternates, so a retry sent right after its message reaches the other process.
					firsts.push({ message, record: await push(message) });
					if (i % 10 < REPEATED_SHARE * 10) retries.push({ message, record: await push(message) });
				}
			},
		);
		console.log(`  webhook processes served ${proxy.served.join(' / ')} requests`);
		report.check(`queue: every first delivery got its encrypted passive reply within 5 s (${firsts.length})`, () => {
			for (const { message, record } of firsts) {
				assert.strictEqual(record.answer?.kind, 'reply', `${message.Content}: ${JSON.stringify(record).slice(0, 600)}`);
				assert.ok(record.attempts[0].ms < 5000, `${message.Content}: answered after ${record.attempts[0].ms} ms`);
				assert.deepStrictEqual(record.answer.problems, []);
				assert.strictEqual(record.answer.reply.Content, `你说：${message.Content}`);
			}
		});
		report.check(
			`queue: each retry on the other webhook process got the first delivery's reply (${retries.length})`,
			() => {
				for (const { message, record } of retries) {
					assert.strictEqual(
						record.answer?.kind,
						'reply',
						`${message.Content}: ${JSON.stringify(record).slice(0, 600)}`,
					);
					assert.strictEqual(record.answer.reply.Content, `你说：${message.Content}`);
				}
			},
		);
		await report.checkAsync(
			`queue: exactly ${MESSAGES} executions for ${MESSAGES + retries.length} deliveries`,
			async () => {
				const page = await executions.settle(echo.id, MESSAGES, 120_000);
				assert.strictEqual(page.count, MESSAGES);
				assert.ok(
					page.results.every((entry) => entry.status === 'success'),
					JSON.stringify(page.results.map((entry) => entry.status)),
				);
				const execution = await executions.data(page.results[0].id);
				const reply = execution.data?.resultData?.runData?.['Reply 你说：…']?.[0]?.data?.main
					?.flat()
					.find(Boolean)?.json;
				assert.strictEqual(reply?.replied, 'passive', JSON.stringify(reply));
			},
		);

		await report.phase(
			'the slow example: the guard answers in the webhook process, the worker replies late',
			async () => {
				const customBefore = (await emulator.state()).oa.customMessages.length;
				const message = cb.oaText('订单 SO20261206001', { from: cb.FOLLOWERS[1] });
				const slowPush = (options) =>
					emulator.post('/__emulator/callbacks/push', {
						...endpoint,
						url: cb.productionUrl(proxyUrl, slow),
						message,
						...options,
					});
				const first = await slowPush({ tries: 1 });
				const retry = await slowPush({ tries: 1 });
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
						const custom = await ctx.waitFor('the customer-service message', 30_000, async () => {
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
						const output = execution.data?.resultData?.runData?.['Reply with the result']?.[0]?.data?.main
							?.flat()
							.find(Boolean)?.json;
						assert.strictEqual(output?.replied, 'customerService', JSON.stringify(output));
					},
				);
			},
		);

		await report.phase(`${SENDS} requests at once to Webhook → WeCom Send, run by the workers`, async () => {
			await cb.waitForProductionUrl(ctx, `${proxyUrl}/webhook/${SEND_PATH}`, 60_000);
			const answers = await burst(SEND_PATH, SENDS);
			report.check(`queue: n8n took all ${SENDS} requests`, () =>
				assert.deepStrictEqual(new Set(answers), new Set([200])),
			);
		});
		await report.checkAsync(
			`queue: ${SENDS} messages sent by both workers with ONE gettoken for the cluster`,
			async () => {
				const page = await executions.settle(SEND_WORKFLOW.id, SENDS, 120_000);
				assert.strictEqual(page.count, SENDS);
				assert.ok(
					page.results.every((entry) => entry.status === 'success'),
					JSON.stringify(page.results.map((entry) => entry.status)),
				);
				const sends = (await log('/cgi-bin/message/send')).filter((entry) =>
					/^queue send /.test(entry.json?.text?.content ?? ''),
				);
				assert.strictEqual(sends.length, SENDS);
				assert.ok(
					sends.every((entry) => entry.response?.errcode === 0),
					JSON.stringify(sends.map((entry) => entry.response)),
				);
				const tokens = await log('/cgi-bin/gettoken');
				assert.strictEqual(tokens.length, 1, `gettoken calls: ${tokens.length}`);
			},
		);

		await emulator.post('/__emulator/wecom/robots/rate_limit', {
			max: ROBOT.nodeMax,
			windowMs: ROBOT.emulatorWindowMs,
		});
		try {
			await report.phase(
				`${ROBOT.count} requests at once to Webhook → Robot Send, paced across both workers`,
				async () => {
					await cb.waitForProductionUrl(ctx, `${proxyUrl}/webhook/${ROBOT.path}`, 60_000);
					const answers = await burst(ROBOT.path, ROBOT.count);
					report.check(`queue: n8n took all ${ROBOT.count} robot requests`, () =>
						assert.deepStrictEqual(new Set(answers), new Set([200])),
					);
					await executions.settle(ROBOT_WORKFLOW.id, ROBOT.count, 120_000);
				},
			);
		} finally {
			await emulator.post('/__emulator/wecom/robots/rate_limit', { max: 20, windowMs: 60_000 });
		}
		await report.checkAsync(
			`queue: ${ROBOT.count} robot messages from both workers, each once, 0 × 45009 (one window in Redis)`,
			async () => {
				const sends = (await log('/cgi-bin/webhook/send')).filter((entry) => entry.query?.key === h.DEMO_ROBOT.key);
				const refused = sends.filter((entry) => entry.response?.errcode !== 0).map((entry) => entry.response?.errcode);
				assert.deepStrictEqual(refused, []);
				const contents = sends.map((entry) => entry.json?.text?.content).sort();
				assert.deepStrictEqual(contents, Array.from({ length: ROBOT.count }, (_, n) => `queue robot ${n}`).sort());
			},
		);
		for (const index of [1, 2]) {
			const ran = (
				fs.readFileSync(path.join(logs, `n8n-worker-${index}.log`), 'utf8').match(/started execution/gi) ?? []
			).length;
			console.log(`  worker ${index} started ${ran} executions`);
		}
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

if (require.main === module) main();
