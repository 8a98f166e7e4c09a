/**
 * WeCom AI bot (智能机器人) conversations in a REAL n8n (2.41.1 on Node 24, this checkout packed and installed like a
 * community package), BENCH_AIBOT_CONVERSATIONS (100) conversations started at the same moment, in both modes:
 *
 *   callback  examples/wecom-aibot-stream.json on the production URL of the active workflow, each conversation
 *             played as WeCom plays it by the emulator's pusher (test/emulator/aibot/pusher.ts: JSON encrypted for
 *             the empty receiveid and signed; the answer opened with Tencent's @wecom/crypto; WeCom's retry when no
 *             answer comes within 5 s; then a stream-refresh poll every second until the stream is finished)
 *   socket    the same example with the WeCom AI Bot Long Connection Trigger: n8n holds ONE WebSocket to the
 *             emulator's long-connection server, which pushes all the messages over it and collects the reply
 *             frames (test/emulator/aibot/longConnectionConverse.ts)
 *   base      n8n's own Webhook → Respond to Webhook (a JSON answer built by expression from the parsed body), the
 *             same encrypted bodies POSTed at once: the quickest answer a workflow of n8n's own nodes gives
 *   floor     GET /healthz (no workflow at all)
 *
 * The example runs n8n's real AI Agent (OpenAI Chat Model, Simple Memory per chat) against the emulator's
 * OpenAI-compatible model, which answers at once; both copies get a Wait of BENCH_AIBOT_MODEL_MS (500) in front of
 * the agent: the model's think time. The trigger answers each message at once with an open stream (the first
 * answer); Finish fills it with the agent's output.
 * For each conversation: the first answer's latency (callback: all of WeCom's tries counted; socket: push to the
 * first reply frame), then every poll's latency (callback) or the time to the finished answer (socket), and how
 * it ended: finished with the expected answer (ok), sent through the message's response_url after the polls
 * stopped (url), a wrong answer, or lost (neither). Executions are counted over n8n's REST API once all have
 * finished: one per conversation; more is a duplicate run (a poll, a retry or a re-delivery must never start one).
 *
 * Reconnect (socket): the emulator drops n8n's socket without a close frame (a network loss) and at once starts
 * BENCH_AIBOT_OUTAGE_MESSAGES (20) messages, each re-delivered every 100 ms with its msgid until the socket is
 * back, as WeCom does with a message it could not deliver; then messages already answered are delivered once
 * more. Measured: time until the bot is subscribed again and until the first message is accepted, and that
 * every outage message is answered once, and the re-deliveries start nothing.
 *
 * Peak RSS of n8n's main process (sampled every 50 ms, plus VmHWM) and its task runner. Same run, same client,
 * n8n 2.41.1's default expression engine (vm, a pool of 1), vm with a pool of 4 and the legacy engine side by
 * side, each warmed up first.
 * Targets (issue 10): first answer p99 < 1 s in both modes, every poll p99 < 300 ms, messages flowing again
 * < 5 s after a drop, 0 lost, 0 duplicate runs. Exits 1 when a conversation is lost, answered wrongly or run
 * twice, a poll or reply frame is refused, or the socket does not come back.
 *
 * Environment: BENCH_AIBOT_CONVERSATIONS (100), BENCH_AIBOT_MODEL_MS (500), BENCH_AIBOT_POLL_FOR_MS (how long the
 * pusher polls and the socket conversation waits, 60,000: WeCom polls for 6 minutes, a stuck stream need not hold
 * the benchmark that long), BENCH_AIBOT_OUTAGE_MESSAGES (20), BENCH_N8N_ROUNDS (2), BENCH_N8N_ENGINES
 * (vm:1,vm:4,legacy: engine and expression-isolate pool, see lib/n8nHost.ts engineEnv), BENCH_N8N_DIR (work folder,
 * default in /tmp).
 */
