/**
 * WeCom AI bot (智能机器人) conversations in a REAL n8n (2.41.1 on Node 24, this checkout packed and installed like a
 * community package), callback-URL mode, on the production URL of an active workflow: BENCH_AIBOT_CONVERSATIONS
 * (100) conversations started at the same moment, each played as WeCom plays it by the emulator's pusher
 * (test/emulator/aibot/pusher.ts: JSON encrypted for the empty receiveid and signed; the answer opened with
 * Tencent's @wecom/crypto; WeCom's retry when no answer comes within 5 s; then a stream-refresh poll every second
 * until the stream is finished).
 *
 *   ours   examples/wecom-aibot-stream.json with a Wait of BENCH_AIBOT_MODEL_MS (500) before its AI stand-in, the
 *          model's think time: the trigger answers each message at once with an open stream, the reply node's
 *          Finish fills it, the polls show it
 *   base   n8n's own Webhook → Respond to Webhook (a JSON answer built by expression from the parsed body), the same
 *          encrypted bodies POSTed at once: the quickest answer a workflow of n8n's own nodes gives
 *   floor  GET /healthz (no workflow at all)
 *
 * For each conversation: the first answer's latency (the open stream; all tries counted), every poll's latency,
 * and how it ended: finished in a poll with the expected answer (ok), sent through the message's response_url
 * after the polls stopped (url), a wrong answer, or lost (neither). Executions are counted over n8n's REST API
 * once all have finished (one per conversation; more is a duplicate run: a poll or a retry must never start one).
 * Peak RSS of n8n's main process (sampled every 50 ms, plus VmHWM) and its task runner. Same run, same client,
 * n8n 2.41.1's default expression engine and the legacy one side by side, each warmed up first.
 * Targets (issue 10): first answer p99 < 1 s, every poll p99 < 300 ms, 0 lost, 0 duplicate runs. Exits 1 when a
 * conversation is lost, answered wrongly, or run twice, or a poll is not answered.
 *
 * Environment: BENCH_AIBOT_CONVERSATIONS (100), BENCH_AIBOT_MODEL_MS (500), BENCH_AIBOT_POLL_FOR_MS (how long the
 * pusher polls, 60,000: WeCom polls for 6 minutes, a stuck stream need not hold the benchmark that long),
 * BENCH_N8N_ROUNDS (2), BENCH_N8N_ENGINES (vm,legacy), BENCH_N8N_DIR (work folder, default in /tmp).
 */
import os from 'node:os';
import { aiBotCallback } from '../test/emulator/aibot/callback';
import { converse, type Conversation } from '../test/emulator/aibot/pusher';
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
	stats,
	type Executions,
	type PreparedHost,
	type Workflow,
} from './lib/n8nHost';

const CONVERSATIONS = Number(process.env.BENCH_AIBOT_CONVERSATIONS ?? 100);
const MODEL_MS = Number(process.env.BENCH_AIBOT_MODEL_MS ?? 500);
const POLL_FOR_MS = Number(process.env.BENCH_AIBOT_POLL_FOR_MS ?? 60_000);
const ROUNDS = Number(process.env.BENCH_N8N_ROUNDS ?? 2);
/** n8n 2.41.1's default expression engine (isolated-vm isolates) and the legacy one (in-process). */
const ENGINES = (process.env.BENCH_N8N_ENGINES ?? 'vm,legacy').split(',').filter(Boolean);
const WARMUP = 5;
const FIRST_ANSWER_P99_TARGET_MS = 1000;
const POLL_P99_TARGET_MS = 300;
const SECRETS = { token: h.DEMO_AIBOT.token, encodingAesKey: h.DEMO_AIBOT.encodingAesKey };
const TRIGGER_TYPE = 'n8n-nodes-wecom-oa.weComAiBotTrigger';
const BASE_ID = 'bench-aibot-respond-webhook';

// ---------------------------------------------------------------------------------------------- workflows

