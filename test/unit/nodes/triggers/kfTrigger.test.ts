/**
 * WeCom Customer Service Trigger: each kf_msg_or_event is answered at once, the account's new messages are read
 * with sync_msg from a cursor kept in static data, and every message runs exactly once: across events, WeCom's
 * retries, two events at the same time (each with its own copy of static data, as n8n gives them), a restart,
 * a failed pull and pages of 1000; in queue mode also across webhook processes (a real redis-server).
 */
import { Redis } from 'ioredis';
import type { IDataObject, INodeExecutionData } from 'n8n-workflow';
import { RedisState } from '../../../../nodes/shared/state/redisState';
import { startRedis, type RedisServer } from '../../../helpers/redisServer';
import { callWebhook } from '../../../helpers/webhook';
import { useEmulator } from '../useEmulator';
import { resetProcessState } from '../../../../nodes/shared/testSeam';
import { WeComKfTrigger } from '../../../../nodes/WeComKfTrigger/WeComKfTrigger.node';
import { WECOM_CREDENTIALS, wecom, xml, type Request } from './callbacks';
import { pngBytes } from '../wecomFixture';

const SECRET = 'kf-trigger-corp-secret-0001';
const KFID = 'wkKfTriggerAccount01';
const emulator = useEmulator({
	wecomApps: [{ corpId: WECOM_CREDENTIALS.corpId, corpSecret: SECRET, agentId: 1000002 }],
});

const credentials = () => ({ ...WECOM_CREDENTIALS, corpSecret: SECRET, baseUrl: emulator().url });
const kf = () => emulator().wecomKf;
const corpId = WECOM_CREDENTIALS.corpId;

beforeEach(() => {
	kf().addAccount(corpId, { name: 'Support', open_kfid: KFID, servicers: ['zhangsan'] });
});

/** The callback WeCom pushes after a change in the account's stream (path/94670). */
function eventFor(token: string, createTime = emulator().state.now / 1000): Request {
	return wecom(
		xml({
			ToUserName: corpId,
			CreateTime: Math.floor(createTime),
			MsgType: 'event',
			Event: 'kf_msg_or_event',
			Token: token,
			OpenKfId: KFID,
		}),
	);
}

function says(text: string, customer = 'wmCustomer1'): string {
	return kf().customerMessage(corpId, KFID, customer, 'text', { content: text });
}

interface Bags {
	staticData: Record<string, IDataObject>;
}

const newBags = (): Bags => ({ staticData: {} });

async function deliver(request: Request, bags: Bags, parameters: IDataObject = {}) {
	return await callWebhook({
		node: new WeComKfTrigger(),
		webhookName: 'default',
		...request,
		credentials: { weComApi: credentials() },
		parameters: { emit: ['customer'], options: {}, ...parameters },
		workflowId: 'wf-kf',
		staticData: bags.staticData,
	});
}

function items(result: Awaited<ReturnType<typeof deliver>>): INodeExecutionData[] {
	return result.result.workflowData?.[0] ?? [];
}

const contents = (list: INodeExecutionData[]) => list.map((item) => (item.json.text as { content: string }).content);
const syncBodies = () =>
	emulator()
		.log.entries({ path: '/cgi-bin/kf/sync_msg' })
		.map((entry) => entry.json as IDataObject);

