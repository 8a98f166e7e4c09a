/**
 * WeCom Send throughput and memory against the emulator (its own process), with a same-run baseline: a raw
 * undici loop making the same message/send requests at the same concurrency.
 *
 * - Node overhead: fixed content, so the node's own work (parameters, body, token cache, transport, output)
 *   is compared with the bare HTTP loop. Target ratio >= 0.8.
 * - With a per-item expression: the same, plus n8n's expression engine resolving `{{ $json.i }}` for every
 *   item (n8n's cost, not ours; shown for what a typical workflow pays).
 * - Pacing below the corp quota: the same run with Pace Under Corp Quota at its default (9,000 a minute, which
 *   2,000 items stay under) and off. Target ratio ~1.0: below the quota the pacer must cost nothing.
 * - Memory for 1,000 / 5,000 / 10,000 items: heap held beyond the output items themselves, after GC (pacing
 *   off: 10,000 items in a few seconds would otherwise wait a minute for WeCom's quota, by design).
 */
import { Agent, request } from 'undici';
import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { runNode, type RunNodeResult } from '../test/helpers/harness';
import { WeComSend } from '../nodes/WeComSend/WeComSend.node';
import { resetProcessState } from '../nodes/shared/testSeam';
import { startEmulatorProcess, type EmulatorProcess } from './lib/emulatorProcess';

const APP = { corpId: 'ww_demo_corp', corpSecret: 'demo-corp-secret', agentId: 1000002 };
const CONCURRENCY = 8;
const COUNT = 2_000;
const FIXED = '日报：今日数据已更新，请查收。';

interface OurRun {
	/** Wall time of the node's execute() call, which is what the baseline is compared with. */
	seconds: number;
	/** The whole engine run around it (workflow set-up, the item source node, output handling). */
	engineSeconds: number;
	result: RunNodeResult;
}

/** WeCom Send whose execute() reports how long it took: the engine's own set-up is not the node's cost. */
function timedNode(onDone: (seconds: number) => void): WeComSend {
	const node = new WeComSend();
	const execute = node.execute;
	node.execute = async function (this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const started = process.hrtime.bigint();
		try {
			return await execute.call(this);
		} finally {
			onDone(Number(process.hrtime.bigint() - started) / 1e9);
		}
	};
	return node;
}

async function ours(emulator: EmulatorProcess, count: number, content: string, options: IDataObject = {}): Promise<OurRun> {
	resetProcessState();
	const parameters: INodeParameters = { resource: 'message', operation: 'sendText', toUser: 'zhangsan', content, options: { concurrency: CONCURRENCY, ...options } };
	let seconds = 0;
	const started = process.hrtime.bigint();
	const result = await runNode({
		node: timedNode((s) => (seconds = s)),
		parameters,
		credentials: { weComApi: { corpId: APP.corpId, corpSecret: APP.corpSecret, agentId: String(APP.agentId), baseUrl: emulator.url } },
		items: Array.from({ length: count }, (_, i) => ({ json: { i } })),
	});
	const engineSeconds = Number(process.hrtime.bigint() - started) / 1e9;
	if (result.items.length !== count || result.items.some((item) => !item.json.msgid)) throw new Error('lost or failed items');
	return { seconds, engineSeconds, result };
}

async function raw(emulator: EmulatorProcess, count: number, contentOf: (i: number) => string): Promise<number> {
	const agent = new Agent({ keepAliveTimeout: 30_000, connections: 32 });
	const started = process.hrtime.bigint();
	const tokenAnswer = await request(`${emulator.url}/cgi-bin/gettoken?corpid=${APP.corpId}&corpsecret=${APP.corpSecret}`, { dispatcher: agent });
	const { access_token: token } = (await tokenAnswer.body.json()) as { access_token: string };
	let next = 0;
	const worker = async () => {
		while (next < count) {
			const i = next++;
			const answer = await request(`${emulator.url}/cgi-bin/message/send?access_token=${token}`, {
				method: 'POST',
				dispatcher: agent,
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ touser: 'zhangsan', msgtype: 'text', agentid: APP.agentId, text: { content: contentOf(i) } }),
			});
			const body = (await answer.body.json()) as { errcode: number };
			if (body.errcode !== 0) throw new Error(`raw send failed: ${JSON.stringify(body)}`);
		}
	};
	await Promise.all(Array.from({ length: CONCURRENCY }, worker));
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	await agent.close();
	return seconds;
}

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

