/**
 * What the benchmarks against a REAL n8n share: typed views of the plain-JS e2e tooling (test/e2e/host.js's host
 * recipe, test/e2e/callbacks.js's setup), one `n8n start` with a given expression engine and its active
 * workflows' URLs registered, latency percentiles, and the n8n main process's and task runner's memory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// ---------------------------------------------------------------------------------------------- JS shapes

export interface Child {
	child: { pid: number };
	output: string;
}
export interface N8nHost {
	n8nModules: string;
}
export interface Owner {
	email: string;
	password: string;
}
export interface CliResult {
	code: number;
	output: string;
}
export interface Credential {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}
export interface Host {
	delay(ms: number): Promise<void>;
	n8nEnv(
		n8n: N8nHost,
		options: { userFolder: string; port: number; brokerPort: number; owner: Owner; extra?: Record<string, string> },
	): Record<string, string>;
	startN8nServer(
		n8n: N8nHost,
		env: Record<string, string>,
		options: { logFile: string; nodeArgs?: string[] },
	): Promise<Child>;
	stopChild(handle: Child, graceMs?: number): Promise<void>;
	stopAll(): Promise<void>;
	login(baseUrl: string, email: string, password: string): Promise<{ cookie: string }>;
	installExitHooks(onSignal?: (signal: string) => void): void;
	tail(text: string, lines?: number): string;
	demoCredentials(emulatorUrl: string): Credential[];
	DEMO_OA: { appId: string };
	DEMO_AIBOT: { botId: string; token: string; encodingAesKey: string };
}
export interface Ctx {
	cli(args: string[], logName: string): Promise<CliResult>;
	rest(baseUrl: string, cookie: string, method: string, pathname: string): Promise<unknown>;
	waitFor<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined | false>): Promise<T>;
	phase<T>(name: string, fn: () => Promise<T>): Promise<T>;
	emulator: { url: string; post<T>(pathname: string, body?: unknown): Promise<T> };
}
export interface PreparedHost {
	n8n: N8nHost;
	ports: { n8n: number; broker: number };
	userFolder: string;
	logs: string;
	owner: Owner;
	ctx: Ctx;
}
export interface Workflow {
	id: string;
	nodes: Array<Record<string, unknown>>;
}
export interface ExecutionPage {
	count: number;
	results: Array<{ id: string; status: string }>;
}
export interface Executions {
	list(id: string): Promise<ExecutionPage>;
	settle(id: string, expected: number, timeoutMs?: number): Promise<ExecutionPage>;
}
export interface Callbacks {
	OA_SECRETS: { token: string; encodingAesKey: string };
	OA_GH: string;
	prepareHost(workDir: string, report?: unknown): Promise<PreparedHost>;
	importAndPublish(
		ctx: Ctx,
		options: { emulatorUrl: string; workDir: string; workflows: Workflow[]; extraCredentials?: Credential[] },
	): Promise<{
		importedCredentials: CliResult;
		importedWorkflows: CliResult;
		published: Array<{ id: string; result: CliResult }>;
	}>;
	executionsApi(ctx: Ctx, baseUrl: string, session: { cookie: string }, n8n: N8nHost): Executions;
	msgId(): string;
	productionUrl(baseUrl: string, workflow: Workflow): string;
	readExample(file: string): Workflow;
	waitForProductionUrl(ctx: Ctx, url: string, timeoutMs?: number): Promise<{ status: number; ms: number }>;
}

export const h = require('../../test/e2e/host') as Host;
export const cb = require('../../test/e2e/callbacks') as Callbacks;

/** A reporter for prepareHost that prints nothing: the benchmarks print their own tables. */
export const QUIET = {
	check: () => true,
	checkAsync: async () => true,
	phase: async <T>(_name: string, fn: () => Promise<T>) => fn(),
	record: () => true,
};

/** Imports credentials and workflows, publishes them (n8n stopped); throws with the CLI's output when one fails. */
export async function importAndPublishOrThrow(
	host: PreparedHost,
	workDir: string,
	workflows: Workflow[],
	extraCredentials: Credential[] = [],
): Promise<void> {
	const setup = await cb.importAndPublish(host.ctx, {
		emulatorUrl: host.ctx.emulator.url,
		workDir,
		workflows,
		extraCredentials,
	});
	for (const result of [
		setup.importedCredentials,
		setup.importedWorkflows,
		...setup.published.map((entry) => entry.result),
	])
		if (result.code !== 0) throw new Error(`n8n CLI failed:\n${h.tail(result.output)}`);
}

