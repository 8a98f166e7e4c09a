/**
 * Property: for random workflows (items, an optional Loop Over Items of random batch size, one or two executions)
 * with random network faults (a send performed whose answer is lost, replayed by our transport; or a node failing
 * after sends went out, replayed by n8n's Retry On Fail), no two distinct template sends share a client message
 * ID, every replay of one send carries its ID, every notice is delivered exactly once, and every ID fits WeChat's
 * 64 bytes. Each send is told apart by a marker in its body; the seed makes a failure reproducible.
 */
import type { INodeExecutionData } from 'n8n-workflow';
import { useOaFixture, FOLLOWERS, ORDER_TEMPLATE } from '../oaFixture';
import { runNode } from '../../../helpers/harness';
import { resetProcessState } from '../../../../nodes/shared/testSeam';
import { WeChatOaTemplate } from '../../../../nodes/WeChatOaTemplate/WeChatOaTemplate.node';

const fx = useOaFixture();
const CASES = 40;
const SEED = Number(process.env.PROPERTY_SEED ?? 20261206);
const TEMPLATE_SEND = '/cgi-bin/message/template/send';

/** mulberry32: a small seeded generator, so a failing case can be replayed with PROPERTY_SEED. */
function random(seed: number): (below: number) => number {
	let state = seed >>> 0;
	return (below) => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
	};
}

type Fault = 'none' | 'lostAnswer' | 'nodeFails';

interface Case {
	items: number;
	batchSize?: number;
	executions: number;
	concurrency: number;
	fault: Fault;
}

function describeCase(pick: (below: number) => number): Case {
	return {
		items: 1 + pick(6),
		batchSize: pick(3) === 0 ? undefined : 1 + pick(3),
		executions: 1 + pick(2),
		concurrency: 1 + pick(3),
		fault: (['none', 'lostAnswer', 'nodeFails'] as const)[pick(3)],
	};
}

type Body = { client_msg_id: string; touser: string; data: { character_string3: { value: string } } };

test(`${CASES} random workflows: one ID per send, shared by its replays, each notice delivered once`, async () => {
	const pick = random(SEED);
	for (let caseIndex = 0; caseIndex < CASES; caseIndex++) {
		fx.emulator.reset();
		resetProcessState();
		const testCase = describeCase(pick);
		const context = `seed ${SEED}, case ${caseIndex}: ${JSON.stringify(testCase)}`;
		const markers: string[] = [];
		for (let execution = 0; execution < testCase.executions; execution++) {
			// Few followers, so notices to one follower in one execution are common (the case WeChat de-duplicates).
			const items: INodeExecutionData[] = Array.from({ length: testCase.items }, (_, item) => {
				const marker = `C${caseIndex}E${execution}I${item}`;
				markers.push(marker);
				return { json: { openid: FOLLOWERS[pick(2)], marker } };
			});
			const after = pick(testCase.items);
			if (testCase.fault === 'lostAnswer')
				fx.emulator.faults.add({ kind: 'resetAfterApply', path: TEMPLATE_SEND, after });
			// Every try of one send loses its answer: the node fails after it went out, and n8n runs the node again.
			if (testCase.fault === 'nodeFails')
				fx.emulator.faults.add({ kind: 'resetAfterApply', path: TEMPLATE_SEND, after, times: 4 });
			const result = await runNode({
				node: new WeChatOaTemplate(),
				parameters: {
					resource: 'templateMessage',
					operation: 'send',
					templateId: ORDER_TEMPLATE,
					toUser: '={{ $json.openid }}',
					data: {
						keyword: [
							{ keyword: 'thing1', value: '订单' },
							{ keyword: 'time2', value: '2026年11月23日 08:05' },
							{ keyword: 'character_string3', value: '={{ $json.marker }}' },
						],
					},
					options: { concurrency: testCase.concurrency },
				},
				credentials: { weChatOaApi: fx.credentials() },
				items,
				...(testCase.batchSize !== undefined && { loop: { batchSize: testCase.batchSize } }),
				...(testCase.fault === 'nodeFails' && { retryOnFail: { maxTries: 2 } }),
			});
			expect({ context, runs: result.runs.length, items: result.items.length }).toEqual({
				context,
				runs: testCase.batchSize === undefined ? 1 : Math.ceil(testCase.items / testCase.batchSize),
				items: testCase.items,
			});
		}

		const bodies = fx.bodies(TEMPLATE_SEND) as Body[];
		const idsOf = new Map<string, Set<string>>();
		for (const body of bodies) {
			const marker = body.data.character_string3.value;
			idsOf.set(marker, (idsOf.get(marker) ?? new Set()).add(body.client_msg_id));
		}
		const delivered = fx.emulator.state.oa.templateMessages
			.filter((message) => !message.deduplicated)
			.map((message) => (message.body as Body).data.character_string3.value)
			.sort();
		const ids = bodies.map((body) => body.client_msg_id);
		expect({
			context,
			idsPerSend: markers.map((marker) => idsOf.get(marker)?.size),
			distinctIds: new Set([...idsOf.values()].flatMap((set) => [...set])).size,
			delivered,
			tooLong: ids.filter((id) => Buffer.byteLength(id) > 64),
		}).toEqual({
			context,
			idsPerSend: markers.map(() => 1),
			distinctIds: markers.length,
			delivered: [...markers].sort(),
			tooLong: [],
		});
	}
});
