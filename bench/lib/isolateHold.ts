/**
 * The benchmark's side of isolateProbe.js (preloaded into the benchmark's n8n): how to start n8n with it, and the
 * hold records of one burst turned into a short summary (who took an isolate, how long it waited and held it, and
 * what of our webhook() ran inside the webhook phase's hold).
 */
import fs from 'node:fs';
import path from 'node:path';
import { percentile } from './n8nHost';

interface HoldRecord {
	origin: 'webhook' | 'credentials' | 'execution' | 'other';
	asked: number;
	acquired: number;
	released?: number;
	webhookStarted?: number;
	answered?: number;
	calls?: Array<[string, number]>;
}

export interface IsolateProbe {
	nodeArgs: string[];
	env: Record<string, string>;
	/** The records since the last call (n8n writes them on SIGUSR2). */
	collect(pid: number): Promise<HoldSummary>;
}

export function isolateProbe(workDir: string, name: string): IsolateProbe {
	const file = path.join(workDir, `isolate-holds-${name}.json`);
	return {
		nodeArgs: ['-r', path.join(__dirname, 'isolateProbe.js')],
		env: { BENCH_ISOLATE_PROBE: file },
		async collect(pid) {
			fs.rmSync(file, { force: true });
			process.kill(pid, 'SIGUSR2');
			for (let waited = 0; !fs.existsSync(file); waited += 20) {
				if (waited > 10_000) throw new Error('n8n did not write its isolate holds');
				await new Promise((resolve) => setTimeout(resolve, 20));
			}
			const { coldStarts, holds } = JSON.parse(fs.readFileSync(file, 'utf8')) as {
				coldStarts: number;
				holds: HoldRecord[];
			};
			return summarize(coldStarts, holds);
		},
	};
}

export interface HoldSummary {
	coldStarts: number;
	/** Per origin: how many, the wait for an isolate and the hold (p50/p99 ms). */
	origins: Array<{ origin: string; count: number; wait: [number, number]; hold: [number, number] }>;
	/** Webhook phases that ran our webhook(): acquired → webhook() → answer → release (p50/p99 ms). */
	phase?: { count: number; n8nBefore: [number, number]; toAnswer: [number, number]; afterAnswer: [number, number] };
	/** Our calls inside the hold: how many per request and their time (p50/p99 ms). */
	calls: Array<{ call: string; perRequest: number; ms: [number, number] }>;
}

function p50p99(values: number[]): [number, number] {
	const sorted = [...values].sort((a, b) => a - b);
	return [percentile(sorted, 0.5), percentile(sorted, 0.99)];
}

function summarize(coldStarts: number, holds: HoldRecord[]): HoldSummary {
	const origins = [...new Set(holds.map((hold) => hold.origin))].map((origin) => {
		const of = holds.filter((hold) => hold.origin === origin);
		return {
			origin,
			count: of.length,
			wait: p50p99(of.map((hold) => hold.acquired - hold.asked)),
			hold: p50p99(of.filter((hold) => hold.released !== undefined).map((hold) => hold.released! - hold.acquired)),
		};
	});
	const ours = holds.filter(
		(hold) => hold.webhookStarted !== undefined && hold.answered !== undefined && hold.released !== undefined,
	);
	const calls = new Map<string, number[]>();
	for (const hold of ours) for (const [call, ms] of hold.calls ?? []) calls.set(call, [...(calls.get(call) ?? []), ms]);
	return {
		coldStarts,
		origins,
		phase: ours.length
			? {
					count: ours.length,
					n8nBefore: p50p99(ours.map((hold) => hold.webhookStarted! - hold.acquired)),
					toAnswer: p50p99(ours.map((hold) => hold.answered! - hold.webhookStarted!)),
					afterAnswer: p50p99(ours.map((hold) => hold.released! - hold.answered!)),
				}
			: undefined,
		calls: [...calls].map(([call, ms]) => ({ call, perRequest: ms.length / ours.length, ms: p50p99(ms) })),
	};
}

const f = (pair: [number, number]): string => `${pair[0].toFixed(1)}/${pair[1].toFixed(1)}`;

/** A few indented lines under a burst's row. */
export function formatHolds(summary: HoldSummary): string[] {
	const lines = [
		`     isolates: ${summary.coldStarts} built on the spot (warm pool empty); ${summary.origins
			.map((o) => `${o.origin} ×${o.count} wait ${f(o.wait)} hold ${f(o.hold)}`)
			.join('; ')} (ms p50/p99)`,
	];
	if (summary.phase)
		lines.push(
			`     webhook-phase hold, ms p50/p99: n8n before our webhook() ${f(summary.phase.n8nBefore)}, our webhook() to the answer ${f(summary.phase.toAnswer)}, answer to release ${f(summary.phase.afterAnswer)}; inside: ${summary.calls
				.map((c) => `${c.call} ×${c.perRequest.toFixed(1)} ${f(c.ms)}`)
				.join(', ')}`,
		);
	return lines;
}