describe('WeCom Customer Service Trigger', () => {
	test('answers success at once and starts one item per customer message, with its fields', async () => {
		const token = says('你好, where is my order?');
		const bags = newBags();
		const result = await deliver(eventFor(token), bags);
		expect(result.response.status).toBe(200);
		expect(result.response.body).toBe('success');
		const [item] = items(result);
		expect(items(result)).toHaveLength(1);
		expect(item.json).toMatchObject({
			open_kfid: KFID,
			external_userid: 'wmCustomer1',
			origin: 3,
			msgtype: 'text',
			text: { content: '你好, where is my order?' },
		});
		expect(typeof item.json.msgid).toBe('string');
		expect(typeof item.json.send_time).toBe('number');
		expect(syncBodies()).toEqual([{ token, limit: 1000, open_kfid: KFID }]);
		expect(Object.keys(bags.staticData.node.kfCursors as IDataObject)).toEqual([KFID]);
	});

	test('a second event emits only the new message, reading from the saved cursor', async () => {
		const bags = newBags();
		await deliver(eventFor(says('first')), bags);
		const cursor = (bags.staticData.node.kfCursors as Record<string, { cursor: string }>)[KFID].cursor;
		const second = await deliver(eventFor(says('second')), bags);
		expect(contents(items(second))).toEqual(['second']);
		expect(syncBodies()[1]).toMatchObject({ cursor });
	});

	test('the cursor survives a restart: only messages after it run', async () => {
		const bags = newBags();
		await deliver(eventFor(says('before restart')), bags);
		resetProcessState();
		const after = await deliver(eventFor(says('after restart')), bags);
		expect(contents(items(after))).toEqual(['after restart']);
	});

	test("WeCom's retry of the same event starts nothing and reads nothing again", async () => {
		const bags = newBags();
		const event = eventFor(says('once'));
		const first = await deliver(event, bags);
		const retry = await deliver(event, bags);
		expect(contents(items(first))).toEqual(['once']);
		expect(retry.response.body).toBe('success');
		expect(retry.result.workflowData).toBeUndefined();
		expect(syncBodies()).toHaveLength(1);
	});

	test('two events at the same time, each with its own copy of static data, emit every message once', async () => {
		const saved = newBags();
		await deliver(eventFor(says('warm-up')), saved);
		const first = says('one');
		const second = says('two');
		const copy = (): Bags => ({
			staticData: JSON.parse(JSON.stringify(saved.staticData)) as Record<string, IDataObject>,
		});
		const [a, b] = await Promise.all([deliver(eventFor(first), copy()), deliver(eventFor(second), copy())]);
		expect([...contents(items(a)), ...contents(items(b))].sort()).toEqual(['one', 'two']);
		// The pulls ran one after the other: the second read from where the first ended.
		const [, pullA, pullB] = syncBodies();
		expect(pullB.cursor).not.toEqual(pullA.cursor);
	});

	test('after a restart, a cursor that a concurrent save put back does not repeat messages (msgid guard)', async () => {
		const bags = newBags();
		await deliver(eventFor(says('a')), bags);
		const stale = JSON.parse(JSON.stringify(bags.staticData)) as Record<string, IDataObject>;
		await deliver(eventFor(says('b')), bags);
		// Keep the old cursor but the newer msgids, as when an older request's save lands last.
		const entry = (stale.node.kfCursors as Record<string, { recent: string[] }>)[KFID];
		entry.recent = (bags.staticData.node.kfCursors as Record<string, { recent: string[] }>)[KFID].recent;
		resetProcessState();
		const after = await deliver(eventFor(says('c')), { staticData: stale });
		expect(contents(items(after))).toEqual(['c']);
	});

	test('a failed pull starts nothing and keeps the cursor; the next event brings the messages', async () => {
		const bags = newBags();
		await deliver(eventFor(says('seen')), bags);
		const before = JSON.stringify(bags.staticData.node);
		emulator().faults.add({ kind: 'errcode', errcode: 95007, path: '/cgi-bin/kf/sync_msg' });
		const failed = await deliver(eventFor(says('lost?')), bags);
		expect(failed.response.body).toBe('success');
		expect(failed.result.workflowData).toBeUndefined();
		expect(JSON.stringify(bags.staticData.node)).toBe(before);
		expect(failed.warnings.join('\n')).toMatch(/95007/);
		const next = await deliver(eventFor(says('then')), bags);
		expect(contents(items(next))).toEqual(['lost?', 'then']);
	});

	test('reads every page of 1000 (has_more) and emits 1500 messages in order', async () => {
		let token = '';
		for (let index = 0; index < 1500; index++) token = says(`m${index}`, `wm${index % 7}`);
		const result = await deliver(eventFor(token), newBags());
		expect(contents(items(result))).toEqual(Array.from({ length: 1500 }, (_, index) => `m${index}`));
		expect(syncBodies().map((body) => body.limit)).toEqual([1000, 1000]);
	});

	test('the first pull skips messages older than 10 minutes unless Emit Backlog is on', async () => {
		says('old');
		emulator().advanceTime(3600);
		const token = says('new');
		expect(contents(items(await deliver(eventFor(token), newBags())))).toEqual(['new']);
		resetProcessState();
		const backlog = await deliver(eventFor(token), newBags(), { options: { emitBacklog: true } });
		expect(contents(items(backlog))).toEqual(['old', 'new']);
	});

	test('media are downloaded to binary when asked', async () => {
		const image = pngBytes(300);
		// Through the control API, as the e2e suite does: the image is stored as media the way WeCom keeps it.
		const response = await fetch(`${emulator().url}/__emulator/wecom/kf/customer_message`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ corpId, open_kfid: KFID, external_userid: 'wmPhoto', image: image.toString('base64') }),
		});
		const { event } = (await response.json()) as { event: Record<string, string | number> };
		const result = await deliver(wecom(xml(event)), newBags(), {
			options: { downloadMedia: true, binaryPropertyName: 'photo' },
		});
		const [item] = items(result);
		expect(item.json.msgtype).toBe('image');
		expect(Buffer.from(item.binary?.photo.data ?? '', 'base64')).toEqual(image);
		expect(item.binary?.photo.mimeType).toBe('image/png');
	});

	test('events are emitted when selected: enter_session carries its welcome_code', async () => {
		const { token, welcomeCode } = kf().enterSession(corpId, KFID, 'wmNew', 'homepage');
		const none = await deliver(eventFor(token), newBags());
		expect(none.result.workflowData).toBeUndefined();
		resetProcessState();
		const result = await deliver(eventFor(token), newBags(), { emit: ['customer', 'event:enter_session'] });
		expect(items(result)[0].json).toMatchObject({
			msgtype: 'event',
			origin: 4,
			event: { event_type: 'enter_session', external_userid: 'wmNew', scene: 'homepage', welcome_code: welcomeCode },
		});
	});

	test('other events of the app start nothing and read nothing', async () => {
		const result = await deliver(
			wecom(
				xml({
					ToUserName: corpId,
					FromUserName: 'zhangsan',
					CreateTime: 1700000000,
					MsgType: 'event',
					Event: 'enter_agent',
					AgentID: '1000002',
				}),
			),
			newBags(),
		);
		expect(result.response.body).toBe('success');
		expect(result.result.workflowData).toBeUndefined();
		expect(syncBodies()).toHaveLength(0);
	});

	test('a forged event (bad signature) is refused before anything is read', async () => {
		const request = eventFor(says('x'));
		const result = await deliver({ ...request, query: { ...request.query, msg_signature: '0'.repeat(40) } }, newBags());
		expect(result.response.status).toBe(401);
		expect(syncBodies()).toHaveLength(0);
	});
});

