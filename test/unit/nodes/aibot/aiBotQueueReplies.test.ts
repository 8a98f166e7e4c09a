/**
 * Queue mode, on a real redis-server: a welcome or card update built by the reply node on a worker, for an event
 * whose HTTP answer waits in a webhook process. Both settle the AI bot's reply slot once in Redis: the worker's
 * sealed reply, or the guard's empty answer, never both; the node says which. The other process is played by its
 * own Redis connection and by resetProcessState() (a worker's memory holds none of the webhook process's slots).
 */
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { decrypt } from '@wecom/crypto';
import { aiBotCallback } from '../../../emulator';
import { callWebhook } from '../../../helpers/webhook';
import { useQueueMode } from '../../../helpers/queueMode';
import { replyWith } from '../triggers/replyRun';
import { WeComAiBotTrigger } from '../../../../nodes/WeComAiBotTrigger/WeComAiBotTrigger.node';
import { WeComAiBotReply } from '../../../../nodes/WeComAiBotReply/WeComAiBotReply.node';
import { resetProcessState } from '../../../../nodes/shared/testSeam';

const BOT = {
	botId: 'aib_queue_bot',
	token: 'aibot-queue-token',
	encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
	proxyUrl: '',
};
const queue = useQueueMode();
beforeEach(() => resetProcessState());
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const CARD = { card_type: 'button_interaction', main_title: { title: 'Chosen: A' }, task_id: 't1' };
let counter = 0;

/** A card click received by "the webhook process", its answer left to a reply node; `ageS` seconds old. */
async function click(ageS = 0) {
	const request = aiBotCallback(
		BOT,
		{
			msgid: `queue-click-${++counter}`,
			aibotid: BOT.botId,
			chattype: 'single',
			from: { userid: 'lisi' },
			msgtype: 'event',
			event: { eventtype: 'template_card_event', template_card_event: { event_key: 'a', task_id: 't1' } },
		},
		{ timestamp: Math.floor(Date.now() / 1000) - ageS },
	);
	const received = await callWebhook({
		node: new WeComAiBotTrigger(),
		webhookName: 'default',
		query: request.query,
		rawBody: request.body,
		credentials: { weComAiBotApi: BOT as never },
		parameters: { reply: 'replyNode' },
		workflowId: 'aibot-queue-wf',
	});
	return { received, item: received.result.workflowData![0][0] };
}

const updateCard = (item: INodeExecutionData) =>
	replyWith(new WeComAiBotReply(), { weComAiBotApi: BOT }, [item], {
		resource: 'message',
		operation: 'updateCard',
		templateCard: JSON.stringify(CARD),
	});

const opened = (body: string | undefined) =>
	JSON.parse(
		decrypt(BOT.encodingAesKey, (JSON.parse(body ?? '') as { encrypt: string }).encrypt).message,
	) as IDataObject;

test("a worker's card update settles the shared slot; the webhook process's guard then loses and reads it", async () => {
	const { item } = await click();
	// The slot as the worker sees it: opened by the webhook process, known here only through Redis.
	const replyId = `slot-elsewhere-${++counter}`;
	await queue().otherProcess.put(`reply-open|${replyId}`, '1', 60_000);
	const callback = { ...(item.json.callback as IDataObject), replyId };
	const { sent, result } = await updateCard({ json: { ...item.json, callback } });
	expect(result.items[0].json).toMatchObject({ replied: 'passive', cardType: 'button_interaction' });
	expect(opened(String(sent[0].body))).toEqual({ response_type: 'update_template_card', template_card: CARD });
	const guard = await queue().otherProcess.claim(`reply|${replyId}`, 'guarded', 60_000);
	expect(guard.won).toBe(false);
	const stored = await queue().otherProcess.get(`reply-body|${replyId}|${guard.won ? '' : guard.holder}`);
	expect(stored).toBe(sent[0].body);
});

test("the guard answers WeCom with the worker's reply when n8n's relay does not come", async () => {
	// Sent 3 s ago: the guard fires in about a second.
	const { received, item } = await click(3);
	const slot = (item.json.callback as IDataObject).replyId as string;
	const body = '{"encrypt":"from-the-worker","msgsignature":"x","timestamp":1,"nonce":"n"}';
	await queue().otherProcess.put(`reply-body|${slot}|replied:w1`, body, 60_000);
	await queue().otherProcess.claim(`reply|${slot}`, 'replied:w1', 60_000);
	await sleep(1_600);
	expect(received.response.status).toBe(200);
	expect(received.response.body).toBe(body);
	expect(received.response.headers['content-type']).toMatch(/application\/json/);
});

test("n8n's relay of the worker's reply reaches WeCom and settles the slot; the guard then stays quiet", async () => {
	const { received, item } = await click(3);
	const slot = (item.json.callback as IDataObject).replyId as string;
	// What the worker stores and claims, through another connection.
	const body = '{"encrypt":"relayed","msgsignature":"x","timestamp":1,"nonce":"n"}';
	await queue().otherProcess.put(`reply-body|${slot}|replied:w1`, body, 60_000);
	await queue().otherProcess.claim(`reply|${slot}`, 'replied:w1', 60_000);
	(received.response.raw as { end(body: string): unknown }).end(body);
	expect(received.response.body).toBe(body);
	await sleep(1_600);
	expect(received.response.lateWrites).toBe(0);
});

test('the guard settled the shared slot first: the worker sends nothing and says it was too late', async () => {
	const { received, item } = await click(4);
	await sleep(1_200);
	expect(received.response.body).toBe('');
	resetProcessState();
	await expect(updateCard(item)).rejects.toThrow(/the card update not sent: WeCom's time for it ran out/);
});
