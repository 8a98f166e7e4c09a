import type { IDataObject } from 'n8n-workflow';
/** The token cache through the real node: one gettoken per app, refresh-once, no lost or duplicated item. */
import { useWeComFixture, items, APP, OTHER_APP } from '../wecomFixture';
import { resetProcessState } from '../../../../nodes/shared/testSeam';

const fx = useWeComFixture();
const text = {
	resource: 'message',
	operation: 'sendText',
	toUser: 'zhangsan',
	content: '={{ "item " + $json.index }}',
};

test('50 items at once cause exactly one gettoken', async () => {
	const result = await fx.send({ ...text, options: { concurrency: 10 } }, { items: items(50) });
	expect(result.items).toHaveLength(50);
	expect(fx.gettokenCalls()).toBe(1);
	expect(fx.sent()).toHaveLength(50);
});

test('a token expired mid-batch costs exactly one refresh and loses no item', async () => {
	const staticData = {};
	await fx.send(text, { items: items(1), staticData });
	expect(fx.gettokenCalls()).toBe(1);
	fx.emulator.expireTokens();
	const result = await fx.send({ ...text, options: { concurrency: 5 } }, { items: items(20), staticData });
	expect(fx.gettokenCalls()).toBe(2);
	expect(result.items.map((item) => item.json.msgid).filter(Boolean)).toHaveLength(20);
	const delivered = fx.emulator.state.wecom.messages.map((m) => (m.body as { text: { content: string } }).text.content);
	expect(delivered).toHaveLength(21); // 1 earlier + 20, none twice
	expect(new Set(delivered.slice(1)).size).toBe(20);
	const rejected = fx
		.entries('/cgi-bin/message/send')
		.filter((entry) => (entry.response as { errcode: number }).errcode === 42001);
	expect(rejected.length).toBeGreaterThanOrEqual(1);
	expect(rejected.length).toBeLessThanOrEqual(5); // at most the calls already in flight
});

test('40014 drops the token, fetches one and retries once', async () => {
	await fx.send(text, { items: items(1) });
	fx.emulator.invalidateTokens();
	const result = await fx.send(text, { items: items(1) });
	expect(result.items[0].json.msgid).toBeTruthy();
	expect(fx.gettokenCalls()).toBe(2);
	expect(fx.entries('/cgi-bin/message/send').map((e) => (e.response as { errcode: number }).errcode)).toEqual([
		0, 40014, 0,
	]);
});

test('a token rejected again after the refresh is not retried in a loop', async () => {
	fx.emulator.faults.add({ kind: 'errcode', errcode: 40014, path: '/cgi-bin/message/send', times: 5 });
	await expect(fx.send(text, { items: items(1) })).rejects.toMatchObject({
		message: expect.stringContaining('errcode 40014'),
	});
	expect(fx.entries('/cgi-bin/message/send')).toHaveLength(2);
	expect(fx.gettokenCalls()).toBe(2);
});

test.each([
	[41001, '/cgi-bin/message/send'],
	[60020, '/cgi-bin/message/send'],
	[40013, '/cgi-bin/gettoken'],
	[60020, '/cgi-bin/gettoken'],
])('errcode %i on %s is not retried', async (errcode, path) => {
	fx.emulator.faults.add({ kind: 'errcode', errcode, path, times: 3 });
	await expect(fx.send(text, { items: items(1) })).rejects.toMatchObject({
		message: expect.stringContaining(`errcode ${errcode}`),
	});
	expect(fx.entries(path)).toHaveLength(1);
});

test('wrong corpId and wrong secret surface 40013 / 40001 from gettoken', async () => {
	await expect(fx.send(text, { credentials: fx.credentials({ corpId: 'ww_nobody' }) })).rejects.toMatchObject({
		message: expect.stringContaining('errcode 40013'),
	});
	await expect(fx.send(text, { credentials: fx.credentials({ corpSecret: 'wrong' }) })).rejects.toMatchObject({
		message: expect.stringContaining('errcode 40001'),
	});
	expect(fx.entries('/cgi-bin/message/send')).toHaveLength(0);
});

test('two credentials never share a token', async () => {
	await fx.send(text);
	await fx.send(
		{ ...text, options: { agentId: String(OTHER_APP.agentId) } },
		{ credentials: fx.credentials({ corpId: OTHER_APP.corpId, corpSecret: OTHER_APP.corpSecret }) },
	);
	expect(fx.gettokenCalls(APP.corpId)).toBe(1);
	expect(fx.gettokenCalls(OTHER_APP.corpId)).toBe(1);
	const tokens = fx.entries('/cgi-bin/message/send').map((entry) => entry.query.access_token);
	expect(tokens[0]).not.toBe(tokens[1]);
	expect(fx.sent().map((body) => (body as { agentid: number }).agentid)).toEqual([APP.agentId, OTHER_APP.agentId]);
});

test('static data: a restarted process reuses the sealed token, and it holds nothing usable', async () => {
	const staticData: IDataObject = {};
	await fx.send(text, { staticData });
	const token = fx.entries('/cgi-bin/message/send')[0].query.access_token;
	const stored = JSON.stringify(staticData);
	expect(stored).not.toContain(token);
	expect(stored).not.toContain(APP.corpSecret);
	expect(stored).not.toContain(APP.corpId);
	resetProcessState();
	await fx.send(text, { staticData });
	expect(fx.gettokenCalls()).toBe(1);
	expect(fx.entries('/cgi-bin/message/send')[1].query.access_token).toBe(token);
});

test('the access token never reaches output items or errors', async () => {
	const ok = await fx.send(text, { continueOnFail: true, items: items(2) });
	fx.emulator.faults.add({ kind: 'errcode', errcode: 60020, path: '/cgi-bin/message/send' });
	const failed = await fx.send(text, { continueOnFail: true, items: items(1) });
	const token = fx.entries('/cgi-bin/message/send')[0].query.access_token;
	const everything = JSON.stringify([ok.items, failed.items]);
	expect(everything).not.toContain(token);
	expect(everything).not.toContain(APP.corpSecret);
	expect(failed.items[0].json.error).toContain('errcode 60020');
});
