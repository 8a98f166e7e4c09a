import { startEmulator, type Emulator } from '../../emulator';
import { APP, call, http, postJson, sendMessage, text, tokenOf } from './helpers';

describe('emulator: control API (/__emulator/)', () => {
	let emulator: Emulator;

	beforeAll(async () => {
		emulator = await startEmulator({ wecomApps: [APP] });
	});
	afterAll(() => emulator.close());
	beforeEach(() => emulator.reset());

	const control = (path: string, body?: unknown): ReturnType<typeof http> =>
		body === undefined ? http('POST', `${emulator.url}/__emulator/${path}`) : postJson(emulator, `/__emulator/${path}`, body);

	it('GET log returns the entries, filtered by ?path=, and never logs control calls', async () => {
		const token = await tokenOf(emulator);
		await sendMessage(emulator, token, text('hi'));
		const all = await http('GET', `${emulator.url}/__emulator/log`);
		const entries = JSON.parse(all.bytes.toString()) as Array<Record<string, unknown>>;
		expect(entries.map((entry) => entry.path)).toEqual(['/cgi-bin/gettoken', '/cgi-bin/message/send']);
		const sends = JSON.parse((await http('GET', `${emulator.url}/__emulator/log?path=/cgi-bin/message/send`)).bytes.toString()) as Array<Record<string, unknown>>;
		expect(sends).toHaveLength(1);
		expect(sends[0]).toMatchObject({ seq: 2, method: 'POST', status: 200, json: { msgtype: 'text', agentid: APP.agentId }, response: { errcode: 0 } });
		expect((await control('log/clear')).status).toBe(200);
		expect(emulator.log.entries()).toEqual([]);
	});

	it('POST faults queues a fault spec (or a list) and refuses a bad one with 400', async () => {
		expect((await control('faults', { kind: 'errcode', errcode: 45009, path: '/cgi-bin/message/send' })).status).toBe(200);
		expect((await control('faults', [{ kind: 'slow', delayMs: 1 }, { kind: 'resetAfterApply', times: 2 }])).json.pending).toHaveLength(3);
		const bad = await control('faults', { kind: 'explode' });
		expect(bad.status).toBe(400);
		expect(bad.json.error).toContain('kind must be one of');
		expect((await control('faults', { kind: 'http5xx', status: 404 })).status).toBe(400);
		expect(JSON.parse((await http('GET', `${emulator.url}/__emulator/faults`)).bytes.toString())).toHaveLength(3);
		await control('faults/clear');
		expect(emulator.faults.pending()).toEqual([]);
	});

	it('a fault set over HTTP applies to the next matching call', async () => {
		await control('faults', { kind: 'errcode', errcode: 45009, path: '/cgi-bin/message/send' });
		expect((await sendMessage(emulator, await tokenOf(emulator), text('hi'))).json.errcode).toBe(45009);
	});

	it('POST tokens/expire and tokens/invalidate act on the tokens a filter selects', async () => {
		const token = await tokenOf(emulator);
		expect((await control('tokens/expire', { agentId: 42 })).json).toEqual({ expired: 0 });
		expect((await control('tokens/expire', { corpId: APP.corpId })).json).toEqual({ expired: 1 });
		expect((await sendMessage(emulator, token, text('hi'))).json.errcode).toBe(42001);
		const fresh = await tokenOf(emulator);
		expect((await control('tokens/invalidate')).json).toEqual({ invalidated: 1 });
		expect((await sendMessage(emulator, fresh, text('hi'))).json.errcode).toBe(40014);
		expect((await control('tokens/expire', { colour: 'red' })).status).toBe(400);
	});

	it('GET state shows apps, tokens, messages and media; POST reset clears them but keeps apps', async () => {
		await sendMessage(emulator, await tokenOf(emulator), text('hi'));
		const state = (await http('GET', `${emulator.url}/__emulator/state`)).json;
		expect(state).toMatchObject({ tokens: [expect.objectContaining({ status: 'valid' })], media: [], wecom: { apps: [expect.objectContaining({ agentId: APP.agentId, gettokenCalls: 1 })] } });
		expect((state.wecom as { messages: unknown[] }).messages).toHaveLength(1);
		await control('reset');
		expect(emulator.state).toMatchObject({ tokens: [], wecom: { messages: [], apps: [expect.objectContaining({ gettokenCalls: 0 })] } });
		expect(emulator.log.entries()).toEqual([]);
	});

	it('POST clock/advance moves the emulator clock', async () => {
		const token = await tokenOf(emulator);
		expect((await control('clock/advance', { seconds: 7200 })).status).toBe(200);
		expect((await sendMessage(emulator, token, text('hi'))).json.errcode).toBe(42001);
		expect((await control('clock/advance', { seconds: -1 })).status).toBe(400);
	});

	it('POST wecom/apps adds an app and wecom/response_codes registers a response_code', async () => {
		const app = { corpId: 'ww_added', corpSecret: 'added-secret', agentId: 7, users: ['amy'] };
		expect((await control('wecom/apps', app)).json).toMatchObject({ ...app, name: 'App 7', gettokenCalls: 0 });
		expect((await control('wecom/apps', { ...app, users: 'amy' })).status).toBe(400);
		const token = await tokenOf(emulator, app);
		const { json } = await control('wecom/response_codes', { corpId: 'ww_added', agentId: 7 });
		const update = await call(emulator, '/cgi-bin/message/update_template_card', token, { agentid: 7, response_code: json.response_code, atall: 1, button: { replace_name: 'done' } });
		expect(update.json.errcode).toBe(0);
		expect((await control('wecom/response_codes', { corpId: 'ww_added', agentId: 8 })).status).toBe(400);
	});

	it('answers 404, 405 and 400 for unknown routes, wrong methods and bodies that are not JSON', async () => {
		expect((await http('GET', `${emulator.url}/__emulator/nothing`)).status).toBe(404);
		expect((await http('GET', `${emulator.url}/__emulator/reset`)).status).toBe(405);
		expect((await http('POST', `${emulator.url}/__emulator/faults`, '{oops')).status).toBe(400);
	});
});
