/**
 * Our nodes in n8n's queue mode on this machine: the e2e suite's cluster (test/e2e/queue.js's parts), loopback only:
 * Redis and PostgreSQL from Debian packages, n8n main, two `n8n webhook` processes, one worker and then two; this
 * checkout packed and installed like a community package. Same run, ratios:
 *
 *   callbacks  bursts of safe-mode callbacks to a WeChat OA Trigger answering "success" (its immediate mode), through
 *              a round-robin proxy (a load balancer) to 1 webhook process, then to 2: answered within WeChat's 5 s,
 *              callbacks/s (answered / wall time), p50/p99 answer time; the largest burst answered in time
 *   redis      Redis round trips per callback (MONITOR during one burst): every command, Bull's queue traffic for
 *              the executions included, and ours (keys under our `bull:n8n-nodes-wecom-oa` prefix)
 *   sends      WeCom messages (Webhook → WeCom Send, queue.js's batch workflow) with 1 worker, then with 2: sends/s
 *              from the first request to the last message in the emulator's log
 *
 * Every process gets the expression engine of BENCH_QUEUE_ENGINE (`vm:1`, n8n 2.41's default; `vm:4`, `legacy`).
 * Environment: BENCH_QUEUE_BURSTS (50,100,200), BENCH_QUEUE_SENDS (400, in 8 executions), BENCH_N8N_DIR.
 * Exits 1 when a callback is answered wrongly, lost or run twice, or a message is not delivered once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import type { PushRecord } from '../test/emulator/callback';
import {
	cb,
	engineEnv,
	fmtMs,
	h,
	pad,
	QUIET,
	runN8nBench,
	stats,
	type Child,
	type Ctx,
	type Executions,
	type N8nHost,
	type Owner,
	type PreparedHost,
	type Workflow,
} from './lib/n8nHost';
import { oaSuccessWorkflow, pushBurst, textMessage } from './lib/oaCallbacks';

interface QueueParts {
	SEND_WORKFLOW: Workflow;
	queueSettings(ports: { redisPort: number; postgresPort: number; webhookUrl: string }): Record<string, string>;
	roundRobin(port: number, targets: number[]): Promise<{ served: number[]; close(): Promise<void> }>;
	startRedis(dir: string, port: number, logs: string): Promise<Child>;
	startPostgres(dir: string, port: number, logs: string): Promise<Child>;
	startWebhookProcess(n8n: N8nHost, env: Record<string, string>, logs: string, index: number): Promise<Child>;
	startWorker(
		n8n: N8nHost,
		env: Record<string, string>,
		logs: string,
		index: number,
	): { handle: Child; ready: Promise<unknown> };
}
/** What host.js offers beyond lib/n8nHost's view of it. */
interface ClusterHost {
	pickPort(preferred: number, avoid: number[]): Promise<number>;
	n8nEnv(
		n8n: N8nHost,
		options: { userFolder: string; port: number; brokerPort: number; owner?: Owner },
	): Record<string, string>;
	n8nCli(
		n8n: N8nHost,
		env: Record<string, string>,
		args: string[],
		options: { logFile: string },
	): Promise<{ code: number; output: string }>;
	startN8nServer(n8n: N8nHost, env: Record<string, string>, options: { logFile: string }): Promise<Child>;
}

const q = require('../test/e2e/queue') as QueueParts;
const hc = h as unknown as ClusterHost;

const BURSTS = (process.env.BENCH_QUEUE_BURSTS ?? '50,100,200').split(',').map(Number).filter(Boolean);
const SENDS = Number(process.env.BENCH_QUEUE_SENDS ?? 400);
const SEND_EXECUTIONS = 8;
const ENGINE = engineEnv(process.env.BENCH_QUEUE_ENGINE ?? 'vm:1');
const REDIS_SAMPLE = 50;

type Outcome = 'ok' | 'late' | 'wrong';

interface CallbackBurst {
	processes: number;
	n: number;
	ms: number[];
	outcomes: Outcome[];
	wallMs: number;
	executions: number;
}

function judge(records: PushRecord[]): Outcome[] {
	return records.map((record) =>
		record.attempts[0].status === 0 ? 'late' : record.answer.kind === 'success' ? 'ok' : 'wrong',
	);
}

