/**
 * Client message IDs in n8n's engine: a node run again in one execution (Loop Over Items) sends every item anew,
 * while every replay of one send (our transport's, the node's Retry On Fail, n8n's Retry of a failed execution)
 * carries the same ID, so WeChat delivers it once. Then the same as a property of random workflows.
 */
import type { INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { useOaFixture, FOLLOWERS, ORDER_TEMPLATE } from '../oaFixture';
import { runNode, runNodeThenRetry, type RunNodeOptions } from '../../../helpers/harness';
import { resetProcessState } from '../../../../nodes/shared/testSeam';
import { WeChatOaTemplate } from '../../../../nodes/WeChatOaTemplate/WeChatOaTemplate.node';
import { WeChatOaMassSend } from '../../../../nodes/WeChatOaMassSend/WeChatOaMassSend.node';

const fx = useOaFixture();
const TEMPLATE_SEND = '/cgi-bin/message/template/send';
const MASS_SEND = '/cgi-bin/message/mass/send';

/** Two orders of one buyer and one of another: the case where a repeated ID silently loses a notice. */
const ORDERS: INodeExecutionData[] = [
	{ json: { openid: FOLLOWERS[0], product: '运动鞋', tracking: 'SF0001' } },
	{ json: { openid: FOLLOWERS[0], product: '雨伞', tracking: 'SF0002' } },
	{ json: { openid: FOLLOWERS[1], product: '水杯', tracking: 'SF0003' } },
];
const orderNotice: INodeParameters = {
	resource: 'templateMessage',
	operation: 'send',
	templateId: ORDER_TEMPLATE,
	toUser: '={{ $json.openid }}',
	data: {
		keyword: [
			{ keyword: 'thing1', value: '={{ $json.product }}' },
			{ keyword: 'time2', value: '2026年11月23日 08:05' },
			{ keyword: 'character_string3', value: '={{ $json.tracking }}' },
		],
	},
	options: { concurrency: 1 },
};

const template = (options: Partial<RunNodeOptions> = {}): RunNodeOptions => ({
	node: new WeChatOaTemplate(),
	parameters: orderNotice,
	credentials: { weChatOaApi: fx.credentials() },
	items: ORDERS,
	...options,
});

type Body = Record<string, unknown>;
const templateSends = () => fx.bodies(TEMPLATE_SEND) as Body[];
const tracking = (body: Body) => (body.data as Record<string, { value: string }>).character_string3.value;

/** What the followers got: one entry per delivered template message (WeChat's de-duplicated replays excluded). */
function delivered(): Array<[string, string]> {
	return fx.emulator.state.oa.templateMessages
		.filter((message) => !message.deduplicated)
		.map((message) => [message.touser, tracking(message.body as Body)]);
}

const everyOrderOnce = ORDERS.map((order) => [order.json.openid, order.json.tracking]);

/** Each send's ID: the same for all requests of one order (replays), different between orders. */
function idsByOrder(): Map<string, Set<string>> {
	const ids = new Map<string, Set<string>>();
	for (const body of templateSends()) {
		const set = ids.get(tracking(body)) ?? new Set<string>();
		set.add(String(body.client_msg_id));
		ids.set(tracking(body), set);
	}
	return ids;
}

function expectOneIdPerOrder(): void {
	const ids = idsByOrder();
	expect([...ids.values()].map((set) => set.size)).toEqual(ORDERS.map(() => 1));
	expect(new Set([...ids.values()].flatMap((set) => [...set])).size).toBe(ORDERS.length);
}

/** Two jobs to two audiences, one per pass of a Loop Over Items (batch size 1). */
function massLoop(): ReturnType<typeof runNode> {
	return runNode({
		node: new WeChatOaMassSend(),
		parameters: {
			resource: 'mass',
			operation: 'send',
			openIds: '={{ $json.openids }}',
			msgType: 'text',
			content: '={{ $json.text }}',
		},
		credentials: { weChatOaApi: fx.credentials() },
		items: [
			{ json: { openids: FOLLOWERS.slice(0, 2), text: '第一批' } },
			{ json: { openids: FOLLOWERS.slice(2, 4), text: '第二批' } },
		],
		loop: { batchSize: 1 },
	});
}

/** WeChat answers 45066 to a clientmsgid repeated within a minute: move the emulator's clock past it. */
function skipMinuteOn45066(): () => void {
	const timer = setInterval(() => {
		const tooFast = fx.entries(MASS_SEND).some((entry) => (entry.response as { errcode?: number }).errcode === 45066);
		if (!tooFast) return;
		fx.emulator.advanceTime(61);
		clearInterval(timer);
	}, 10);
	return () => clearInterval(timer);
}

describe('Loop Over Items (batch size 1): the node runs once per item in one execution', () => {
	test('template: two notices to one follower and one to another are each delivered once', async () => {
		const result = await runNode(template({ loop: { batchSize: 1 } }));
		expect(result.runs).toHaveLength(3);
		expect(delivered()).toEqual(everyOrderOnce);
		expectOneIdPerOrder();
		const msgids = result.items.map((item) => item.json.msgid);
		expect(new Set(msgids).size).toBe(3);
		expect(result.items.map((item) => item.json.client_msg_id)).toEqual(
			templateSends().map((body) => body.client_msg_id),
		);
	});

	test('mass send: each iteration submits its own job to its own audience', async () => {
		// Were the second job's ID the first one's, WeChat would answer 45066 and, after a minute, 45065.
		const stop = skipMinuteOn45066();
		const result = await massLoop().finally(stop);
		const attempts = fx.entries(MASS_SEND);
		expect(attempts.map((entry) => (entry.response as { errcode?: number }).errcode ?? 0)).toEqual([0, 0]);
		expect(new Set(attempts.map((entry) => (entry.json as Body).clientmsgid)).size).toBe(2);
		const jobs = fx.emulator.state.oa.massJobs;
		expect(jobs.map((job) => [job.recipients, (job.body as { text: { content: string } }).text.content])).toEqual([
			[FOLLOWERS.slice(0, 2), '第一批'],
			[FOLLOWERS.slice(2, 4), '第二批'],
		]);
		expect(result.items.map((item) => [item.json.msg_id, item.json.alreadySubmitted])).toEqual(
			jobs.map((job) => [String(job.msgId), false]),
		);
	});

	test('template: a send of the second run replayed after a network fault is delivered once', async () => {
		// The second send is performed, then the connection drops: our transport sends it again.
		fx.emulator.faults.add({ kind: 'resetAfterApply', path: TEMPLATE_SEND, after: 1 });
		const result = await runNode(template({ loop: { batchSize: 1 } }));
		expect(templateSends()).toHaveLength(4);
		expect(delivered()).toEqual(everyOrderOnce);
		expectOneIdPerOrder();
		expect(result.items).toHaveLength(3);
	});

	test('mass send: a job of the second run replayed after a network fault is submitted once', async () => {
		fx.emulator.faults.add({ kind: 'resetAfterApply', path: MASS_SEND, after: 1 });
		const stop = skipMinuteOn45066();
		const result = await massLoop().finally(stop);
		const attempts = fx
			.entries(MASS_SEND)
			.map((entry) => [(entry.json as Body).clientmsgid, (entry.response as { errcode?: number }).errcode ?? 0]);
		// The first job; the second, its quick replay (45066, retried too fast), then after the minute 45065 (exists).
		expect(attempts.map(([, errcode]) => errcode)).toEqual([0, 0, 45066, 45065]);
		expect(new Set(attempts.slice(1).map(([id]) => id)).size).toBe(1);
		expect(attempts[0][0]).not.toBe(attempts[1][0]);
		const jobs = fx.emulator.state.oa.massJobs;
		expect(jobs).toHaveLength(2);
		expect(result.items.map((item) => [item.json.msg_id, item.json.alreadySubmitted])).toEqual([
			[String(jobs[0].msgId), false],
			[String(jobs[1].msgId), true],
		]);
	});
});

describe('replays of one send keep its ID', () => {
	test("the node's Retry On Fail runs it again in the same run: the sends that went out are not repeated", async () => {
		// The second notice is performed, then every attempt of it loses its answer: the node fails, n8n runs it again.
		fx.emulator.faults.add({ kind: 'resetAfterApply', path: TEMPLATE_SEND, after: 1, times: 4 });
		const result = await runNode(template({ retryOnFail: { maxTries: 2 } }));
		expect(result.items).toHaveLength(3);
		expect(delivered()).toEqual(everyOrderOnce);
		expectOneIdPerOrder();
	});

	test("n8n's Retry of a failed execution does not repeat the sends that went out before the failure", async () => {
		// The second notice never arrives (every attempt is cut off before WeChat performs it): the execution fails
		// after the first notice went out. The retry is a new execution that runs the node again on the same items.
		fx.emulator.faults.add({ kind: 'reset', path: TEMPLATE_SEND, after: 1, times: 4 });
		const { firstError, retry } = await runNodeThenRetry(template());
		expect(firstError.message).toMatch(/connection|socket|reset/i);
		expect(delivered()).toEqual(everyOrderOnce);
		expectOneIdPerOrder();
		expect(retry.items.map((item) => item.json.msgid)).toEqual(
			fx.emulator.state.oa.templateMessages
				.filter((message) => !message.deduplicated)
				.map((message) => String(message.msgid)),
		);
	});

	test('a new execution is a new send, and an ID the user gives still wins', async () => {
		await runNode(template({ items: ORDERS.slice(0, 1) }));
		await runNode(template({ items: ORDERS.slice(0, 1) }));
		expect(delivered()).toEqual([everyOrderOnce[0], everyOrderOnce[0]]);
		const ids = templateSends().map((body) => body.client_msg_id);
		expect(ids[0]).not.toBe(ids[1]);

		await runNode(
			template({
				parameters: { ...orderNotice, options: { clientMsgId: '={{ "order-" + $json.tracking }}' } },
				loop: { batchSize: 1 },
			}),
		);
		expect(
			templateSends()
				.slice(2)
				.map((body) => body.client_msg_id),
		).toEqual(['order-SF0001', 'order-SF0002', 'order-SF0003']);
	});
});

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

describe('property: random workflows of loops, items and faults', () => {
	const CASES = 40;
	const SEED = Number(process.env.PROPERTY_SEED ?? 20261206);

	/**
	 * Items (1-6, to two followers, so notices to one follower in one execution are common), an optional Loop Over
	 * Items of batch size 1-3, one or two executions, concurrency 1-3, and a fault: none; a send performed whose
	 * answer is lost (our transport replays it); every answer to one send lost, so the node fails after it went
	 * out and n8n's Retry On Fail runs the node again; or one send never arriving, so the execution fails and
	 * n8n's Retry of it runs the node again on the same items (sequentially, so the failing send is known).
	 * Each send is told apart by a marker in its body.
	 */
	test(`${CASES} cases: no two sends share an ID, every replay carries its send's, each notice is delivered once`, async () => {
		const pick = random(SEED);
		for (let caseIndex = 0; caseIndex < CASES; caseIndex++) {
			fx.emulator.reset();
			resetProcessState();
			const setup = {
				items: 1 + pick(6),
				batchSize: pick(3) === 0 ? undefined : 1 + pick(3),
				executions: 1 + pick(2),
				concurrency: 1 + pick(3),
				fault: (['none', 'lostAnswer', 'nodeFails', 'executionRetried'] as const)[pick(4)],
			};
			if (setup.fault === 'executionRetried') setup.concurrency = 1;
			const context = `seed ${SEED}, case ${caseIndex}: ${JSON.stringify(setup)}`;
			const markers: string[] = [];
			for (let execution = 0; execution < setup.executions; execution++) {
				const items = Array.from({ length: setup.items }, (_, item) => {
					const marker = `C${caseIndex}E${execution}I${item}`;
					markers.push(marker);
					return { json: { openid: FOLLOWERS[pick(2)], product: '订单', tracking: marker } };
				});
				const after = pick(setup.items);
				if (setup.fault === 'lostAnswer')
					fx.emulator.faults.add({ kind: 'resetAfterApply', path: TEMPLATE_SEND, after });
				if (setup.fault === 'nodeFails')
					fx.emulator.faults.add({ kind: 'resetAfterApply', path: TEMPLATE_SEND, after, times: 4 });
				if (setup.fault === 'executionRetried')
					fx.emulator.faults.add({ kind: 'reset', path: TEMPLATE_SEND, after, times: 4 });
				const run = template({
					parameters: { ...orderNotice, options: { concurrency: setup.concurrency } },
					items,
					...(setup.batchSize !== undefined && { loop: { batchSize: setup.batchSize } }),
					...(setup.fault === 'nodeFails' && { retryOnFail: { maxTries: 2 } }),
				});
				const result = setup.fault === 'executionRetried' ? (await runNodeThenRetry(run)).retry : await runNode(run);
				expect({ context, runs: result.runs.length, items: result.items.length }).toEqual({
					context,
					runs: setup.batchSize === undefined ? 1 : Math.ceil(setup.items / setup.batchSize),
					items: setup.items,
				});
			}

			const ids = idsByOrder();
			const sentIds = templateSends().map((body) => String(body.client_msg_id));
			expect({
				context,
				idsPerSend: markers.map((marker) => ids.get(marker)?.size),
				distinctIds: new Set(sentIds).size,
				delivered: delivered()
					.map(([, marker]) => marker)
					.sort(),
				tooLong: sentIds.filter((id) => Buffer.byteLength(id) > 64),
			}).toEqual({
				context,
				idsPerSend: markers.map(() => 1),
				distinctIds: markers.length,
				delivered: [...markers].sort(),
				tooLong: [],
			});
		}
	});
});