describe('WeCom Customer Service Trigger in queue mode (several webhook processes, one Redis)', () => {
	let redis: RedisServer;
	let otherProcess: RedisState;
	const saved = { ...process.env };
	beforeAll(async () => {
		redis = await startRedis();
		process.env.EXECUTIONS_MODE = 'queue';
		process.env.QUEUE_BULL_REDIS_HOST = '127.0.0.1';
		process.env.QUEUE_BULL_REDIS_PORT = String(redis.port);
		otherProcess = new RedisState(new Redis({ host: '127.0.0.1', port: redis.port }), 'bull:n8n-nodes-wecom-oa');
	});
	// The emulator starts each test with an empty stream: cursors kept in Redis by the previous test are forgotten too.
	beforeEach(async () => {
		const admin = new Redis({ host: '127.0.0.1', port: redis.port });
		await admin.flushall();
		admin.disconnect();
	});
	afterAll(async () => {
		process.env = { ...saved };
		resetProcessState();
		await otherProcess.close();
		await redis.close();
	});

	test("another process reads from this one's cursor, even with an older copy of static data", async () => {
		const bags = newBags();
		await deliver(eventFor(says('warm-up')), bags);
		const stale = JSON.parse(JSON.stringify(bags.staticData)) as Record<string, IDataObject>;
		expect(contents(items(await deliver(eventFor(says('x')), bags)))).toEqual(['x']);
		resetProcessState(); // the next request reaches another webhook process
		const other = await deliver(eventFor(says('y')), { staticData: stale });
		expect(contents(items(other))).toEqual(['y']);
	});

	test("a pull waits while another process holds the account's lock", async () => {
		const lockKey = `kf-pull|wf-kf\0node-test\0${KFID}`;
		expect(await otherProcess.claim(lockKey, 'other-process', 60_000)).toEqual({ won: true });
		const pending = deliver(eventFor(says('held')), newBags());
		await new Promise((resolve) => setTimeout(resolve, 300));
		expect(syncBodies()).toHaveLength(0);
		await otherProcess.release(lockKey, 'other-process');
		expect(contents(items(await pending))).toEqual(['held']);
	});
});
