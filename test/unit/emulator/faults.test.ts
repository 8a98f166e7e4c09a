import { request } from 'undici';
import { startEmulator, type Emulator } from '../../emulator';
import { APP, gettoken, http, sendMessage, text, tokenOf } from './helpers';

const SEND = '/cgi-bin/message/send';

describe('emulator: faults', () => {
	let emulator: Emulator;
	let token: string;

	beforeAll(async () => {
		emulator = await startEmulator({ wecomApps: [APP] });
	});
	afterAll(() => emulator.close());
	beforeEach(async () => {
		emulator.reset();
		token = await tokenOf(emulator);
	});

	const delivered = (): number => emulator.state.wecom.messages.filter((message) => !message.deduplicated).length;

	it('http5xx: answers a gateway error page without performing the call', async () => {
		emulator.faults.add({ kind: 'http5xx', status: 503, path: SEND });
		const failed = await sendMessage(emulator, token, text('hi'));
		expect(failed.status).toBe(503);
		expect(failed.headers['content-type']).toBe('text/html');
		expect(failed.bytes.toString()).toContain('503 Service Temporarily Unavailable');
		expect(delivered()).toBe(0);
		expect(emulator.log.entries({ path: SEND })[0]).toMatchObject({ fault: 'http5xx', status: 503 });
		expect((await sendMessage(emulator, token, text('hi'))).json.errcode).toBe(0);
	});

	it('reset: drops the connection after reading the request, which is not performed', async () => {
		emulator.faults.add({ kind: 'reset' });
		await expect(sendMessage(emulator, token, text('hi'))).rejects.toThrow();
		expect(delivered()).toBe(0);
		expect(emulator.log.entries({ path: SEND })[0]).toMatchObject({ fault: 'reset', status: 0, json: expect.objectContaining({ msgtype: 'text' }) });
	});

	it('resetAfterApply: performs the write, then drops the connection; a deduplicated retry sends nothing twice', async () => {
		emulator.faults.add({ kind: 'resetAfterApply', path: SEND });
		const body = { ...text('transfer done'), enable_duplicate_check: 1 };
		await expect(sendMessage(emulator, token, body)).rejects.toThrow();
		expect(delivered()).toBe(1);
		const [entry] = emulator.log.entries({ path: SEND });
		expect(entry).toMatchObject({ fault: 'resetAfterApply', status: 0, response: { errcode: 0, msgid: expect.any(String) } });
		const retry = await sendMessage(emulator, token, body);
		expect(retry.json.msgid).toBe((entry.response as Record<string, unknown>).msgid);
		expect(delivered()).toBe(1);
	});

	it('slow: delays the answer; a client that times out leaves the call performed', async () => {
		emulator.faults.add({ kind: 'slow', delayMs: 300, path: SEND });
		const started = Date.now();
		expect((await sendMessage(emulator, token, text('slow'))).json.errcode).toBe(0);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);

		emulator.faults.add({ kind: 'slow', delayMs: 300, path: SEND });
		const url = `${emulator.url}${SEND}?access_token=${token}`;
		const body = JSON.stringify({ ...text('timed out'), agentid: APP.agentId });
		await expect(request(url, { method: 'POST', body, signal: AbortSignal.timeout(50) })).rejects.toThrow();
		expect(delivered()).toBe(1);
		await new Promise((resolve) => setTimeout(resolve, 400));
		expect(delivered()).toBe(2);
	});

	it('errcode: answers WeCom-style errors without performing the call', async () => {
		emulator.faults.add([
			{ kind: 'errcode', errcode: -1 },
			{ kind: 'errcode', errcode: 45009 },
			{ kind: 'errcode', errcode: 60020 },
			{ kind: 'errcode', errcode: 40001, errmsg: 'exactly this' },
		]);
		expect((await sendMessage(emulator, token, text('1'))).json.errmsg).toMatch(/^system busy, hint: /);
		expect((await sendMessage(emulator, token, text('2'))).json.errcode).toBe(45009);
		const ip = await sendMessage(emulator, token, text('3'));
		expect(ip.json.errcode).toBe(60020);
		expect(ip.json.errmsg).toMatch(
			/^not allow to access from your ip, hint: \[\d+_\d+_[0-9a-f]+\], from ip: 127\.0\.0\.1, more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=60020$/,
		);
		expect((await sendMessage(emulator, token, text('4'))).json).toEqual({ errcode: 40001, errmsg: 'exactly this' });
		expect(delivered()).toBe(0);
	});

	it('consumes faults in order, `times` times, only on matching paths', async () => {
		emulator.faults.add([
			{ kind: 'errcode', errcode: -1, times: 2, path: '/cgi-bin/gettoken' },
			{ kind: 'http5xx', path: SEND },
		]);
		expect(emulator.faults.pending()).toEqual([
			{ spec: expect.objectContaining({ kind: 'errcode' }), remaining: 2, passing: 0 },
			{ spec: expect.objectContaining({ kind: 'http5xx' }), remaining: 1, passing: 0 },
		]);
		expect((await sendMessage(emulator, token, text('hi'))).status).toBe(502);
		expect((await gettoken(emulator)).json.errcode).toBe(-1);
		expect((await gettoken(emulator)).json.errcode).toBe(-1);
		expect((await gettoken(emulator)).json.errcode).toBe(0);
		expect(emulator.faults.pending()).toEqual([]);
	});

	it('`after` lets that many matching requests through first, and they count for every waiting fault', async () => {
		emulator.faults.add([
			{ kind: 'errcode', errcode: 45009, path: SEND, after: 2 },
			{ kind: 'errcode', errcode: -1, path: SEND, after: 1 },
		]);
		expect((await sendMessage(emulator, token, text('1'))).json.errcode).toBe(0);
		expect((await sendMessage(emulator, token, text('2'))).json.errcode).toBe(-1);
		expect((await sendMessage(emulator, token, text('3'))).json.errcode).toBe(45009);
		expect((await sendMessage(emulator, token, text('4'))).json.errcode).toBe(0);
		expect((await gettoken(emulator)).json.errcode).toBe(0);
		expect(delivered()).toBe(2);
		expect(() => emulator.faults.add({ kind: 'reset', after: -1 })).toThrow(/after must be a non-negative integer/);
	});

	it('never applies faults to the control API', async () => {
		emulator.faults.add({ kind: 'reset' });
		expect((await http('GET', `${emulator.url}/__emulator/state`)).status).toBe(200);
		expect(emulator.faults.pending()).toHaveLength(1);
	});
});

describe('emulator: closing', () => {
	it('closes promptly while a slow request is pending, and drops that request', async () => {
		const emulator = await startEmulator({ wecomApps: [APP] });
		const token = await tokenOf(emulator);
		emulator.faults.add({ kind: 'slow', delayMs: 10_000 });
		const pending = sendMessage(emulator, token, text('never')).catch((error: unknown) => error);
		await new Promise((resolve) => setTimeout(resolve, 50));
		const started = Date.now();
		await emulator.close();
		expect(Date.now() - started).toBeLessThan(1000);
		expect(await pending).toBeInstanceOf(Error);
		expect(emulator.state.wecom.messages).toHaveLength(0);
	});
});
