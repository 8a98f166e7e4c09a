/**
 * Callbacks in a REAL n8n (2.41.1 on Node 24, this checkout packed and installed like a community package), on the
 * production URLs of active workflows: bursts of 200 concurrent WeChat-style callbacks, SAFE mode (signed and
 * encrypted by the emulator's pusher, every answer judged the way WeChat judges it: signature, receiveId, To/From).
 *
 *   ours A    WeChat OA Trigger, Reply = answer "success" immediately (the workflow runs after the answer)
 *   ours B    examples/oa-echo-bot.json: WeChat OA Trigger → WeChat OA Reply, the encrypted passive reply is the answer
 *   base A    n8n's own Webhook node, onReceived, answering "success", the same 200 POSTs (plaintext XML bodies)
 *   base B    n8n's own Webhook node → Respond to Webhook (a text XML body built by expression), the same 200 POSTs
 *   floor     GET /healthz (no workflow at all)
 *
 * Same run, same client (undici through the emulator's transport), same machine, interleaved; each workflow warmed
 * up first. For each burst: answered (HTTP 200 with a valid answer), p50/p95/p99/max latency, wall time, executions
 * counted over n8n's REST API once all finished (lost = a message without an execution, duplicate = more
 * executions than messages), and the n8n main process's peak RSS (sampled every 50 ms, plus VmHWM) and its task
 * runner's. Target: every callback answered, none lost or duplicated, p99 < 1 s on loopback. Exits 1 when a
 * callback was lost, duplicated or answered wrongly.
 *
 * With the vm engine, lib/isolateProbe.js (preloaded into n8n) prints under each burst who took an expression
 * isolate (the webhook phase of a trigger other than n8n's Webhook node, a credential read in a webhook, the run),
 * how many were built on the spot, how long each waited and held it, and what of our webhook() ran in the hold.
 *
 * Environment: BENCH_N8N_CONCURRENCY (200), BENCH_N8N_ROUNDS (1), BENCH_N8N_ENGINES (vm:1,vm:4,legacy: engine and
 * isolate pool size), BENCH_N8N_DIR (work folder, default in /tmp).
 */
import os from 'node:os';
import type { PushRecord } from '../test/emulator/callback';
import { exchange, type PushAttempt } from '../test/emulator/callback/transport';
import {
	cb,
	fmtMs,
	h,
	importAndPublishOrThrow,
	memorySummary,
	pad,
	procStatusMb,
	QUIET,
	runN8nBench,
	sampled,
	startN8n,
	engineEnv,
	respondToWebhookWorkflow,
	stats,
	type ExecutionPage,
	type Executions,
	type PreparedHost,
	type Workflow,
} from './lib/n8nHost';
import { formatHolds, isolateProbe, type HoldSummary } from './lib/isolateHold';
import { oaSuccessWorkflow, pushBurst, textMessage, type Message } from './lib/oaCallbacks';

const CONCURRENCY = Number(process.env.BENCH_N8N_CONCURRENCY ?? 200);
const ROUNDS = Number(process.env.BENCH_N8N_ROUNDS ?? 1);
/** n8n 2.41.1's default (vm, a pool of 1), a pool of 4, and the in-process engine: see engineEnv. */
const ENGINES = (process.env.BENCH_N8N_ENGINES ?? 'vm:1,vm:4,legacy').split(',').filter(Boolean);
const WARMUP = 20;
const P99_TARGET_MS = 1000;

// ---------------------------------------------------------------------------------------------- workflows

