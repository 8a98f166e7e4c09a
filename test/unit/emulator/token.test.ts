import { startEmulator, type Emulator } from '../../emulator';
import { APP, gettoken, http, OTHER_APP, sendMessage, text, tokenOf } from './helpers';

describe('emulator: WeCom gettoken', () => {
	let emulator: Emulator;

	beforeAll(async () => {
		emulator = await startEmulator({ wecomApps: [APP, OTHER_APP] });
	});
	afterAll(() => emulator.close());
	beforeEach(() => emulator.reset());

	it('issues a long opaque token with expires_in 7200', async () => {
		const { status, json } = await gettoken(emulator);
		expect(status).toBe(200);
		expect(json).toEqual({ errcode: 0, errmsg: 'ok', access_token: expect.any(String), expires_in: 7200 });
		expect(String(json.access_token).length).toBeGreaterThanOrEqual(64);
	});

	it('returns the same token while it is valid and counts every call', async () => {
		const first = await tokenOf(emulator);
		emulator.advanceTime(600);
		const again = await gettoken(emulator);
		expect(again.json.access_token).toBe(first);
		expect(again.json.expires_in).toBe(6600);
		expect(emulator.state.wecom.apps.find((app) => app.agentId === APP.agentId)?.gettokenCalls).toBe(2);
		expect(emulator.log.entries({ path: '/cgi-bin/gettoken' })).toHaveLength(2);
	});

	it('gives each app its own token', async () => {
		const own = await tokenOf(emulator);
		const other = await tokenOf(emulator, OTHER_APP);
		expect(other).not.toBe(own);
		const { json } = await sendMessage(emulator, other, text('hi'));
		expect(json.errcode).toBe(301002);
	});

	it('answers 41002 / 41004 for missing parameters, 40013 for an unknown corp, 40001 for a wrong secret', async () => {
		const base = `${emulator.url}/cgi-bin/gettoken`;
		expect((await http('GET', `${base}?corpsecret=x`)).json.errcode).toBe(41002);
		expect((await http('GET', `${base}?corpid=${APP.corpId}`)).json.errcode).toBe(41004);
		expect((await http('GET', `${base}?corpid=ww_nobody&corpsecret=x`)).json.errcode).toBe(40013);
		const wrong = await http('GET', `${base}?corpid=${APP.corpId}&corpsecret=wrong`);
		expect(wrong.json.errcode).toBe(40001);
		expect(wrong.json.errmsg).toMatch(/^invalid credential, hint: \[\d+_\d+_[0-9a-f]+\], from ip: 127\.0\.0\.1, more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=40001$/);
	});

	it('issues a new token once the old one has expired (emulator clock)', async () => {
		const first = await tokenOf(emulator);
		emulator.advanceTime(7200);
		expect((await sendMessage(emulator, first, text('hi'))).json.errcode).toBe(42001);
		const second = await tokenOf(emulator);
		expect(second).not.toBe(first);
		expect((await sendMessage(emulator, second, text('hi'))).json.errcode).toBe(0);
	});
});

describe('emulator: WeCom tokens really expire', () => {
	it('expires a token after tokenTtlSeconds of wall time', async () => {
		const emulator = await startEmulator({ tokenTtlSeconds: 1, wecomApps: [APP] });
		try {
			const { json } = await gettoken(emulator);
			expect(json.expires_in).toBe(1);
			await new Promise((resolve) => setTimeout(resolve, 1100));
			expect((await sendMessage(emulator, String(json.access_token), text('hi'))).json.errcode).toBe(42001);
			expect(await tokenOf(emulator)).not.toBe(json.access_token);
		} finally {
			await emulator.close();
		}
	});
});