/** The example with the model's think time: a Wait in front of the node the non-welcome branch leads to. */
function oursWorkflow(): Workflow {
	const example = cb.readExample('wecom-aibot-stream.json') as Workflow & {
		connections: Record<string, { main: Array<Array<{ node: string; type: string; index: number }>> }>;
	};
	const branch = example.connections['Opened the chat?'].main[1];
	const model = branch[0].node;
	const wait = {
		id: 'b7a3c1d0-0000-4000-8000-0000000000b1',
		name: `Model think time (${MODEL_MS} ms)`,
		type: 'n8n-nodes-base.wait',
		typeVersion: 1.1,
		position: [330, 120],
		parameters: { amount: MODEL_MS / 1000, unit: 'seconds' },
	};
	return {
		...example,
		id: 'bench-aibot-stream',
		name: 'bench: WeCom AI bot → model (fixed think time) → streamed reply',
		nodes: [...example.nodes, wait],
		connections: {
			...example.connections,
			'Opened the chat?': {
				main: [example.connections['Opened the chat?'].main[0], [{ ...branch[0], node: wait.name }]],
			},
			[wait.name]: { main: [[{ node: model, type: 'main', index: 0 }]] },
		},
	} as Workflow;
}

/** n8n's own Webhook → Respond to Webhook, answering JSON shaped like the stream start. */
function baseWorkflow(): Workflow {
	return {
		id: BASE_ID,
		name: 'bench: n8n Webhook → Respond to Webhook (JSON)',
		nodes: [
			{
				id: 'b7a3c1d0-0000-4000-8000-0000000000b2',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: 'b7a3c1d0-0000-4000-8000-0000000000b3',
				parameters: { httpMethod: 'POST', path: BASE_ID, responseMode: 'responseNode', options: {} },
			},
			{
				id: 'b7a3c1d0-0000-4000-8000-0000000000b4',
				name: 'Respond to Webhook',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				position: [240, 0],
				parameters: {
					respondWith: 'json',
					responseBody:
						'={{ JSON.stringify({ msgtype: "stream", stream: { id: $json.body.encrypt.slice(0, 32), finish: false, content: "" } }) }}',
					options: {},
				},
			},
		],
		connections: { Webhook: { main: [[{ node: 'Respond to Webhook', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
	} as Workflow;
}

function triggerUrl(baseUrl: string, workflow: Workflow): string {
	const trigger = workflow.nodes.find((node) => node.type === TRIGGER_TYPE);
	if (!trigger) throw new Error(`${workflow.id}: no WeCom AI Bot Trigger`);
	return `${baseUrl}/webhook/${String(trigger.webhookId)}/callback`;
}

// ---------------------------------------------------------------------------------------------- conversations

/** How a conversation ended. */
type Ending = 'ok' | 'url' | 'wrong' | 'lost';

interface ConversationsResult {
	/** First answer (the open stream) per conversation, all tries counted. */
	firstMs: number[];
	pollMs: number[];
	endings: Ending[];
	/** Conversations WeCom had to send again (no answer within 5 s). */
	retried: number;
	/** Polls not answered with a valid encrypted stream state. */
	badPolls: number;
	problems: string[];
	wallMs: number;
}

interface ResponseUrlPost {
	code: string;
	body: { markdown?: { content?: string } };
}

const answerTo = (question: string): string => `收到：「${question}」。这里是 AI 助手的回答。`;

let counter = 0;
async function message(host: PreparedHost, content: string, user: number): Promise<Record<string, unknown>> {
	const { url } = await host.ctx.emulator.post<{ url: string }>('/__emulator/aibot/response_url', {});
	return {
		msgid: `bench-aibot-${Date.now()}-${++counter}`,
		aibotid: h.DEMO_AIBOT.botId,
		chattype: 'single',
		from: { userid: `bench_user_${user}` },
		response_url: url,
		msgtype: 'text',
		text: { content },
	};
}

async function responseUrlPosts(host: PreparedHost): Promise<ResponseUrlPost[]> {
	return (await (await fetch(`${host.ctx.emulator.url}/__emulator/aibot/responses`)).json()) as ResponseUrlPost[];
}

function describe(conversation: Conversation): string {
	return JSON.stringify({ ...conversation, polls: conversation.polls.length }).slice(0, 300);
}

/** n conversations started together; each question is unique, so each answer can be checked. */
async function conversations(host: PreparedHost, url: string, n: number, tag: string): Promise<ConversationsResult> {
	const questions = Array.from({ length: n }, (_, index) => `${tag} 问题 #${index}`);
	const messages = await Promise.all(questions.map((question, index) => message(host, question, index % 20)));
	const started = performance.now();
	const played = await Promise.all(
		messages.map((msg) => converse({ url, ...SECRETS, message: msg, pollForMs: POLL_FOR_MS })),
	);
	const wallMs = performance.now() - started;
	// What the polls did not show went out through response_url (the message's code): the two together must be
	// the answer, once.
	const viaUrl = new Map((await responseUrlPosts(host)).map((post) => [post.code, post.body.markdown?.content ?? '']));
	const problems: string[] = [];
	let badPolls = 0;
	const endings = played.map((conversation, index): Ending => {
		badPolls += conversation.polls.filter((poll) => poll.status !== 200 || poll.problem || !poll.reply).length;
		const expected = answerTo(questions[index]);
		const code = new URL(String(messages[index].response_url)).searchParams.get('response_code') ?? '';
		const shown = conversation.content ?? '';
		const rest = viaUrl.get(code);
		let ending: Ending;
		if (rest !== undefined) ending = shown !== expected && `${shown}${rest}` === expected ? 'url' : 'wrong';
		else if (conversation.finished) ending = shown === expected ? 'ok' : 'wrong';
		else ending = 'lost';
		if ((ending === 'wrong' || ending === 'lost') && problems.length < 3)
			problems.push(`#${index} ${ending}: ${describe(conversation)}`);
		return ending;
	});
	return {
		firstMs: played.map((conversation) => conversation.attempts.reduce((sum, attempt) => sum + attempt.ms, 0)),
		pollMs: played.flatMap((conversation) => conversation.polls.map((poll) => poll.ms)),
		endings,
		retried: played.filter((conversation) => conversation.attempts.length > 1).length,
		badPolls,
		problems,
		wallMs,
	};
}

/** n concurrent POSTs of encrypted AI-bot bodies (or GETs) through the same transport, for the baselines. */
async function baselineBurst(
	url: string,
	n: number,
	method: 'GET' | 'POST',
): Promise<{ ms: number[]; ok: number; problems: string[]; wallMs: number }> {
	const bodies = Array.from(
		{ length: n },
		(_, index) => aiBotCallback(SECRETS, { msgid: `base-${index}`, msgtype: 'text', text: { content: 'x' } }).body,
	);
	const started = performance.now();
	const attempts = await Promise.all(
		bodies.map((body) =>
			exchange({
				method,
				url,
				body: method === 'POST' ? body : undefined,
				timeoutMs: 5000,
				contentType: 'application/json',
			}),
		),
	);
	const wallMs = performance.now() - started;
	const problems: string[] = [];
	const good = (attempt: PushAttempt, index: number): boolean => {
		if (attempt.status !== 200) return false;
		if (method === 'GET') return true;
		const answer = JSON.parse(attempt.body) as { stream?: { id?: string } };
		return answer.stream?.id === (JSON.parse(bodies[index]) as { encrypt: string }).encrypt.slice(0, 32);
	};
	let ok = 0;
	attempts.forEach((attempt, index) => {
		let fine = false;
		try {
			fine = good(attempt, index);
		} catch {
			fine = false;
		}
		if (fine) ok++;
		else if (problems.length < 3) problems.push(`#${index}: HTTP ${attempt.status} ${attempt.body.slice(0, 80)}`);
	});
	return { ms: attempts.map((attempt) => attempt.ms), ok, problems, wallMs };
}

// ---------------------------------------------------------------------------------------------- one engine

interface Row {
	round: number;
	key: 'floor' | 'base' | 'ours';
	n: number;
	ms: number[];
	ok: number;
	wallMs: number;
	problems: string[];
	rssPeakMb: number;
	runnerPeakMb: number;
	/** ours only */
	talk?: ConversationsResult;
	executions?: number;
}

interface EngineResult {
	rows: Row[];
	readyMs: number;
	idleRssMb: number;
	hwmMb: number;
	headerErrors: number;
}

async function settledCount(executions: Executions, id: string, expected: number): Promise<number> {
	const page = await executions.settle(id, expected, 60_000).catch(() => executions.list(id));
	return page.count;
}

async function runEngine(host: PreparedHost, baseUrl: string, ours: Workflow, engine: string): Promise<EngineResult> {
	const oursUrl = triggerUrl(baseUrl, ours);
	const baseUrlOf = `${baseUrl}/webhook/${BASE_ID}`;
	const server = await startN8n(host, baseUrl, engine, [oursUrl, baseUrlOf]);
	const { pid, executions } = server;
	const rows: Row[] = [];
	let hwmMb = 0;
	let headerErrors = 0;
	try {
		// Warm-up: both paths at low concurrency (first executions load node code, JIT, DB statements).
		const counts = { ours: (await executions.list(ours.id)).count, base: (await executions.list(BASE_ID)).count };
		await Promise.all([conversations(host, oursUrl, WARMUP, 'warm'), baselineBurst(baseUrlOf, WARMUP, 'POST')]);
		counts.ours = await settledCount(executions, ours.id, counts.ours + WARMUP);
		counts.base = await settledCount(executions, BASE_ID, counts.base + WARMUP);

		for (let round = 1; round <= ROUNDS; round++) {
			for (const key of ['floor', 'base'] as const) {
				const target = key === 'floor' ? `${baseUrl}/healthz` : baseUrlOf;
				const { value, rssPeakMb, runnerPeakMb } = await sampled(pid, () =>
					baselineBurst(target, CONVERSATIONS, key === 'floor' ? 'GET' : 'POST'),
				);
				const row: Row = { round, key, n: CONVERSATIONS, ...value, rssPeakMb, runnerPeakMb };
				if (key === 'base') {
					const count = await settledCount(executions, BASE_ID, counts.base + CONVERSATIONS);
					row.executions = count - counts.base;
					counts.base = count;
				}
				rows.push(row);
				await h.delay(300);
			}
			const { value, rssPeakMb, runnerPeakMb } = await sampled(pid, () =>
				conversations(host, oursUrl, CONVERSATIONS, `r${round}`),
			);
			// Every conversation must have started exactly one execution; polls and retries none.
			const count = await settledCount(executions, ours.id, counts.ours + CONVERSATIONS);
			rows.push({
				round,
				key: 'ours',
				n: CONVERSATIONS,
				ms: value.firstMs,
				ok: value.endings.filter((ending) => ending === 'ok' || ending === 'url').length,
				wallMs: value.wallMs,
				problems: value.problems,
				rssPeakMb,
				runnerPeakMb,
				talk: value,
				executions: count - counts.ours,
			});
			counts.ours = count;
			await h.delay(300);
		}
		hwmMb = procStatusMb(pid, 'VmHWM');
	} finally {
		({ headerErrors } = await server.stop());
	}
	return { rows, readyMs: server.readyMs, idleRssMb: server.idleRssMb, hwmMb, headerErrors };
}

// ---------------------------------------------------------------------------------------------- report

const LABELS: Record<Row['key'], string> = {
	floor: 'floor  GET /healthz',
	base: 'base   Webhook → Respond to Webhook',
	ours: 'ours   first answer (stream start)',
};

function header(): string {
	return `${'burst'.padEnd(40)} ${pad('n', 5)} ${pad('ok', 4)} ${pad('url', 3)} ${pad('lost', 4)} ${pad('wrong', 5)} ${pad('retry', 5)} ${pad('p50', 6)} ${pad('p95', 6)} ${pad('p99', 6)} ${pad('max', 6)} ${pad('wall', 6)} ${pad('execs', 5)} ${pad('dup', 3)} ${pad('RSS MB', 6)} ${pad('runner', 6)}`;
}

function line(
	label: string,
	n: number,
	cells: Array<string | number>,
	ms: number[],
	tail: Array<string | number>,
): string {
	const { p50, p95, p99, max } = stats(ms);
	const [ok, url, lost, wrong, retry] = cells;
	const [wall, execs, dup, rss, runner] = tail;
	return `${label.padEnd(40)} ${pad(n, 5)} ${pad(ok, 4)} ${pad(url, 3)} ${pad(lost, 4)} ${pad(wrong, 5)} ${pad(retry, 5)} ${pad(fmtMs(p50), 6)} ${pad(fmtMs(p95), 6)} ${pad(fmtMs(p99), 6)} ${pad(fmtMs(max), 6)} ${pad(wall, 6)} ${pad(execs, 5)} ${pad(dup, 3)} ${pad(rss, 6)} ${pad(runner, 6)}`;
}

/** Prints one engine's table; returns how many targets of correctness it missed (lost, wrong, duplicate, bad poll). */
function report(result: EngineResult): number {
	let failures = 0;
	console.log(header());
	for (const row of result.rows) {
		const memory = [row.rssPeakMb.toFixed(0), row.runnerPeakMb.toFixed(0)];
		const label = `r${row.round} ${LABELS[row.key]}`;
		const { talk } = row;
		if (!talk) {
			console.log(
				line(label, row.n, [row.ok, '-', '-', row.n - row.ok, '-'], row.ms, [
					fmtMs(row.wallMs),
					row.executions ?? '-',
					'-',
					...memory,
				]),
			);
		} else {
			const count = (ending: Ending): number => talk.endings.filter((candidate) => candidate === ending).length;
			const executions = row.executions ?? 0;
			const dup = Math.max(0, executions - row.n);
			console.log(
				line(label, row.n, [count('ok'), count('url'), count('lost'), count('wrong'), talk.retried], row.ms, [
					fmtMs(row.wallMs),
					executions,
					dup,
					...memory,
				]),
			);
			console.log(
				line(
					`r${row.round} ours   every poll`,
					talk.pollMs.length,
					[talk.pollMs.length - talk.badPolls, '-', '-', talk.badPolls, '-'],
					talk.pollMs,
					['', '', '', '', ''],
				),
			);
			if (count('lost') || count('wrong') || dup || talk.badPolls || executions < row.n) failures++;
		}
		if (row.problems.length) console.log(`     problems, e.g.: ${row.problems.join(' | ')}`);
	}
	console.log('ours / base, same round (>1 = ours slower):');
	for (let round = 1; round <= ROUNDS; round++) {
		const ours = result.rows.find((row) => row.round === round && row.key === 'ours');
		const base = result.rows.find((row) => row.round === round && row.key === 'base');
		if (!ours?.talk || !base) continue;
		const first = stats(ours.ms);
		const polls = stats(ours.talk.pollMs);
		const b = stats(base.ms);
		console.log(
			`  r${round} first answer  p50 ${(first.p50 / b.p50).toFixed(2)}x  p95 ${(first.p95 / b.p95).toFixed(2)}x  p99 ${(first.p99 / b.p99).toFixed(2)}x   p99 ${fmtMs(first.p99)} ms ${first.p99 < FIRST_ANSWER_P99_TARGET_MS ? 'within' : 'over'} the ${FIRST_ANSWER_P99_TARGET_MS} ms target`,
		);
		console.log(
			`  r${round} every poll    p50 ${(polls.p50 / b.p50).toFixed(2)}x  p95 ${(polls.p95 / b.p95).toFixed(2)}x  p99 ${(polls.p99 / b.p99).toFixed(2)}x   p99 ${fmtMs(polls.p99)} ms ${polls.p99 < POLL_P99_TARGET_MS ? 'within' : 'over'} the ${POLL_P99_TARGET_MS} ms target`,
		);
	}
	console.log(memorySummary(result, result.rows));
	return failures + (result.headerErrors ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------- main

async function main(workDir: string): Promise<number> {
	const benchStarted = Date.now();
	const host = await cb.prepareHost(workDir, QUIET);
	const baseUrl = `http://127.0.0.1:${host.ports.n8n}`;
	const ours = oursWorkflow();
	const aiBotCredentials = h.demoCredentials(host.ctx.emulator.url).filter((c) => c.type === 'weComAiBotApi');
	await importAndPublishOrThrow(host, workDir, [ours, baseWorkflow()], aiBotCredentials);
	console.log(
		`setup (pack, install like a community package, emulator, import, publish 2 workflows): ${((Date.now() - benchStarted) / 1000).toFixed(1)} s`,
	);
	console.log(
		`${os.cpus().length} CPU(s); ${CONVERSATIONS} conversations at once per burst, model think time ${MODEL_MS} ms, a poll every 1 s (WeCom's pace) for up to ${POLL_FOR_MS / 1000} s; engines: ${ENGINES.join(', ')}; ${ROUNDS} round(s) each`,
	);
	console.log(
		'columns: ok = finished in a poll with the expected answer, url = sent through response_url instead, lost = neither; retry = WeCom sent the message again (no answer in 5 s); execs = executions over REST, dup = more than conversations',
	);
	let failures = 0;
	for (const engine of ENGINES) {
		const result = await runEngine(host, baseUrl, ours, engine);
		console.log(
			`\n## callback mode, N8N_EXPRESSION_ENGINE=${engine}${engine === 'vm' ? " (n8n 2.41.1's default)" : ''}: ready ${(result.readyMs / 1000).toFixed(1)} s after spawn, idle RSS ${result.idleRssMb.toFixed(0)} MB`,
		);
		failures += report(result);
	}
	return failures;
}

runN8nBench('n8n-aibot-bench', main);
