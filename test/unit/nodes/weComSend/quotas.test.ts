/**
 * WeCom's quotas (频率限制) in n8n's engine against the emulator, which enforces them the way WeCom does: a corp
 * calls one API at most N times a minute (45009, then the API is blocked a minute), and one app reaches one
 * member at most 30 times a minute (the rest is dropped without an error). The "minute" is shortened for tests
 * on both sides (timings.quotaMinuteMs and the emulator's minuteMs).
 */
import { Container } from '@n8n/di';
import { Logger } from '@n8n/backend-common';
import { items, useWeComFixture } from '../wecomFixture';
import { WeComGroupChat } from '../../../../nodes/WeComGroupChat/WeComGroupChat.node';
import { DEFAULT_WECOM_QUOTA } from '../../../emulator/wecom/quota';
import { timings } from '../../../../nodes/shared/testSeam';

const fx = useWeComFixture();
const BULK = { corpId: 'ww_bulk_corp', corpSecret: 'bulk-corp-secret-0123456', agentId: 1000010 };
const bulkUsers = Array.from({ length: 12_000 }, (_, index) => `u${index}`);
const text = { resource: 'message', operation: 'sendText', content: '通知：系统将于今晚 22:00 维护' };
const sendPath = '/cgi-bin/message/send';

let warn: jest.SpyInstance;
beforeEach(() => {
	warn = jest.spyOn(Container.get(Logger), 'warn').mockImplementation(() => undefined);
});
afterEach(() => {
	warn.mockRestore();
	timings.quotaMinuteMs = 60_000;
	fx.emulator.setWeComQuota(DEFAULT_WECOM_QUOTA);
});

/** Log lines our nodes wrote through n8n's logger. */
const logged = () => warn.mock.calls.map(([message]) => String(message));

/** The most calls the emulator accepted within any `windowMs`, from its request log. */
function busiestWindow(times: number[], windowMs: number): number {
	let most = 0;
	for (let start = 0, end = 0; end < times.length; end++) {
		while (times[end] - times[start] >= windowMs) start++;
		most = Math.max(most, end - start + 1);
	}
	return most;
}

test('12,000 sends in a simulated minute: paced under the corp quota, none lost, none twice, no 45009', async () => {
	fx.emulator.addWeComApp({ ...BULK, users: bulkUsers });
	const credentials = fx.credentials({ ...BULK, agentId: String(BULK.agentId) });
	const parameters = { ...text, toUser: '={{ "u" + $json.index }}', options: { concurrency: 20 } };
	// The simulated minute is set from this machine's unpaced speed, so that unpaced the 12,000 sends would
	// put about 15,000 calls into one minute (over WeCom's 10,000) whatever the load on the machine.
	const warmUp = Date.now();
	await fx.send(
		{ ...parameters, options: { concurrency: 20, paceCallsPerMinute: 0 } },
		{ items: items(600), credentials },
	);
	const perMs = 600 / (Date.now() - warmUp);
	const minuteMs = Math.round(15_000 / perMs);
	timings.quotaMinuteMs = minuteMs;
	fx.emulator.reset();
	fx.emulator.setWeComQuota({ minuteMs });

	const started = Date.now();
	const result = await fx.send(parameters, { items: items(12_000), credentials });
	const tookMs = Date.now() - started;

	const { messages, memberDrops, quotaRefusals } = fx.emulator.state.wecom;
	expect(result.items).toHaveLength(12_000);
	expect(result.items.every((item) => item.json.msgid !== '' && item.json.rateLimited === undefined)).toBe(true);
	expect(quotaRefusals).toBe(0);
	expect(memberDrops).toEqual([]);
	// Every member got the notice exactly once, and each item is paired with its member's message.
	const received = messages.flatMap((message) => message.delivery.users);
	expect(received).toHaveLength(12_000);
	expect(new Set(received).size).toBe(12_000);
	const msgids = new Map(messages.map((message) => [message.msgid, message.delivery.users[0]]));
	expect(result.items.every((item, index) => msgids.get(String(item.json.msgid)) === `u${index}`)).toBe(true);
	// Paced: never more than the node's 9,000 in any minute, so the run outlasted one minute.
	const times = fx.entries(sendPath).map((entry) => entry.time);
	expect(busiestWindow(times, minuteMs)).toBeLessThanOrEqual(9_000);
	expect(tookMs).toBeGreaterThanOrEqual(minuteMs);
}, 300_000);

test('a 45009 is waited out and the resend goes through once, with the wait in the output and the log', async () => {
	timings.quotaMinuteMs = 200;
	fx.emulator.faults.add({ kind: 'errcode', errcode: 45009, path: sendPath });
	const result = await fx.send({ ...text, toUser: 'zhangsan' });

	expect(result.items[0].json).toMatchObject({ msgid: expect.any(String), rateLimited: { waits: 1 } });
	const { waitedMs } = result.items[0].json.rateLimited as { waitedMs: number };
	expect(waitedMs).toBeGreaterThanOrEqual(190);
	expect(fx.entries(sendPath)).toHaveLength(2);
	expect(fx.emulator.state.wecom.messages).toHaveLength(1);
	expect(logged()).toEqual([
		expect.stringMatching(/message\/send refused with errcode 45009 .*item 0 waits 200 ms .*wait 1 of 3/),
	]);
	expect(logged().join('\n')).not.toMatch(/access_token|corpsecret|test-corp-secret/i);
});

