/**
 * Queue mode: the reply node runs on a worker, the callback's HTTP answer waits in a webhook process. Both settle
 * the reply slot once in n8n's Redis (a real redis-server): exactly one of the worker's passive reply or the
 * guard's "success" reaches WeChat, and the node's output says which. The other process is played by its own
 * Redis connection writing the keys the slot code writes.
 */
import { randomUUID } from 'node:crypto';
import type { INodeExecutionData } from 'n8n-workflow';
import { WeChatOaTrigger } from '../../../../nodes/WeChatOaTrigger/WeChatOaTrigger.node';
import { WeChatOaReply } from '../../../../nodes/WeChatOaReply/WeChatOaReply.node';
import { resetProcessState } from '../../../../nodes/shared/testSeam';
import { callWebhook } from '../../../helpers/webhook';
import { useQueueMode } from '../../../helpers/queueMode';
import { OA_CREDENTIALS, oaSafe, xml } from './callbacks';
import { replyWith } from './replyRun';

const queue = useQueueMode();
beforeEach(() => resetProcessState());

let counter = 0;
const message = () =>
	xml({
		ToUserName: 'gh_test',
		FromUserName: 'o_user',
		CreateTime: 1700000000,
		MsgType: 'text',
		Content: 'hello',
		MsgId: String(BigInt('8254768590064713728') + BigInt(++counter)),
	});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function receive(guardMs: number) {
	return await callWebhook({
		node: new WeChatOaTrigger(),
		webhookName: 'default',
		...oaSafe(message()),
		credentials: { weChatOaApi: OA_CREDENTIALS },
		parameters: { reply: 'replyNode', options: { replyGuardMs: guardMs } },
		workflowId: `wf-${randomUUID()}`,
	});
}

const reply = (input: INodeExecutionData[], content: string, whenLate = 'skip') =>
	replyWith(new WeChatOaReply(), { weChatOaApi: OA_CREDENTIALS }, input, {
		resource: 'passiveReply',
		operation: 'text',
		content,
		options: { whenLate },
	});

/** What the trigger's item carries to the worker, for a slot a webhook process opened and shared. */
async function sharedSlotItem(): Promise<{ item: INodeExecutionData; replyId: string }> {
	const first = await receive(4_000);
	const [item] = first.result.workflowData?.[0] ?? [];
	const callback = item.json.callback as { replyId: string };
	// The worker is another process: the slot is not in its memory, only in Redis.
	const replyId = randomUUID();
	await queue().otherProcess.put(`reply-open|${replyId}`, '1', 60_000);
	return { item: { json: { ...item.json, callback: { ...callback, replyId } } }, replyId };
}

test("a worker's reply settles the shared slot: the output says passive, and the webhook process's guard loses", async () => {
	const { item, replyId } = await sharedSlotItem();
	const { sent, result } = await reply([item], 'from a worker');
	expect(result.items[0].json).toMatchObject({ replied: 'passive', msgType: 'text' });
	expect(sent).toHaveLength(1);
	const guard = await queue().otherProcess.claim(`reply|${replyId}`, 'guarded', 60_000);
	expect(guard.won).toBe(false);
	const body = await queue().otherProcess.get(`reply-body|${replyId}|${guard.won ? '' : guard.holder}`);
	expect(body).toBe(sent[0].body);
});

test('the guard settled the shared slot first: the worker sends nothing passively and says why', async () => {
	const { item, replyId } = await sharedSlotItem();
	await queue().otherProcess.claim(`reply|${replyId}`, 'guarded', 60_000);
	const { sent, result } = await reply([item], 'too late');
	expect(sent).toHaveLength(0);
	expect(result.items[0].json).toMatchObject({ replied: 'skipped', reason: expect.stringMatching(/guard/) });
});

test("the webhook process's guard answers WeChat with the worker's reply when n8n's relay did not bring it", async () => {
	const first = await receive(2_000); // at least 1 s left: WeChat's timestamp counts whole seconds
	const [item] = first.result.workflowData?.[0] ?? [];
	const { replyId } = item.json.callback as { replyId: string };
	// A worker stored its reply and claimed the slot; n8n never relays the reply to this process.
	const body = '<xml><Encrypt><![CDATA[from-the-worker]]></Encrypt></xml>';
	await queue().otherProcess.put(`reply-body|${replyId}|replied:w1`, body, 60_000);
	expect(await queue().otherProcess.claim(`reply|${replyId}`, 'replied:w1', 60_000)).toEqual({ won: true });
	expect(first.response.body).toBeUndefined();
	await sleep(2_200);
	expect([first.response.status, first.response.body]).toEqual([200, body]);
	expect(first.response.headers['content-type']).toMatch(/xml/);
});

test("n8n's end-of-run answer overtaking its relay of the worker's reply: WeChat still gets the worker's reply", async () => {
	const first = await receive(4_000);
	const [item] = first.result.workflowData?.[0] ?? [];
	const { replyId } = item.json.callback as { replyId: string };
	const body = '<xml><Encrypt><![CDATA[from-the-worker]]></Encrypt></xml>';
	await queue().otherProcess.put(`reply-body|${replyId}|replied:w2`, body, 60_000);
	expect(await queue().otherProcess.claim(`reply|${replyId}`, 'replied:w2', 60_000)).toEqual({ won: true });
	// The worker's job finished: n8n writes its empty end-of-run answer before the relayed reply arrives.
	(first.response.raw as { end: (chunk: string) => unknown }).end('');
	const started = Date.now();
	while (first.response.body === undefined && Date.now() - started < 1_000) await sleep(10);
	expect([first.response.status, first.response.body]).toEqual([200, body]);
});

test('with nobody claiming, the guard wins the shared slot and answers success', async () => {
	const first = await receive(500);
	const { replyId } = (first.result.workflowData?.[0]?.[0].json.callback ?? {}) as { replyId: string };
	await sleep(700);
	expect([first.response.status, first.response.body]).toEqual([200, 'success']);
	expect(await queue().otherProcess.claim(`reply|${replyId}`, 'replied:late', 60_000)).toEqual({
		won: false,
		holder: 'guarded',
	});
});

test('a hung Redis does not hold the guard past WeChat\'s 5 s: "success" within its budget, the worker then loses', async () => {
	const first = await receive(2_000); // fires 1-2 s from now: WeChat's timestamp counts whole seconds
	const { replyId, replyBy } = (first.result.workflowData?.[0]?.[0].json.callback ?? {}) as {
		replyId: string;
		replyBy: number;
	};
	// A Lua script that spins for 2-3 s blocks every other command of the server, as a stalled Redis would, across
	// the guard's deadline.
	const busy = queue()
		.client()
		.eval("local s = tonumber(redis.call('TIME')[1]) while tonumber(redis.call('TIME')[1]) < s + 3 do end return 1", 0);
	while (first.response.body === undefined && Date.now() < replyBy + 2_000) await sleep(10);
	const answeredAt = Date.now();
	expect([first.response.status, first.response.body]).toEqual([200, 'success']);
	// Its Redis step may take 300 ms; WeChat gives up 500 ms after the guard's latest deadline.
	expect(answeredAt - replyBy).toBeLessThan(450);
	await busy;
	// The guard's claim was sent before the stall ended and lands after it: a worker coming later loses.
	expect(await queue().otherProcess.claim(`reply|${replyId}`, 'replied:late', 60_000)).toEqual({
		won: false,
		holder: 'guarded',
	});
});