/**
 * Redis commands while `fn` runs, seen through MONITOR on a plain socket (one line per command:
 * `+<time> [<db> <client>] "<command>" "<arg>" ...`): all of them, and those on our keys by command.
 */
async function monitored(port: number, fn: () => Promise<void>): Promise<{ all: number; ours: Map<string, number> }> {
	const socket = net.connect(port, '127.0.0.1');
	await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
	let all = 0;
	const ours = new Map<string, number>();
	let rest = '';
	socket.on('data', (chunk) => {
		const lines = (rest + chunk.toString('utf8')).split('\r\n');
		rest = lines.pop() ?? '';
		for (const line of lines) {
			// Commands a Lua script runs show as `[0 lua]`: not round trips.
			if (!/^\+\d/.test(line) || / lua\]/.test(line)) continue;
			all++;
			if (!line.includes('bull:n8n-nodes-wecom-oa')) continue;
			const command = (/\] "([^"]+)"/.exec(line)?.[1] ?? '?').toLowerCase();
			const name = command === 'evalsha' || command === 'eval' ? 'script' : command;
			ours.set(name, (ours.get(name) ?? 0) + 1);
		}
	});
	socket.write('MONITOR\r\n');
	try {
		await fn();
		await h.delay(200);
	} finally {
		socket.destroy();
	}
	return { all, ours };
}