test("unpaced, the emulator's own quota refuses the burst: every refused send waits and all arrive exactly once", async () => {
	timings.quotaMinuteMs = 300;
	fx.emulator.setWeComQuota({ callsPerMinute: 5, minuteMs: 300 });
	const parameters = { ...text, toUser: '={{ ["zhangsan", "lisi", "wangwu"][$json.index % 3] }}' };
	const result = await fx.send(
		{ ...parameters, options: { concurrency: 4, paceCallsPerMinute: 0 } },
		{ items: items(12) },
	);

	expect(fx.emulator.state.wecom.quotaRefusals).toBeGreaterThan(0);
	expect(result.items.filter((item) => item.json.rateLimited !== undefined).length).toBeGreaterThan(0);
	const messages = fx.emulator.state.wecom.messages;
	expect(messages).toHaveLength(12);
	expect(new Set(result.items.map((item) => item.json.msgid))).toEqual(
		new Set(messages.map((message) => message.msgid)),
	);
});

test('paced (5 a minute against a quota of 6), the same burst meets no 45009 and takes two minutes', async () => {
	timings.quotaMinuteMs = 300;
	fx.emulator.setWeComQuota({ callsPerMinute: 6, minuteMs: 300 });
	const started = Date.now();
	const result = await fx.send(
		{
			...text,
			toUser: '={{ ["zhangsan", "lisi", "wangwu"][$json.index % 3] }}',
			options: { concurrency: 4, paceCallsPerMinute: 5 },
		},
		{ items: items(12) },
	);

	expect(Date.now() - started).toBeGreaterThanOrEqual(600);
	expect(fx.emulator.state.wecom.quotaRefusals).toBe(0);
	expect(result.items.every((item) => item.json.rateLimited === undefined)).toBe(true);
	expect(fx.emulator.state.wecom.messages).toHaveLength(12);
});

test('a bounded number of waits, then a clear error; the next items fail at once instead of waiting again', async () => {
	timings.quotaMinuteMs = 50;
	fx.emulator.faults.add({ kind: 'errcode', errcode: 45009, path: sendPath, times: 20 });
	const result = await fx.send(
		{ ...text, toUser: 'zhangsan', options: { concurrency: 1 } },
		{ items: items(3), continueOnFail: true },
	);

	expect(result.items.map((item) => item.json.error)).toEqual(
		Array(3).fill(expect.stringMatching(/message\/send failed with errcode 45009/)),
	);
	expect(result.items[0].json.description).toMatch(
		/waited out WeCom's one-minute block and been sent again \(up to 3 times\), so for them this is the hourly or daily quota/,
	);
	// Item 0: the first try and 3 resends; items 1 and 2: one try each.
	expect(fx.entries(sendPath)).toHaveLength(6);
	expect(fx.emulator.state.wecom.messages).toHaveLength(0);
	expect(logged().filter((line) => /after 3 waits; item 0 fails/.test(line))).toHaveLength(1);
	expect(logged().filter((line) => /gave up waiting; item [12] fails without waiting/.test(line))).toHaveLength(2);
});

test('more than 30 messages a minute to one member: WeCom drops the rest silently, the output warns', async () => {
	const result = await fx.send({ ...text, toUser: 'zhangsan', options: { concurrency: 1 } }, { items: items(32) });

	const warned = result.items.map((item, index) => (item.json.warnings ? index : -1)).filter((index) => index >= 0);
	expect(warned).toEqual([30, 31]);
	expect(result.items[30].json.warnings).toEqual([
		expect.stringMatching(/^zhangsan got 31 messages .* above 30 a minute/),
	]);
	// The emulator dropped exactly those two, as WeCom does: the warning is about real losses.
	expect(fx.emulator.state.wecom.memberDrops.map((drop) => drop.member)).toEqual(['zhangsan', 'zhangsan']);
});

test('the member count spans runs (a Loop Over Items sends one item per run) and names only members reached', async () => {
	for (let run = 0; run < 30; run++) await fx.send({ ...text, toUser: 'zhangsan|nobody' });
	const last = await fx.send({ ...text, toUser: 'zhangsan|lisi|nobody' });

	expect(last.items[0].json.invaliduser).toBe('nobody');
	expect(last.items[0].json.warnings).toEqual([expect.stringMatching(/^zhangsan got 31 messages/)]);
	expect(fx.emulator.state.wecom.memberDrops).toHaveLength(1);
});

test('a refused group-chat send (appchat/send, 45009) is waited out and sent once', async () => {
	timings.quotaMinuteMs = 100;
	const chat = (parameters: Record<string, unknown>) =>
		fx.run(new WeComGroupChat(), { resource: 'appChat', ...parameters });
	const created = await chat({ operation: 'create', name: '值班群', userList: 'zhangsan|lisi', owner: 'zhangsan' });
	fx.emulator.faults.add({ kind: 'errcode', errcode: 45009, path: '/cgi-bin/appchat/send' });
	const result = await chat({ operation: 'sendText', chatId: created.items[0].json.chatid, content: '今晚值班：张三' });

	expect(result.items[0].json).toMatchObject({ sent: true, rateLimited: { waits: 1 } });
	const chats = fx.emulator.state.wecom.chats;
	expect(chats[0].messages).toHaveLength(1);
});

test('bad pace option: a named field, nothing sent', async () => {
	await expect(fx.send({ ...text, toUser: 'zhangsan', options: { paceCallsPerMinute: 2.5 } })).rejects.toMatchObject({
		message: expect.stringMatching(/Pace Under Corp Quota/),
	});
	expect(fx.entries(sendPath)).toHaveLength(0);
});
