/**
 * Queue mode: WeChat's retries of one message reach different webhook processes, which share the retry store
 * through n8n's Redis (a real redis-server here). resetProcessState() plays a newly started process: its memory
 * is empty and it opens its own connection to the same Redis.
 */
import type { IDataObject } from 'n8n-workflow';
import { WeChatOaTrigger } from '../../../../nodes/WeChatOaTrigger/WeChatOaTrigger.node';
import { resetProcessState } from '../../../../nodes/shared/testSeam';
import { callWebhook } from '../../../helpers/webhook';
import { useQueueMode } from '../../../helpers/queueMode';
import { OA_CREDENTIALS, oaSafe, xml } from './callbacks';

const queue = useQueueMode();
beforeEach(() => resetProcessState());

const text = (msgId: string) =>
	xml({
		ToUserName: 'gh_test',
		FromUserName: 'o_user',
		CreateTime: 1700000000,
		MsgType: 'text',
		Content: 'hi',
		MsgId: msgId,
	});

const deliver = (message: string, workflowId: string, parameters: IDataObject = {}) =>
	callWebhook({
		node: new WeChatOaTrigger(),
		webhookName: 'default',
		...oaSafe(message),
		credentials: { weChatOaApi: OA_CREDENTIALS },
		parameters,
		workflowId,
	});

/** The shared key of a trigger's message, as the retry store writes it. */
const sharedKey = (kind: 'retry' | 'answer', workflowId: string, msgId: string) =>
	`${kind}|${workflowId}\0node-test|id:${msgId}`;

test('a retry reaching another webhook process starts no second run and hears "success"', async () => {
	const first = await deliver(text('8100000000000000001'), 'wf-q1');
	expect(first.result.workflowData?.[0]).toHaveLength(1);
	resetProcessState(); // the retry lands on another process
	const retry = await deliver(text('8100000000000000001'), 'wf-q1');
	expect(retry.result.workflowData).toBeUndefined();
	expect([retry.response.status, retry.response.body]).toEqual([200, 'success']);
	// Another message, or the same one for another trigger, still runs.
	expect((await deliver(text('8100000000000000002'), 'wf-q1')).result.workflowData?.[0]).toHaveLength(1);
	expect((await deliver(text('8100000000000000001'), 'wf-q2')).result.workflowData?.[0]).toHaveLength(1);
});

test("a retry arriving while another process's first delivery is open gets that delivery's answer", async () => {
	const msgId = '8100000000000000003';
	await queue().otherProcess.claim(sharedKey('retry', 'wf-q3', msgId), 'other-process', 60_000);
	const retry = deliver(text(msgId), 'wf-q3', { reply: 'replyNode', options: { replyGuardMs: 3_000 } });
	await new Promise((resolve) => setTimeout(resolve, 200));
	await queue().otherProcess.put(sharedKey('answer', 'wf-q3', msgId), '<xml><Content>reply</Content></xml>', 60_000);
	const answered = await retry;
	expect(answered.result.workflowData).toBeUndefined();
	expect(answered.response.body).toBe('<xml><Content>reply</Content></xml>');
});

test('a retry whose first delivery (elsewhere) never answers hears "success" within the guard time', async () => {
	const msgId = '8100000000000000004';
	await queue().otherProcess.claim(sharedKey('retry', 'wf-q4', msgId), 'other-process', 60_000);
	const started = Date.now();
	const retry = await deliver(text(msgId), 'wf-q4', { reply: 'replyNode', options: { replyGuardMs: 500 } });
	expect([retry.response.status, retry.response.body, retry.result.workflowData]).toEqual([200, 'success', undefined]);
	expect(Date.now() - started).toBeLessThan(1_500);
});

test('a retry waiting on another process while Redis stalls still hears "success" within its guard time', async () => {
	const msgId = '8100000000000000009';
	await queue().otherProcess.claim(sharedKey('retry', 'wf-q9', msgId), 'other-process', 60_000);
	const started = Date.now();
	const retry = deliver(text(msgId), 'wf-q9', { reply: 'replyNode', options: { replyGuardMs: 1_000 } });
	await new Promise((resolve) => setTimeout(resolve, 100)); // its claim lost; it is polling for the answer
	// A Lua script that spins for 2-3 s blocks every other command of the server, as a stalled Redis would.
	const busy = queue()
		.client()
		.eval("local s = tonumber(redis.call('TIME')[1]) while tonumber(redis.call('TIME')[1]) < s + 3 do end return 1", 0);
	const answered = await retry;
	expect(Date.now() - started).toBeLessThan(1_300);
	expect(answered.result.workflowData).toBeUndefined();
	expect([answered.response.status, answered.response.body]).toEqual([200, 'success']);
	await busy;
});