import os from 'node:os';
import { aiBotCallback } from '../test/emulator/aibot/callback';
import type { SocketConversation } from '../test/emulator/aibot/longConnectionConverse';
import { converse, type Conversation } from '../test/emulator/aibot/pusher';
import { derivedAnswer } from '../test/emulator/openai/answers';
import { exchange, type PushAttempt } from '../test/emulator/callback/transport';
import {
	cb,
	engineEnv,
	fmtMs,
	h,
	importAndPublishOrThrow,
	memorySummary,
	pad,
	procStatusMb,
	QUIET,
	respondToWebhookWorkflow,
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
const OUTAGE_MESSAGES = Number(process.env.BENCH_AIBOT_OUTAGE_MESSAGES ?? 20);
const ROUNDS = Number(process.env.BENCH_N8N_ROUNDS ?? 2);
/** n8n 2.41.1's default (vm, a pool of 1), a pool of 4, and the in-process engine: see engineEnv. */
const ENGINES = (process.env.BENCH_N8N_ENGINES ?? 'vm:1,vm:4,legacy').split(',').filter(Boolean);
const WARMUP = 5;
const FIRST_ANSWER_P99_TARGET_MS = 1000;
const POLL_P99_TARGET_MS = 300;
const RECONNECT_TARGET_MS = 5000;
/** How often WeCom (the bench) re-delivers a message while the bot has no connection. */
const REDELIVER_EVERY_MS = 100;
const BOT = h.DEMO_AIBOT;
const SECRETS = { token: BOT.token, encodingAesKey: BOT.encodingAesKey };
const TRIGGER_TYPE = 'n8n-nodes-wecom-oa.weComAiBotTrigger';
const SOCKET_TRIGGER_TYPE = 'n8n-nodes-wecom-oa.weComAiBotLongConnectionTrigger';
const BASE_ID = 'bench-aibot-base';
/** What the e2e suite starts n8n with for the AI Agent (fixtures/offline-tiktoken.js: nothing from the internet). */
const agentE2e = require('../test/e2e/aibot-agent') as { n8nNodeArgs(): string[] };

// ---------------------------------------------------------------------------------------------- workflows

/** A node's outgoing connections by type (main, ai_languageModel, ai_memory, ...). */
type Connections = Record<string, Record<string, Array<Array<{ node: string; type: string; index: number }>>>>;

/**
 * The example with the model's think time (a Wait in front of the node the non-welcome branch leads to), under
 * its own ids; `socket`: its trigger swapped for the WeCom AI Bot Long Connection Trigger (same name, settings).
 */
function exampleWorkflow(mode: 'callback' | 'socket', id: string, webhookId: string): Workflow {
	const example = cb.readExample('wecom-aibot-stream.json') as Workflow & { connections: Connections };
	const branch = example.connections['Opened the chat?'].main[1];
	const wait = {
		id: `b7a3c1d0-0000-4000-8000-${webhookId.slice(-12)}`,
		name: `Model think time (${MODEL_MS} ms)`,
		type: 'n8n-nodes-base.wait',
		typeVersion: 1.1,
		position: [330, 120],
		parameters: { amount: MODEL_MS / 1000, unit: 'seconds' },
	};
	const nodes = example.nodes.map((node) => {
		if (node.type !== TRIGGER_TYPE) return node;
		if (mode === 'callback') return { ...node, webhookId };
		const { webhookId: _none, ...socketTrigger } = node;
		return { ...socketTrigger, type: SOCKET_TRIGGER_TYPE };
	});
	return {
		...example,
		id,
		name: `bench: WeCom AI bot (${mode}) → model (fixed think time) → streamed reply`,
		nodes: [...nodes, wait],
		connections: {
			...example.connections,
			'Opened the chat?': {
				main: [example.connections['Opened the chat?'].main[0], [{ ...branch[0], node: wait.name }]],
			},
			[wait.name]: { main: [[{ node: branch[0].node, type: 'main', index: 0 }]] },
		},
	} as Workflow;
}

const callbackWorkflow = (): Workflow =>
	exampleWorkflow('callback', 'bench-aibot-cb', 'b7a3c1d0-0000-4000-8000-0000000000c1');
const socketWorkflow = (): Workflow =>
	exampleWorkflow('socket', 'bench-aibot-ws', 'b7a3c1d0-0000-4000-8000-0000000000c2');

/** n8n's own Webhook → Respond to Webhook, answering JSON shaped like the stream start. */
function baseWorkflow(): Workflow {
	return respondToWebhookWorkflow({
		id: BASE_ID,
		name: 'bench: n8n Webhook → Respond to Webhook (JSON)',
		path: BASE_ID,
		webhookId: 'b7a3c1d0-0000-4000-8000-0000000000b3',
		respondWith: 'json',
		responseBody:
			'={{ JSON.stringify({ msgtype: "stream", stream: { id: $json.body.encrypt.slice(0, 32), finish: false, content: "" } }) }}',
	});
}

function triggerUrl(baseUrl: string, workflow: Workflow): string {
	const trigger = workflow.nodes.find((node) => node.type === TRIGGER_TYPE);
	if (!trigger) throw new Error(`${workflow.id}: no WeCom AI Bot Trigger`);
	return `${baseUrl}/webhook/${String(trigger.webhookId)}/callback`;
}

// ---------------------------------------------------------------------------------------------- the emulator

/** A control call whose status matters (409: the bot has no connection), unlike ctx.emulator.post. */
async function control<T>(host: PreparedHost, route: string, body: unknown): Promise<{ status: number; body: T }> {
	const response = await fetch(`${host.ctx.emulator.url}/__emulator/${route}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	return { status: response.status, body: (await response.json()) as T };
}

interface ResponseUrlPost {
	code: string;
	body: { markdown?: { content?: string } };
}

async function responseUrlPosts(host: PreparedHost): Promise<ResponseUrlPost[]> {
	return (await (await fetch(`${host.ctx.emulator.url}/__emulator/aibot/responses`)).json()) as ResponseUrlPost[];
}

// ---------------------------------------------------------------------------------------------- conversations

/** How a conversation ended. */
type Ending = 'ok' | 'url' | 'wrong' | 'lost';

interface Talk {
	/** First answer (the open stream) per conversation. */
	firstMs: number[];
	/** Callback: every poll's latency; socket: each conversation's time to its finished answer. */
	laterMs: number[];
	endings: Ending[];
	/** Callback: WeCom sent the message again (no answer in 5 s); socket: re-deliveries while it was down. */
	retried: number;
	/** Polls not answered with a valid encrypted stream state, or reply frames the emulator refused. */
	bad: number;
	problems: string[];
	wallMs: number;
}

/** The emulator's model answers a chat's first turn predictably; each conversation is its own chat. */
const answerTo = (question: string): string => derivedAnswer(question, 1);

/** One user per conversation: its question is unique, so its answer can be checked. */
function questions(n: number, tag: string): string[] {
	return Array.from({ length: n }, (_, index) => `${tag} 问题 #${index}`);
}

let counter = 0;
function textMessage(question: string, index: number, tag: string): Record<string, unknown> {
	return {
		msgid: `bench-aibot-${Date.now()}-${++counter}`,
		aibotid: BOT.botId,
		chattype: 'single',
		from: { userid: `bench_${tag}_${index}` },
		msgtype: 'text',
		text: { content: question },
	};
}

function describe(conversation: object): string {
	return JSON.stringify(conversation).slice(0, 300);
}

function collect(ending: Ending, index: number, conversation: object, problems: string[]): Ending {
	if (ending !== 'ok' && ending !== 'url' && problems.length < 3)
		problems.push(`#${index} ${ending}: ${describe(conversation)}`);
	return ending;
}

/**
 * n callback-mode conversations started together; `afterRuns` waits for their executions: a run whose stream WeCom
 * stopped polling (or never got) sends the answer through response_url when it finishes.
 */
async function callbackTalk(
	host: PreparedHost,
	url: string,
	n: number,
	tag: string,
	afterRuns: () => Promise<void> = async () => undefined,
): Promise<Talk> {
	const asked = questions(n, tag);
	const messages = await Promise.all(
		asked.map(async (question, index) => ({
			...textMessage(question, index, tag),
			response_url: (await host.ctx.emulator.post<{ url: string }>('/__emulator/aibot/response_url', {})).url,
		})),
	);
	const started = performance.now();
	const played = await Promise.all(
		messages.map((msg) => converse({ url, ...SECRETS, message: msg, pollForMs: POLL_FOR_MS })),
	);
	const wallMs = performance.now() - started;
	await afterRuns();
	// What the polls did not show went out through response_url (the message's code): the two together must be
	// the answer, once.
	const viaUrl = new Map((await responseUrlPosts(host)).map((post) => [post.code, post.body.markdown?.content ?? '']));
	const problems: string[] = [];
	const endings = played.map((conversation: Conversation, index): Ending => {
		const expected = answerTo(asked[index]);
		const code = new URL(String(messages[index].response_url)).searchParams.get('response_code') ?? '';
		const shown = conversation.content ?? '';
		const rest = viaUrl.get(code);
		let ending: Ending;
		if (rest !== undefined) ending = shown !== expected && `${shown}${rest}` === expected ? 'url' : 'wrong';
		else if (conversation.finished) ending = shown === expected ? 'ok' : 'wrong';
		else ending = 'lost';
		return collect(ending, index, { ...conversation, polls: conversation.polls.length }, problems);
	});
	return {
		firstMs: played.map((conversation) => conversation.attempts.reduce((sum, attempt) => sum + attempt.ms, 0)),
		laterMs: played.flatMap((conversation) => conversation.polls.map((poll) => poll.ms)),
		endings,
		retried: played.filter((conversation) => conversation.attempts.length > 1).length,
		bad: played.reduce(
			(sum, conversation) =>
				sum + conversation.polls.filter((poll) => poll.status !== 200 || poll.problem || !poll.reply).length,
			0,
		),
		problems,
		wallMs,
	};
}

/**
 * One message over the long connection, re-delivered (same msgid) every 100 ms while the bot has no connection,
 * as WeCom does; resolves with the conversation and how long after `since` the emulator accepted the push.
 */
async function socketConverse(
	host: PreparedHost,
	message: Record<string, unknown>,
	since: number,
): Promise<{ conversation?: SocketConversation; acceptedMs: number; redelivered: number }> {
	let redelivered = 0;
	for (;;) {
		const acceptedMs = performance.now() - since;
		const answer = await control<SocketConversation>(host, 'aibot/ws/converse', {
			botId: BOT.botId,
			message,
			timeoutMs: POLL_FOR_MS,
		});
		if (answer.status === 200) return { conversation: answer.body, acceptedMs, redelivered };
		if (answer.status !== 409 || performance.now() - since > POLL_FOR_MS) return { acceptedMs: NaN, redelivered };
		redelivered++;
		await h.delay(REDELIVER_EVERY_MS);
	}
}

/** n long-connection conversations started together; with `since`, the first ones may hit an outage. */
async function socketTalk(
	host: PreparedHost,
	n: number,
	tag: string,
	since = performance.now(),
): Promise<Talk & { acceptedMs: number[]; msgids: string[] }> {
	const asked = questions(n, tag);
	const messages = asked.map((question, index) => textMessage(question, index, tag));
	const started = performance.now();
	const played = await Promise.all(messages.map((message) => socketConverse(host, message, since)));
	const wallMs = performance.now() - started;
	const problems: string[] = [];
	const endings = played.map(({ conversation }, index): Ending => {
		let ending: Ending = 'lost';
		if (conversation?.finished) ending = conversation.content === answerTo(asked[index]) ? 'ok' : 'wrong';
		return collect(ending, index, conversation ?? { notDelivered: true }, problems);
	});
	const done = played.map(({ conversation }) => conversation);
	return {
		firstMs: done.map((conversation) => conversation?.firstReplyMs ?? NaN),
		laterMs: done.map((conversation) => conversation?.completedMs ?? NaN),
		endings,
		retried: played.reduce((sum, { redelivered }) => sum + redelivered, 0),
		bad: done.reduce(
			(sum, conversation) => sum + (conversation?.replies.filter((reply) => reply.errcode !== 0).length ?? 0),
			0,
		),
		problems,
		wallMs,
		acceptedMs: played.map(({ acceptedMs }) => acceptedMs),
		msgids: messages.map((message) => String(message.msgid)),
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
		try {
			const answer = JSON.parse(attempt.body) as { stream?: { id?: string } };
			return answer.stream?.id === (JSON.parse(bodies[index]) as { encrypt: string }).encrypt.slice(0, 32);
		} catch {
			return false;
		}
	};
	let ok = 0;
	attempts.forEach((attempt, index) => {
		if (good(attempt, index)) ok++;
		else if (problems.length < 3) problems.push(`#${index}: HTTP ${attempt.status} ${attempt.body.slice(0, 80)}`);
	});
	return { ms: attempts.map((attempt) => attempt.ms), ok, problems, wallMs };
}

// ---------------------------------------------------------------------------------------------- one engine

type Key = 'floor' | 'base' | 'callback' | 'socket';

interface Row {
	round: number;
	key: Key;
	n: number;
	ms: number[];
	ok: number;
	wallMs: number;
	problems: string[];
	rssPeakMb: number;
	runnerPeakMb: number;
	/** callback and socket only */
	talk?: Talk;
	executions?: number;
}

interface Reconnect {
	/** From the drop until the bot was subscribed again (the emulator's clock). */
	subscribedMs: number;
	/** From the drop until the first re-delivered message was accepted. */
	flowingMs: number;
	outage: Talk;
	outageExecutions: number;
	/** Messages already answered, delivered once more, and the runs they started (must be 0). */
	repeated: number;
	repeatedExecutions: number;
}

interface EngineResult {
	rows: Row[];
	reconnect?: Reconnect;
	readyMs: number;
	idleRssMb: number;
	hwmMb: number;
	headerErrors: number;
}

/** Executions of one workflow, counted from where the last count left off. */
function executionCounter(
	executions: Executions,
	id: string,
): { start(): Promise<void>; settle(n: number): Promise<number> } {
	let count = 0;
	return {
		async start() {
			count = (await executions.list(id)).count;
		},
		async settle(n) {
			const page = await executions.settle(id, count + n, 60_000).catch(() => executions.list(id));
			const added = page.count - count;
			count = page.count;
			return added;
		},
	};
}

/** Conversations as rows: the first answers, with the talk for the second line. */
function talkRow(round: number, key: Key, talk: Talk, memory: { rssPeakMb: number; runnerPeakMb: number }): Row {
	return {
		round,
		key,
		n: talk.endings.length,
		ms: talk.firstMs,
		ok: talk.endings.filter((ending) => ending === 'ok' || ending === 'url').length,
		wallMs: talk.wallMs,
		problems: talk.problems,
		...memory,
		talk,
	};
}

/** Drop the socket, play WeCom re-delivering messages until it is back, then re-deliver answered ones. */
async function reconnect(
	host: PreparedHost,
	executions: ReturnType<typeof executionCounter>,
	answered: string[],
): Promise<Reconnect> {
	const dropped = await control<{ dropped: number }>(host, 'aibot/ws/drop', { botId: BOT.botId, mode: 'terminate' });
	const since = performance.now();
	if (dropped.body.dropped !== 1) throw new Error(`the emulator dropped ${dropped.body.dropped} connections, not 1`);
	const [waited, outage] = await Promise.all([
		control<{ subscribed: boolean; ms: number }>(host, 'aibot/ws/wait', { botId: BOT.botId, timeoutMs: 30_000 }),
		socketTalk(host, OUTAGE_MESSAGES, 'outage', since),
	]);
	const outageExecutions = await executions.settle(OUTAGE_MESSAGES);
	const repeats = answered.slice(0, 10);
	for (const msgid of repeats)
		await control(host, 'aibot/ws/push', {
			botId: BOT.botId,
			message: { ...textMessage('又一次投递', 0, 'repeat'), msgid },
		});
	await h.delay(2000);
	return {
		subscribedMs: waited.body.subscribed ? waited.body.ms : NaN,
		flowingMs: Math.min(...outage.acceptedMs),
		outage,
		outageExecutions,
		repeated: repeats.length,
		repeatedExecutions: await executions.settle(0),
	};
}

async function runEngine(
	host: PreparedHost,
	baseUrl: string,
	workflows: { callback: Workflow; socket: Workflow },
	engine: string,
): Promise<EngineResult> {
	const callbackUrl = triggerUrl(baseUrl, workflows.callback);
	const baseUrlOf = `${baseUrl}/webhook/${BASE_ID}`;
	const server = await startN8n(host, baseUrl, engine, [callbackUrl, baseUrlOf], {
		nodeArgs: agentE2e.n8nNodeArgs(),
	});
	const { pid, executions } = server;
	const rows: Row[] = [];
	let reconnected: Reconnect | undefined;
	let hwmMb = 0;
	let headerErrors = 0;
	try {
		const subscribed = await control<{ subscribed: boolean }>(host, 'aibot/ws/wait', {
			botId: BOT.botId,
			timeoutMs: 30_000,
		});
		if (!subscribed.body.subscribed) throw new Error('n8n did not open the long connection within 30 s');
		const runs = {
			callback: executionCounter(executions, workflows.callback.id),
			socket: executionCounter(executions, workflows.socket.id),
			base: executionCounter(executions, BASE_ID),
		};
		for (const count of Object.values(runs)) await count.start();
		// Warm-up: every path at low concurrency (first executions load node code, JIT, DB statements).
		await Promise.all([
			callbackTalk(host, callbackUrl, WARMUP, 'warmcb'),
			socketTalk(host, WARMUP, 'warmws'),
			baselineBurst(baseUrlOf, WARMUP, 'POST'),
		]);
		for (const count of Object.values(runs)) await count.settle(WARMUP);

		let answered: string[] = [];
		for (let round = 1; round <= ROUNDS; round++) {
			for (const key of ['floor', 'base'] as const) {
				const target = key === 'floor' ? `${baseUrl}/healthz` : baseUrlOf;
				const { value, rssPeakMb, runnerPeakMb } = await sampled(pid, () =>
					baselineBurst(target, CONVERSATIONS, key === 'floor' ? 'GET' : 'POST'),
				);
				const row: Row = { round, key, n: CONVERSATIONS, ...value, rssPeakMb, runnerPeakMb };
				if (key === 'base') row.executions = await runs.base.settle(CONVERSATIONS);
				rows.push(row);
				await h.delay(300);
			}
			let callbackRuns = 0;
			const callback = await sampled(pid, () =>
				callbackTalk(host, callbackUrl, CONVERSATIONS, `cb${round}`, async () => {
					callbackRuns = await runs.callback.settle(CONVERSATIONS);
				}),
			);
			rows.push({ ...talkRow(round, 'callback', callback.value, callback), executions: callbackRuns });
			await h.delay(300);
			const socket = await sampled(pid, () => socketTalk(host, CONVERSATIONS, `ws${round}`));
			rows.push({
				...talkRow(round, 'socket', socket.value, socket),
				executions: await runs.socket.settle(CONVERSATIONS),
			});
			answered = socket.value.msgids;
			await h.delay(300);
		}
		reconnected = await reconnect(host, runs.socket, answered);
		hwmMb = procStatusMb(pid, 'VmHWM');
	} finally {
		({ headerErrors } = await server.stop());
	}
	return {
		rows,
		reconnect: reconnected,
		readyMs: server.readyMs,
		idleRssMb: server.idleRssMb,
		hwmMb,
		headerErrors,
	};
}

// ---------------------------------------------------------------------------------------------- report

const LABELS: Record<Key, [string, string?]> = {
	floor: ['floor     GET /healthz'],
	base: ['base      Webhook → Respond to Webhook'],
	callback: ['callback  first answer (stream start)', 'callback  every poll'],
	socket: ['socket    first answer (stream start)', 'socket    finished answer'],
};

function header(): string {
	return `${'burst'.padEnd(42)} ${pad('n', 5)} ${pad('ok', 4)} ${pad('url', 3)} ${pad('lost', 4)} ${pad('wrong', 5)} ${pad('retry', 5)} ${pad('p50', 6)} ${pad('p95', 6)} ${pad('p99', 6)} ${pad('max', 6)} ${pad('wall', 6)} ${pad('execs', 5)} ${pad('dup', 3)} ${pad('RSS MB', 6)} ${pad('runner', 6)}`;
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
	return `${label.padEnd(42)} ${pad(n, 5)} ${pad(ok, 4)} ${pad(url, 3)} ${pad(lost, 4)} ${pad(wrong, 5)} ${pad(retry, 5)} ${pad(fmtMs(p50), 6)} ${pad(fmtMs(p95), 6)} ${pad(fmtMs(p99), 6)} ${pad(fmtMs(max), 6)} ${pad(wall, 6)} ${pad(execs, 5)} ${pad(dup, 3)} ${pad(rss, 6)} ${pad(runner, 6)}`;
}

/** The two lines of a set of conversations; returns 1 when one was lost, wrong, refused or run twice. */
function talkLines(label: string, talk: Talk, executions: number, tail: Array<string | number>): number {
	const count = (ending: Ending): number => talk.endings.filter((candidate) => candidate === ending).length;
	const n = talk.endings.length;
	const dup = Math.max(0, executions - n);
	const [first, later] = label.split('|');
	console.log(
		line(first, n, [count('ok'), count('url'), count('lost'), count('wrong'), talk.retried], talk.firstMs, [
			fmtMs(talk.wallMs),
			executions,
			dup,
			...tail,
		]),
	);
	const laterOk = talk.laterMs.filter(Number.isFinite);
	console.log(line(later, laterOk.length, ['', '', '', talk.bad, ''], laterOk, ['', '', '', '', '']));
	if (talk.problems.length) console.log(`     problems, e.g.: ${talk.problems.join(' | ')}`);
	return count('lost') || count('wrong') || dup || talk.bad || executions < n ? 1 : 0;
}

const within = (ms: number, target: number): string =>
	`${fmtMs(ms)} ms ${ms < target ? 'within' : 'over'} the ${target} ms target`;

/** Prints one engine's table; returns how many targets of correctness it missed. */
function report(result: EngineResult): number {
	let failures = 0;
	console.log(header());
	for (const row of result.rows) {
		const memory = [row.rssPeakMb.toFixed(0), row.runnerPeakMb.toFixed(0)];
		const [first, later] = LABELS[row.key];
		if (row.talk) {
			failures += talkLines(`r${row.round} ${first}|r${row.round} ${later}`, row.talk, row.executions ?? 0, memory);
			continue;
		}
		console.log(
			line(`r${row.round} ${first}`, row.n, [row.ok, '-', '-', row.n - row.ok, '-'], row.ms, [
				fmtMs(row.wallMs),
				row.executions ?? '-',
				'-',
				...memory,
			]),
		);
		if (row.problems.length) console.log(`     problems, e.g.: ${row.problems.join(' | ')}`);
	}
	const { reconnect: again } = result;
	if (again) {
		console.log(
			`reconnect: the emulator dropped n8n's socket (no close frame); subscribed again after ${fmtMs(again.subscribedMs)} ms, the first re-delivered message accepted after ${within(again.flowingMs, RECONNECT_TARGET_MS)}`,
		);
		failures += talkLines(
			`   ${OUTAGE_MESSAGES} messages sent during the outage|   their finished answers`,
			again.outage,
			again.outageExecutions,
			['', ''],
		);
		console.log(
			`   ${again.repeated} answered messages re-delivered after the reconnect: ${again.repeatedExecutions} new run(s)`,
		);
		if (!(again.flowingMs < RECONNECT_TARGET_MS) || again.repeatedExecutions) failures++;
	}
	console.log('ours / base, same round (>1 = ours slower):');
	for (let round = 1; round <= ROUNDS; round++) {
		const base = result.rows.find((row) => row.round === round && row.key === 'base');
		if (!base) continue;
		const b = stats(base.ms);
		for (const key of ['callback', 'socket'] as const) {
			const talk = result.rows.find((row) => row.round === round && row.key === key)?.talk;
			if (!talk) continue;
			const ratio = (ms: number[], what: string, target: number): void => {
				const label = `  r${round} ${`${key} ${what}`.padEnd(24)}`;
				if (ms.length === 0) {
					console.log(`${label} none measured`);
					return;
				}
				const s = stats(ms);
				console.log(
					`${label} p50 ${(s.p50 / b.p50).toFixed(2)}x  p95 ${(s.p95 / b.p95).toFixed(2)}x  p99 ${(s.p99 / b.p99).toFixed(2)}x   p99 ${within(s.p99, target)}`,
				);
			};
			ratio(talk.firstMs, 'first answer', FIRST_ANSWER_P99_TARGET_MS);
			if (key === 'callback') ratio(talk.laterMs, 'every poll', POLL_P99_TARGET_MS);
		}
	}
	console.log(memorySummary(result, result.rows));
	return failures + (result.headerErrors ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------- main

async function main(workDir: string): Promise<number> {
	const benchStarted = Date.now();
	const host = await cb.prepareHost(workDir, QUIET);
	const baseUrl = `http://127.0.0.1:${host.ports.n8n}`;
	const workflows = { callback: callbackWorkflow(), socket: socketWorkflow() };
	const credentials = h
		.demoCredentials(host.ctx.emulator.url)
		.filter((credential) => ['weComAiBotApi', 'openAiApi'].includes(credential.type));
	await importAndPublishOrThrow(host, workDir, [workflows.callback, workflows.socket, baseWorkflow()], credentials);
	console.log(
		`setup (pack, install like a community package, emulator, import, publish 3 workflows): ${((Date.now() - benchStarted) / 1000).toFixed(1)} s`,
	);
	console.log(
		`${os.cpus().length} CPU(s), load average ${os.loadavg()[0].toFixed(1)} (other processes on this machine skew every figure); ${CONVERSATIONS} conversations at once per burst, model think time ${MODEL_MS} ms; callback: a poll every 1 s (WeCom's pace) for up to ${POLL_FOR_MS / 1000} s; socket: one long connection; engines: ${ENGINES.join(', ')}; ${ROUNDS} round(s) each`,
	);
	console.log(
		'columns: ok = finished with the expected answer, url = sent through response_url instead, lost = neither; retry = callback: WeCom sent the message again (no answer in 5 s), socket: re-deliveries while disconnected; wrong on a second line = polls or reply frames refused; execs = executions over REST, dup = more than conversations',
	);
	let failures = 0;
	for (const engine of ENGINES) {
		const result = await runEngine(host, baseUrl, workflows, engine);
		console.log(
			`\n## ${engineEnv(engine).title}: ready ${(result.readyMs / 1000).toFixed(1)} s after spawn, idle RSS ${result.idleRssMb.toFixed(0)} MB, load average now ${os.loadavg()[0].toFixed(1)}`,
		);
		failures += report(result);
	}
	return failures;
}

runN8nBench('n8n-aibot-bench', main);