/**
 * The baselines' workflow: n8n's own Webhook node (POST /webhook/`path`) → Respond to Webhook answering with
 * `respondWith` ('text', 'json') and `responseBody` (an expression over the n8n-parsed body).
 */
export function respondToWebhookWorkflow(options: {
	id: string;
	name: string;
	path: string;
	webhookId: string;
	respondWith: 'text' | 'json';
	responseBody: string;
}): Workflow {
	return {
		id: options.id,
		name: options.name,
		nodes: [
			{
				id: 'b7a3c1d0-0000-4000-8000-000000000003',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: options.webhookId,
				parameters: { httpMethod: 'POST', path: options.path, responseMode: 'responseNode', options: {} },
			},
			{
				id: 'b7a3c1d0-0000-4000-8000-000000000004',
				name: 'Respond to Webhook',
				type: 'n8n-nodes-base.respondToWebhook',
				typeVersion: 1.1,
				position: [240, 0],
				parameters: { respondWith: options.respondWith, responseBody: options.responseBody, options: {} },
			},
		],
		connections: { Webhook: { main: [[{ node: 'Respond to Webhook', type: 'main', index: 0 }]] } },
		settings: { executionOrder: 'v1' },
		active: false,
	} as Workflow;
}

// ---------------------------------------------------------------------------------------------- one n8n start

export interface RunningN8n {
	pid: number;
	/** From spawn to every given URL registered. */
	readyMs: number;
	idleRssMb: number;
	executions: Executions;
	/** Stops n8n; returns how often its log says "Cannot set headers after they are sent" (a double answer). */
	stop(): Promise<{ headerErrors: number }>;
}

/**
 * An expression-engine setting as the benchmarks name it (BENCH_N8N_ENGINES): `vm:4` is N8N_EXPRESSION_ENGINE=vm with
 * N8N_EXPRESSION_ENGINE_POOL_SIZE=4, `vm` n8n's default pool, `legacy` the in-process engine (no pool).
 */
export function engineEnv(spec: string): { env: Record<string, string>; title: string } {
	const [engine, pool] = spec.split(':');
	const env: Record<string, string> = { N8N_EXPRESSION_ENGINE: engine };
	if (pool) env.N8N_EXPRESSION_ENGINE_POOL_SIZE = pool;
	const isDefault = engine === 'vm' && (pool ?? '1') === '1';
	return {
		env,
		title: `${Object.entries(env)
			.map(([name, value]) => `${name}=${value}`)
			.join(', ')}${isDefault ? " (n8n 2.41.1's default)" : ''}`,
	};
}

/**
 * `n8n start` with the expression engine `engine` (see engineEnv) on the prepared host, once every URL in `urls` is
 * registered; `options.env` adds settings, `options.nodeArgs` preloads (isolateProbe.js).
 */
export async function startN8n(
	host: PreparedHost,
	baseUrl: string,
	engine: string,
	urls: string[],
	options: { env?: Record<string, string>; nodeArgs?: string[] } = {},
): Promise<RunningN8n> {
	const { ctx, n8n, ports, userFolder, logs, owner } = host;
	const logFile = path.join(logs, `n8n-bench-${engine.replace(':', '-')}.log`);
	const spawned = Date.now();
	const env = h.n8nEnv(n8n, {
		userFolder,
		port: ports.n8n,
		brokerPort: ports.broker,
		owner,
		extra: { ...engineEnv(engine).env, ...options.env },
	});
	const server = await h.startN8nServer(n8n, env, { logFile, nodeArgs: options.nodeArgs });
	const stop = async (): Promise<{ headerErrors: number }> => {
		await h.stopChild(server, 30_000);
		const log = fs.readFileSync(logFile, 'utf8');
		return {
			headerErrors: log.split('\n').filter((line) => /Cannot set headers after they are sent/.test(line)).length,
		};
	};
	try {
		for (const url of urls) await cb.waitForProductionUrl(ctx, url);
		const readyMs = Date.now() - spawned;
		const session = await h.login(baseUrl, owner.email, owner.password);
		const executions = cb.executionsApi(ctx, baseUrl, session, n8n);
		return { pid: server.child.pid, readyMs, idleRssMb: procStatusMb(server.child.pid, 'VmRSS'), executions, stop };
	} catch (error) {
		await stop();
		throw error;
	}
}