/** n8n's own Webhook node answering "success" on receipt. */
function bareWebhookWorkflow(): Workflow {
	return {
		id: 'bench-bare-webhook',
		name: 'bench: n8n Webhook answering success',
		nodes: [
			{
				id: 'b7a3c1d0-0000-4000-8000-000000000002',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'b7a3c1d0-0000-4000-8000-0000000000a2',
				parameters: {
					httpMethod: 'POST',
					path: 'bench-bare-webhook',
					responseMode: 'onReceived',
					options: { responseData: 'success' },
				},
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
		active: false,
	} as Workflow;
}

/** n8n's own Webhook node → Respond to Webhook with an XML text answer built from the (n8n-parsed) body. */
function respondWebhookWorkflow(): Workflow {
	return respondToWebhookWorkflow({
		id: 'bench-respond-webhook',
		name: 'bench: n8n Webhook → Respond to Webhook',
		path: 'bench-respond-webhook',
		webhookId: 'b7a3c1d0-0000-4000-8000-0000000000a3',
		respondWith: 'text',
		responseBody:
			'=<xml><ToUserName><![CDATA[{{ $json.body.xml.fromusername }}]]></ToUserName><FromUserName><![CDATA[{{ $json.body.xml.tousername }}]]></FromUserName><CreateTime>{{ Math.floor(Date.now() / 1000) }}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你说：{{ $json.body.xml.content }}]]></Content></xml>',
	});
}

// ---------------------------------------------------------------------------------------------- measuring

/** One request's outcome: the right answer, "success" from the trigger's guard (echo bot), none within 5 s, or a wrong one. */
type Outcome = 'ok' | 'guard' | 'late' | 'wrong';

interface BurstResult {
	ms: number[];
	outcomes: Outcome[];
	problems: string[];
	wallMs: number;
}

interface Burst extends BurstResult {
	engine: string;
	round: number;
	key: 'floor' | 'baseA' | 'oursA' | 'baseB' | 'oursB';
	label: string;
	n: number;
	executions?: number;
	rssPeakMb: number;
	runnerPeakMb: number;
	/** Who held n8n's expression isolates during the burst, and what of our webhook() ran in the hold (vm engine). */
	holds?: HoldSummary;
}

function plainXml(message: Message): string {
	const fields = Object.entries(message).map(([key, value]) =>
		typeof value === 'number' || /^\d+$/.test(value)
			? `<${key}>${value}</${key}>`
			: `<${key}><![CDATA[${value}]]></${key}>`,
	);
	return `<xml>${fields.join('')}</xml>`;
}

/** n concurrent safe-mode pushes to one of our triggers (one try each, WeChat's 5 s timeout). */
async function oursBurst(url: string, n: number, expect: 'success' | 'echo', tag: string): Promise<BurstResult> {
	const messages = Array.from({ length: n }, (_, index) => textMessage(index, `${tag} #${index}`));
	const { records, wallMs } = await pushBurst(url, messages);
	const problems: string[] = [];
	const outcomes = records.map((record: PushRecord, index): Outcome => {
		const { answer } = record;
		let outcome: Outcome;
		if (record.attempts[0].status === 0) outcome = 'late';
		else if (expect === 'success') outcome = answer.kind === 'success' ? 'ok' : 'wrong';
		else if (answer.kind === 'success') outcome = 'guard';
		else
			outcome =
				answer.kind === 'reply' &&
				answer.signatureValid === true &&
				answer.receiveIdValid === true &&
				answer.reply?.Content === `你说：${messages[index].Content}` &&
				answer.reply?.ToUserName === messages[index].FromUserName
					? 'ok'
					: 'wrong';
		if (outcome === 'wrong' && problems.length < 3)
			problems.push(
				`#${index}: ${answer.kind} ${answer.problems.join('; ')} ${JSON.stringify(answer.reply?.Content ?? record.attempts[0].body.slice(0, 80))}`,
			);
		return outcome;
	});
	return { ms: records.map((record) => record.attempts[0].ms), outcomes, problems, wallMs };
}

/** n concurrent plaintext POSTs (or GETs) through the same transport, for the baselines. */
async function baselineBurst(
	url: string,
	n: number,
	method: 'GET' | 'POST',
	expect: 'ok' | 'success' | 'echo',
	tag: string,
): Promise<BurstResult> {
	const messages = Array.from({ length: n }, (_, index) => textMessage(index, `${tag} #${index}`));
	const bodies = messages.map(plainXml);
	const started = performance.now();
	const attempts = await Promise.all(
		bodies.map((body) => exchange({ method, url, body: method === 'POST' ? body : undefined, timeoutMs: 5000 })),
	);
	const wallMs = performance.now() - started;
	const problems: string[] = [];
	const outcomes = attempts.map((attempt: PushAttempt, index): Outcome => {
		if (attempt.status === 0) return 'late';
		const content = /<Content><!\[CDATA\[(.*?)\]\]><\/Content>/.exec(attempt.body)?.[1];
		const good =
			attempt.status === 200 &&
			(expect === 'ok' ||
				(expect === 'success' ? attempt.body === 'success' : content === `你说：${messages[index].Content}`));
		if (!good && problems.length < 3)
			problems.push(
				`#${index}: HTTP ${attempt.status}, expected 你说：${messages[index].Content}, got ${content ?? attempt.body.slice(0, 80)}`,
			);
		return good ? 'ok' : 'wrong';
	});
	return { ms: attempts.map((attempt) => attempt.ms), outcomes, problems, wallMs };
}

// ---------------------------------------------------------------------------------------------- main

interface Prepared {
	workDir: string;
	host: PreparedHost;
	baseUrl: string;
	workflows: Workflow[];
	echo: Workflow;
}

async function listWhenReady(executions: Executions, workflowId: string): Promise<ExecutionPage> {
	for (let attempt = 1; ; attempt++) {
		try {
			return await executions.list(workflowId);
		} catch (error) {
			if (attempt >= 30) throw error;
			await h.delay(2_000);
		}
	}
}

/** One `n8n start` with the given expression engine: warm-up, then ROUNDS × the five bursts. */
async function runEngine(
	{ workDir, host, baseUrl, workflows, echo }: Prepared,
	engine: string,
): Promise<{ bursts: Burst[]; readyMs: number; idleRssMb: number; hwmMb: number; headerErrors: number }> {
	const urls = Object.fromEntries(workflows.map((workflow) => [workflow.id, cb.productionUrl(baseUrl, workflow)]));
	const probe = engine.startsWith('legacy') ? undefined : isolateProbe(workDir, engine.replace(':', '-'));
	const server = await startN8n(host, baseUrl, engine, Object.values(urls), probe);
	const { pid, readyMs, idleRssMb, executions } = server;
	const bursts: Burst[] = [];
	let hwmMb = 0;
	let headerErrors = 0;
	try {
		const counts: Record<string, number> = {};
		for (const workflow of workflows) counts[workflow.id] = (await executions.list(workflow.id)).count;

		// Warm-up: every path at low concurrency (first executions load node code, JIT, DB statements).
		for (let index = 0; index < WARMUP / 5; index++) {
			await Promise.all([
				oursBurst(urls['bench-oa-success'], 5, 'success', 'warm'),
				oursBurst(urls[echo.id], 5, 'echo', 'warm'),
				baselineBurst(urls['bench-bare-webhook'], 5, 'POST', 'success', 'warm'),
				baselineBurst(urls['bench-respond-webhook'], 5, 'POST', 'echo', 'warm'),
			]);
		}
		for (const workflow of workflows)
			counts[workflow.id] = (await executions.settle(workflow.id, counts[workflow.id] + WARMUP, 60_000)).count;
		await probe?.collect(pid); // the warm-up's holds are not the bursts'

		const burst = async (
			round: number,
			key: Burst['key'],
			label: string,
			workflowId: string | undefined,
			go: () => Promise<BurstResult>,
		): Promise<void> => {
			const { value, rssPeakMb, runnerPeakMb } = await sampled(pid, go);
			const result: Burst = { engine, round, key, label, n: CONCURRENCY, ...value, rssPeakMb, runnerPeakMb };
			if (workflowId) {
				// Every answered callback must have started exactly one execution (a late one may have, too).
				const answered = value.outcomes.filter((outcome) => outcome !== 'late').length;
				// Under load n8n's REST API may answer 503 ("Database is not ready!") for a while.
				const page = await executions
					.settle(workflowId, counts[workflowId] + answered, 60_000)
					.catch(async () => await listWhenReady(executions, workflowId));
				result.executions = page.count - counts[workflowId];
				counts[workflowId] = page.count;
			}
			result.holds = await probe?.collect(pid);
			bursts.push(result);
			await h.delay(300);
		};
		for (let round = 1; round <= ROUNDS; round++) {
			await burst(round, 'floor', 'floor   GET /healthz', undefined, () =>
				baselineBurst(`${baseUrl}/healthz`, CONCURRENCY, 'GET', 'ok', 'healthz'),
			);
			await burst(round, 'baseA', 'base A  n8n Webhook → "success"', 'bench-bare-webhook', () =>
				baselineBurst(urls['bench-bare-webhook'], CONCURRENCY, 'POST', 'success', `bare${round}`),
			);
			await burst(round, 'oursA', 'ours A  OA Trigger (safe) → "success"', 'bench-oa-success', () =>
				oursBurst(urls['bench-oa-success'], CONCURRENCY, 'success', `success${round}`),
			);
			await burst(round, 'baseB', 'base B  Webhook → Respond to Webhook', 'bench-respond-webhook', () =>
				baselineBurst(urls['bench-respond-webhook'], CONCURRENCY, 'POST', 'echo', `respond${round}`),
			);
			await burst(round, 'oursB', 'ours B  echo bot (safe) → passive reply', echo.id, () =>
				oursBurst(urls[echo.id], CONCURRENCY, 'echo', `echo${round}`),
			);
		}
		hwmMb = procStatusMb(pid, 'VmHWM');
	} finally {
		({ headerErrors } = await server.stop());
	}
	return { bursts, readyMs, idleRssMb, hwmMb, headerErrors };
}

async function main(workDir: string): Promise<number> {
	const benchStarted = Date.now();
	const host = await cb.prepareHost(workDir, QUIET);
	const baseUrl = `http://127.0.0.1:${host.ports.n8n}`;
	const echo = cb.readExample('oa-echo-bot.json');
	const workflows = [oaSuccessWorkflow(), echo, bareWebhookWorkflow(), respondWebhookWorkflow()];
	await importAndPublishOrThrow(host, workDir, workflows);
	console.log(
		`setup (pack, install like a community package, emulator, import, publish ${workflows.length} workflows): ${((Date.now() - benchStarted) / 1000).toFixed(1)} s`,
	);
	console.log(
		`${os.cpus().length} CPU(s); ${CONCURRENCY} concurrent callbacks per burst, one try each with WeChat's 5 s timeout; engines: ${ENGINES.join(', ')}; ${ROUNDS} round(s) each`,
	);

	let failures = 0;
	for (const engine of ENGINES) {
		const result = await runEngine({ workDir, host, baseUrl, workflows, echo }, engine);
		console.log(
			`\n## ${engineEnv(engine).title}: ready ${(result.readyMs / 1000).toFixed(1)} s after spawn, idle RSS ${result.idleRssMb.toFixed(0)} MB`,
		);
		console.log(
			`${'burst'.padEnd(44)} ${pad('ok', 4)} ${pad('guard', 5)} ${pad('late', 4)} ${pad('wrong', 5)} ${pad('p50', 6)} ${pad('p95', 6)} ${pad('p99', 6)} ${pad('max', 6)} ${pad('wall', 6)} ${pad('execs', 5)} ${pad('lost', 4)} ${pad('dup', 3)} ${pad('RSS MB', 6)} ${pad('runner', 6)}`,
		);
		for (const burst of result.bursts) {
			const { p50, p95, p99, max } = stats(burst.ms);
			const count = (outcome: Outcome): number => burst.outcomes.filter((candidate) => candidate === outcome).length;
			const answered = burst.n - count('late');
			// Lost: an answered callback without an execution. Duplicate: more executions than callbacks.
			const lost = burst.executions === undefined ? 0 : Math.max(0, answered - burst.executions);
			const dup = burst.executions === undefined ? 0 : Math.max(0, burst.executions - burst.n);
			console.log(
				`r${burst.round} ${burst.label.padEnd(41)} ${pad(count('ok'), 4)} ${pad(count('guard'), 5)} ${pad(count('late'), 4)} ${pad(count('wrong'), 5)} ${pad(fmtMs(p50), 6)} ${pad(fmtMs(p95), 6)} ${pad(fmtMs(p99), 6)} ${pad(fmtMs(max), 6)} ${pad(fmtMs(burst.wallMs), 6)} ${pad(burst.executions ?? '-', 5)} ${pad(lost, 4)} ${pad(dup, 3)} ${pad(burst.rssPeakMb.toFixed(0), 6)} ${pad(burst.runnerPeakMb.toFixed(0), 6)}`,
			);
			if (burst.problems.length) console.log(`     wrong answers, e.g.: ${burst.problems.join(' | ')}`);
			if (burst.holds && burst.key !== 'floor') for (const line of formatHolds(burst.holds)) console.log(line);
			// What fails the benchmark: our trigger answering wrongly, losing or duplicating an execution.
			if (burst.key.startsWith('ours') && (count('wrong') || lost || dup)) failures++;
		}
		console.log('ours / baseline, same round (>1 = ours slower):');
		for (let round = 1; round <= ROUNDS; round++) {
			const find = (key: Burst['key']): Burst | undefined =>
				result.bursts.find((burst) => burst.round === round && burst.key === key);
			for (const [oursKey, baseKey, what] of [
				['oursA', 'baseA', 'answering "success"'],
				['oursB', 'baseB', 'passive reply      '],
			] as const) {
				const o = find(oursKey);
				const b = find(baseKey);
				if (!o || !b) continue;
				const so = stats(o.ms);
				const sb = stats(b.ms);
				const answeredAll = o.outcomes.every((outcome) => outcome !== 'late');
				console.log(
					`  r${round} ${what}  p50 ${(so.p50 / sb.p50).toFixed(2)}x  p95 ${(so.p95 / sb.p95).toFixed(2)}x  p99 ${(so.p99 / sb.p99).toFixed(2)}x  wall ${(o.wallMs / b.wallMs).toFixed(2)}x   ours: ${answeredAll ? 'all answered' : 'NOT all answered within 5 s'}, p99 ${fmtMs(so.p99)} ms ${so.p99 < P99_TARGET_MS ? 'within' : 'over'} the ${P99_TARGET_MS} ms target`,
				);
			}
		}
		console.log(memorySummary(result, result.bursts));
		if (result.headerErrors) failures++;
	}
	return failures;
}

runN8nBench('n8n-callbacks-bench', main);