async function gettokenCalls(emulator: EmulatorProcess): Promise<number> {
	const state = await emulator.control<{ wecom: { apps: Array<{ gettokenCalls: number }> } }>('GET', 'state');
	return state.wecom.apps.reduce((sum, app) => sum + app.gettokenCalls, 0);
}

async function compare(emulator: EmulatorProcess, label: string, content: string, contentOf: (i: number) => string): Promise<void> {
	const rounds: Array<{ ours: number; engine: number; raw: number }> = [];
	let tokens = 0;
	for (let round = 0; round < 5; round++) {
		await emulator.control('POST', 'reset');
		const mine = await ours(emulator, COUNT, content);
		tokens = await gettokenCalls(emulator);
		await emulator.control('POST', 'reset');
		rounds.push({ ours: COUNT / mine.seconds, engine: COUNT / mine.engineSeconds, raw: COUNT / (await raw(emulator, COUNT, contentOf)) });
	}
	const median = (key: 'ours' | 'engine' | 'raw') => rounds.map((r) => r[key]).sort((a, b) => a - b)[Math.floor(rounds.length / 2)];
	console.log(`${label}: ${COUNT} text items, concurrency ${CONCURRENCY}, median of ${rounds.length}`);
	console.log(`  ours, WeCom Send execute():                   ${median('ours').toFixed(0)} items/s`);
	console.log(`  ours, whole n8n engine run around it:         ${median('engine').toFixed(0)} items/s`);
	console.log(`  raw undici loop, same requests (baseline):    ${median('raw').toFixed(0)} items/s`);
	console.log(`  ratio ours/raw: ${(median('ours') / median('raw')).toFixed(2)} (whole engine run: ${(median('engine') / median('raw')).toFixed(2)})`);
	console.log(`  gettoken calls in a ${COUNT}-item run: ${tokens} (must be 1)`);
}

async function main(): Promise<void> {
	const emulator = await startEmulatorProcess();
	try {
		await ours(emulator, 500, FIXED); // warm-up: JIT, module loading, keep-alive sockets
		await raw(emulator, 500, () => FIXED);
		await compare(emulator, 'Node overhead (fixed content; target ratio >= 0.8)', FIXED, () => FIXED);
		await compare(emulator, "With a per-item expression (n8n's expression engine included)", '={{ "日报 #" + $json.i }}', (i) => `日报 #${i}`);

		const paced: number[] = [];
		const unpaced: number[] = [];
		for (let round = 0; round < 5; round++) {
			await emulator.control('POST', 'reset');
			paced.push(COUNT / (await ours(emulator, COUNT, FIXED)).seconds);
			await emulator.control('POST', 'reset');
			unpaced.push(COUNT / (await ours(emulator, COUNT, FIXED, { paceCallsPerMinute: 0 })).seconds);
		}
		const middle = (list: number[]) => list.sort((a, b) => a - b)[Math.floor(list.length / 2)];
		console.log(`Pacing below the corp quota (${COUNT} items, median of 5; target ratio ~1.0):`);
		console.log(`  paced at the default 9,000 a minute: ${middle(paced).toFixed(0)} items/s; pacing off: ${middle(unpaced).toFixed(0)} items/s; ratio ${(middle(paced) / middle(unpaced)).toFixed(2)}`);

		console.log('Memory as the batch grows (after GC):');
		for (const size of [1_000, 5_000, 10_000]) {
			await emulator.control('POST', 'reset');
			gc();
			const before = process.memoryUsage();
			let peakRss = before.rss;
			const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
			let run: OurRun | undefined = await ours(emulator, size, FIXED, { paceCallsPerMinute: 0 });
			clearInterval(sampler);
			gc();
			const holding = process.memoryUsage().heapUsed;
			const { seconds } = run;
			run = undefined; // drop the output items
			await new Promise((resolve) => setTimeout(resolve, 50)); // let the engine's last promises settle
			gc();
			const after = process.memoryUsage().heapUsed;
			console.log(
				`  ${String(size).padStart(6)} items: ${(size / seconds).toFixed(0)} items/s; output items ${mb(holding - after)}; ` +
					`heap beyond the output ${mb(after - before.heapUsed)}; peak RSS ${mb(peakRss)} (+${mb(peakRss - before.rss)})`,
			);
		}
	} finally {
		await emulator.stop();
	}
}

main().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