// ---------------------------------------------------------------------------------------------- measuring

export function percentile(sorted: number[], q: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function stats(ms: number[]): { p50: number; p95: number; p99: number; max: number } {
	const sorted = [...ms].sort((a, b) => a - b);
	return {
		p50: percentile(sorted, 0.5),
		p95: percentile(sorted, 0.95),
		p99: percentile(sorted, 0.99),
		max: sorted.length ? sorted[sorted.length - 1] : NaN,
	};
}

export function procStatusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
	try {
		const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) / 1024 : 0;
	} catch {
		return 0;
	}
}

/** n8n's JS task runner: a child of the main process. */
function childPids(pid: number): number[] {
	try {
		return fs.readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
	} catch {
		return [];
	}
}

/** Samples the RSS of n8n and its runner every 50 ms while `fn` runs. */
export async function sampled<T>(
	pid: number,
	fn: () => Promise<T>,
): Promise<{ value: T; rssPeakMb: number; runnerPeakMb: number }> {
	let rssPeakMb = procStatusMb(pid, 'VmRSS');
	let runnerPeakMb = 0;
	const sample = (): void => {
		rssPeakMb = Math.max(rssPeakMb, procStatusMb(pid, 'VmRSS'));
		for (const child of childPids(pid)) runnerPeakMb = Math.max(runnerPeakMb, procStatusMb(child, 'VmRSS'));
	};
	const timer = setInterval(sample, 50);
	try {
		const value = await fn();
		sample();
		return { value, rssPeakMb, runnerPeakMb };
	} finally {
		clearInterval(timer);
	}
}

/** Right-aligned table cell, and milliseconds without decimals ('-' for none). */
export const pad = (text: string | number, width: number): string => String(text).padStart(width);
export const fmtMs = (ms: number): string => (Number.isFinite(ms) ? ms.toFixed(0) : '-');

/** The memory line under each engine's table. */
export function memorySummary(
	run: { idleRssMb: number; hwmMb: number; headerErrors: number },
	bursts: Array<{ rssPeakMb: number; runnerPeakMb: number }>,
): string {
	const peak = Math.max(...bursts.map((burst) => burst.rssPeakMb));
	const runner = Math.max(...bursts.map((burst) => burst.runnerPeakMb));
	return `n8n main process: idle ${run.idleRssMb.toFixed(0)} MB, peak during bursts ${peak.toFixed(0)} MB (VmHWM ${run.hwmMb.toFixed(0)} MB); task runner peak ${runner.toFixed(0)} MB; "Cannot set headers after they are sent" in the log: ${run.headerErrors}`;
}

/**
 * Runs a benchmark's main in its work folder (BENCH_N8N_DIR, or a fresh one in /tmp removed after a clean run)
 * and exits 1 when it reports failures or throws.
 */
export function runN8nBench(name: string, main: (workDir: string) => Promise<number>): void {
	const started = Date.now();
	const workDir = process.env.BENCH_N8N_DIR ?? path.join(os.tmpdir(), `${name}-${process.pid}`);
	h.installExitHooks();
	main(workDir)
		.then(
			(failures) => {
				console.log(`\ntotal ${((Date.now() - started) / 1000).toFixed(1)} s (setup and n8n starts included)`);
				if (failures === 0 && !process.env.BENCH_N8N_DIR) fs.rmSync(workDir, { recursive: true, force: true });
				else console.log(`work folder: ${workDir}`);
				process.exitCode = failures ? 1 : 0;
			},
			(error: unknown) => {
				console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
				process.exitCode = 1;
			},
		)
		// Exit now: host.js's stopChild leaves its grace-period timer running, which would hold the process up to 30 s.
		.finally(() => h.stopAll().finally(() => process.exit()));
}