async function main(workDir: string): Promise<number> {
	const benchStarted = Date.now();
	const host: PreparedHost = await cb.prepareHost(workDir, QUIET);
	const { n8n, logs, userFolder, owner } = host;
	fs.chmodSync(workDir, 0o755);
	const taken: number[] = Object.values(host.ports);
	const port = async (): Promise<number> => {
		const picked = await hc.pickPort(0, taken);
		taken.push(picked);
		return picked;
	};
	const ports = {
		redis: await port(),
		postgres: await port(),
		main: await port(),
		proxies: [await port(), await port()],
		webhooks: [await port(), await port()],
		brokers: [await port(), await port(), await port(), await port(), await port(), await port()],
	};
	await q.startRedis(path.join(workDir, 'redis'), ports.redis, logs);
	await q.startPostgres(path.join(workDir, 'postgres'), ports.postgres, logs);
	const proxyUrls = ports.proxies.map((proxyPort) => `http://127.0.0.1:${proxyPort}`);
	const mainUrl = `http://127.0.0.1:${ports.main}`;
	const env = (httpPort: number, brokerPort: number, withOwner = false): Record<string, string> => ({
		...hc.n8nEnv(n8n, { userFolder, port: httpPort, brokerPort, owner: withOwner ? owner : undefined }),
		...q.queueSettings({ redisPort: ports.redis, postgresPort: ports.postgres, webhookUrl: `${proxyUrls[1]}/` }),
		...ENGINE.env,
	});
	const cliEnv = env(ports.main, ports.brokers[5]);
	const ctx: Ctx = {
		...host.ctx,
		cli: (args, logName) => hc.n8nCli(n8n, cliEnv, args, { logFile: path.join(logs, `${logName}.log`) }),
	};
	const oa = oaSuccessWorkflow();
	const setup = await cb.importAndPublish(ctx, {
		emulatorUrl: ctx.emulator.url,
		workDir,
		workflows: [oa, q.SEND_WORKFLOW],
	});
	for (const result of [
		setup.importedCredentials,
		setup.importedWorkflows,
		...setup.published.map((entry) => entry.result),
	])
		if (result.code !== 0) throw new Error(`n8n CLI failed:\n${h.tail(result.output)}`);

	await hc.startN8nServer(n8n, env(ports.main, ports.brokers[0], true), { logFile: path.join(logs, 'n8n-main.log') });
	await Promise.all(
		ports.webhooks.map((webhookPort, index) =>
			q.startWebhookProcess(n8n, env(webhookPort, ports.brokers[1 + index]), logs, index + 1),
		),
	);
	const firstWorker = q.startWorker(n8n, env(ports.main, ports.brokers[3]), logs, 1);
	await firstWorker.ready;
	const proxies = [
		await q.roundRobin(ports.proxies[0], ports.webhooks.slice(0, 1)),
		await q.roundRobin(ports.proxies[1], ports.webhooks),
	];
	for (const webhookPort of ports.webhooks)
		await cb.waitForProductionUrl(ctx, cb.productionUrl(`http://127.0.0.1:${webhookPort}`, oa), 60_000);
	const session = await h.login(mainUrl, owner.email, owner.password);
	const executions: Executions = cb.executionsApi(ctx, mainUrl, session, n8n);
	console.log(
		`cluster up (pack and install, emulator, Redis, PostgreSQL, import, main + 2 webhook processes + 1 worker): ${((Date.now() - benchStarted) / 1000).toFixed(1)} s; ${os.cpus().length} CPU(s); ${ENGINE.title} in every process`,
	);
	let failures = 0;

	// ------------------------------------------------------------------------------------------ sends, 1 vs 2 workers
	const sendUrl = cb.productionUrl(proxyUrls[1], q.SEND_WORKFLOW);
	const sentLog = async (tag: string): Promise<number> => {
		const entries = (await (
			await fetch(`${ctx.emulator.url}/__emulator/log?path=${encodeURIComponent('/cgi-bin/message/send')}`)
		).json()) as Array<{
			json?: { text?: { content?: string } };
			response?: { errcode?: number };
		}>;
		return entries.filter(
			(entry) => entry.json?.text?.content?.startsWith(`queue send ${tag}-`) && entry.response?.errcode === 0,
		).length;
	};
	let sendExecutions = (await executions.list(q.SEND_WORKFLOW.id)).count;
	const sendBatch = async (tag: string, total: number, requests: number): Promise<{ ms: number; sent: number }> => {
		const started = performance.now();
		const per = Math.ceil(total / requests);
		const statuses = await Promise.all(
			Array.from({ length: requests }, (_, r) =>
				fetch(sendUrl, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ items: Array.from({ length: per }, (_, i) => ({ n: `${tag}-${r * per + i}` })) }),
				}).then((response) => response.status),
			),
		);
		if (statuses.some((status) => status !== 200)) throw new Error(`send batch ${tag}: ${statuses.join(',')}`);
		const sent = await ctx.waitFor(`${total} messages of ${tag}`, 300_000, async () => {
			const count = await sentLog(tag);
			return count >= per * requests ? count : undefined;
		});
		const ms = performance.now() - started;
		sendExecutions = (await executions.settle(q.SEND_WORKFLOW.id, sendExecutions + requests, 120_000)).count;
		return { ms, sent };
	};
	await sendBatch('warm', 20, 2); // the token, node code and DB statements on the first worker
	const oneWorker = await sendBatch('w1', SENDS, SEND_EXECUTIONS);
	const secondWorker = q.startWorker(n8n, env(ports.main, ports.brokers[4]), logs, 2);
	await secondWorker.ready;
	await sendBatch('warm2', 20, 4);
	const twoWorkers = await sendBatch('w2', SENDS, SEND_EXECUTIONS);
	const rate = (run: { ms: number; sent: number }): number => run.sent / (run.ms / 1000);
	console.log(
		`\n## sends: ${SENDS} WeCom messages in ${SEND_EXECUTIONS} executions (Webhook → WeCom Send), from the first request to the last message delivered`,
	);
	console.log(
		`  1 worker   ${pad(oneWorker.sent, 5)} sent in ${pad((oneWorker.ms / 1000).toFixed(1), 5)} s  ${pad(rate(oneWorker).toFixed(1), 6)} sends/s`,
	);
	console.log(
		`  2 workers  ${pad(twoWorkers.sent, 5)} sent in ${pad((twoWorkers.ms / 1000).toFixed(1), 5)} s  ${pad(rate(twoWorkers).toFixed(1), 6)} sends/s   ratio 2/1: ${(rate(twoWorkers) / rate(oneWorker)).toFixed(2)}x`,
	);
	if (oneWorker.sent !== SENDS || twoWorkers.sent !== SENDS) failures++;

	// ------------------------------------------------------------------------------------------ callbacks, 1 vs 2 webhook processes
	let oaExecutions = (await executions.list(oa.id)).count;
	const callbackBurst = async (processes: number, n: number, tag: string): Promise<CallbackBurst> => {
		const messages = Array.from({ length: n }, (_, index) => textMessage(index, `${tag} #${index}`));
		const { records, wallMs } = await pushBurst(cb.productionUrl(proxyUrls[processes - 1], oa), messages);
		const outcomes = judge(records);
		const answered = outcomes.filter((outcome) => outcome !== 'late').length;
		const page = await executions.settle(oa.id, oaExecutions + answered, 180_000).catch(() => executions.list(oa.id));
		const burst = {
			processes,
			n,
			ms: records.map((record) => record.attempts[0].ms),
			outcomes,
			wallMs,
			executions: page.count - oaExecutions,
		};
		oaExecutions = page.count;
		await h.delay(500);
		return burst;
	};
	for (const processes of [1, 2]) await callbackBurst(processes, 10, `warm${processes}`);
	const bursts: CallbackBurst[] = [];
	for (const n of BURSTS)
		for (const processes of [1, 2]) bursts.push(await callbackBurst(processes, n, `b${n}p${processes}`));

	console.log(
		`\n## callbacks: safe-mode bursts to a WeChat OA Trigger answering "success", through a round-robin proxy`,
	);
	console.log(
		`${'burst'.padEnd(24)} ${pad('ok', 4)} ${pad('late', 4)} ${pad('wrong', 5)} ${pad('p50', 6)} ${pad('p99', 6)} ${pad('wall', 6)} ${pad('cb/s', 6)} ${pad('execs', 5)}`,
	);
	const perSecond = (burst: CallbackBurst): number =>
		burst.outcomes.filter((o) => o === 'ok').length / (burst.wallMs / 1000);
	for (const burst of bursts) {
		const { p50, p99 } = stats(burst.ms);
		const count = (outcome: Outcome): number => burst.outcomes.filter((candidate) => candidate === outcome).length;
		console.log(
			`${`${burst.n} → ${burst.processes} webhook proc.`.padEnd(24)} ${pad(count('ok'), 4)} ${pad(count('late'), 4)} ${pad(count('wrong'), 5)} ${pad(fmtMs(p50), 6)} ${pad(fmtMs(p99), 6)} ${pad(fmtMs(burst.wallMs), 6)} ${pad(perSecond(burst).toFixed(1), 6)} ${pad(burst.executions, 5)}`,
		);
		const answered = burst.n - count('late');
		if (count('wrong') || burst.executions < answered || burst.executions > burst.n) failures++;
	}
	for (const n of BURSTS) {
		const [one, two] = [1, 2].map((processes) =>
			bursts.find((burst) => burst.n === n && burst.processes === processes)!,
		);
		console.log(
			`  ${pad(n, 4)} at once, 2 / 1 webhook processes: callbacks/s ${(perSecond(two) / perSecond(one)).toFixed(2)}x, p99 ${(stats(two.ms).p99 / stats(one.ms).p99).toFixed(2)}x`,
		);
	}
	const inTime = (processes: number): number =>
		Math.max(
			0,
			...bursts
				.filter((burst) => burst.processes === processes && burst.outcomes.every((o) => o === 'ok'))
				.map((burst) => burst.n),
		);
	console.log(
		`  largest burst all answered within 5 s: 1 webhook process ${inTime(1) || 'none'}, 2 webhook processes ${inTime(2) || 'none'}`,
	);

	// ------------------------------------------------------------------------------------------ Redis round trips
	let sample: CallbackBurst | undefined;
	const redis = await monitored(ports.redis, async () => {
		sample = await callbackBurst(2, REDIS_SAMPLE, 'redis');
	});
	const ourTotal = [...redis.ours.values()].reduce((sum, count) => sum + count, 0);
	console.log(`\n## Redis round trips per callback (MONITOR during ${REDIS_SAMPLE} callbacks and their executions)`);
	console.log(
		`  every command ${(redis.all / REDIS_SAMPLE).toFixed(1)} (n8n's Bull queue included); ours ${(ourTotal / REDIS_SAMPLE).toFixed(1)}: ${[...redis.ours].map(([name, count]) => `${name} ${(count / REDIS_SAMPLE).toFixed(1)}`).join(', ')}`,
	);
	if (sample && sample.outcomes.some((o) => o === 'wrong')) failures++;

	for (const proxy of proxies) await proxy.close();
	return failures;
}

runN8nBench('n8n-queue-bench', main);
