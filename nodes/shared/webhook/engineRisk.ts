/**
 * n8n settings that put WeChat's 5 s at risk, and the one log line that says what to set. n8n 2.x takes an expression
 * isolate for the whole webhook phase of every trigger except its own Webhook node, and its `vm` engine builds one on
 * the spot whenever its warm pool (N8N_EXPRESSION_ENGINE_POOL_SIZE, default 1) is empty; in a burst of callbacks
 * those builds queue up for the CPU before any answer goes out. Read from the environment as n8n's config package
 * reads it (@n8n/config ExpressionEngineConfig: the variable, else the file named by <variable>_FILE; an invalid
 * value means the default).
 */
import { readFileSync } from 'node:fs';
import { Expression, type Logger } from 'n8n-workflow';
import { registerProcessState } from '../testSeam';

export interface EngineSettings {
	engine: string;
	poolSize: number;
}

/** n8n 2.41's defaults. */
const DEFAULTS: EngineSettings = { engine: 'vm', poolSize: 1 };
const ENGINES = new Set(['legacy', 'vm', 'quickjs']);
/**
 * The smallest pool we advise: with 4, most of a burst is served by warm isolates (README, "High-volume accounts":
 * 34 of 100 callbacks at once answered in time on a loaded 2-core machine, against 0 with n8n's default of 1).
 */
export const SAFE_POOL_SIZE = 4;

function readVariable(env: NodeJS.ProcessEnv, name: string): string | undefined {
	if (name in env) return env[name];
	const file = env[`${name}_FILE`];
	if (!file) return undefined;
	try {
		return readFileSync(file, 'utf8').trim();
	} catch {
		return undefined;
	}
}

export function readEngineSettings(env: NodeJS.ProcessEnv = process.env): EngineSettings {
	const engine = readVariable(env, 'N8N_EXPRESSION_ENGINE')
		?.trim()
		.replace(/^(['"])(.*)\1$/, '$2');
	const pool = readVariable(env, 'N8N_EXPRESSION_ENGINE_POOL_SIZE');
	const poolSize = pool === undefined || pool.trim() === '' ? NaN : Number(pool);
	return {
		engine: engine !== undefined && ENGINES.has(engine) ? engine : DEFAULTS.engine,
		poolSize: Number.isNaN(poolSize) ? DEFAULTS.poolSize : poolSize,
	};
}

/** n8n 1.x has no isolates (it evaluates in process, like `legacy`) and none of these settings. */
export const hostHasIsolates = (): boolean =>
	typeof (Expression.prototype as { acquireIsolate?: unknown }).acquireIsolate === 'function';

/** What to tell the user, or undefined when the settings do not put callbacks at risk. */
export function engineRisk(settings: EngineSettings): string | undefined {
	if (settings.engine === 'legacy' || settings.poolSize >= SAFE_POOL_SIZE) return undefined;
	return (
		`WeChat callbacks are at risk with n8n's expression engine "${settings.engine}" and ` +
		`N8N_EXPRESSION_ENGINE_POOL_SIZE=${settings.poolSize}: n8n builds an expression isolate for each callback ` +
		`before it can be answered, and in a burst those builds miss WeChat's 5 s (WeChat then retries and counts ` +
		`the server as unresponsive). Set N8N_EXPRESSION_ENGINE_POOL_SIZE=${SAFE_POOL_SIZE} or more (each warm ` +
		`isolate holds memory) or N8N_EXPRESSION_ENGINE=legacy, and restart n8n (in queue mode: its webhook processes).`
	);
}

let warned = false;
registerProcessState(() => (warned = false));

/** Logs the advice once per process (on the first activation of any callback trigger), if there is any. */
export function warnEngineRiskOnce(logger: Logger, env: NodeJS.ProcessEnv = process.env): void {
	if (warned) return;
	warned = true;
	const advice = hostHasIsolates() ? engineRisk(readEngineSettings(env)) : undefined;
	if (advice) logger.warn(advice);
}
