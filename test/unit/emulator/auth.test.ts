import { startEmulator, type Emulator } from '../../emulator';
import { APP, http, OTHER_APP, postJson, sendMessage, text, tokenOf } from './helpers';

describe('emulator: access_token checks', () => {
	let emulator: Emulator;

	beforeAll(async () => {
		emulator = await startEmulator({ wecomApps: [APP, OTHER_APP] });
	});
	afterAll(() => emulator.close());
	beforeEach(() => emulator.reset());

	it('answers 41001 without a token and 40014 for a made-up one', async () => {
		expect((await postJson(emulator, '/cgi-bin/message/send', text('hi'))).json.errcode).toBe(41001);
		expect((await sendMessage(emulator, 'not-a-token', text('hi'))).json.errcode).toBe(40014);
	});

	it('answers 42001 after expireTokens() and 40014 after invalidateTokens()', async () => {
		const first = await tokenOf(emulator);
		expect(emulator.expireTokens()).toBe(1);
		const expired = await sendMessage(emulator, first, text('hi'));
		expect(expired.json.errcode).toBe(42001);
		expect(expired.json.errmsg).toMatch(/^access_token expired, hint: /);
		const second = await tokenOf(emulator);
		expect(second).not.toBe(first);
		expect(emulator.invalidateTokens()).toBe(1);
		expect((await sendMessage(emulator, second, text('hi'))).json.errcode).toBe(40014);
		expect((await sendMessage(emulator, await tokenOf(emulator), text('hi'))).json.errcode).toBe(0);
	});

	it('expires only the tokens a filter selects', async () => {
		const own = await tokenOf(emulator);
		const other = await tokenOf(emulator, OTHER_APP);
		expect(emulator.expireTokens({ agentId: OTHER_APP.agentId })).toBe(1);
		expect((await sendMessage(emulator, own, text('hi'))).json.errcode).toBe(0);
		const state = emulator.state.tokens;
		expect(state.find((token) => token.token === own)?.status).toBe('valid');
		expect(state.find((token) => token.token === other)?.status).toBe('expired');
		expect(emulator.expireTokens({ token: own })).toBe(1);
	});

	it('answers 404 / 405 without an errcode for paths and methods it does not serve', async () => {
		const missing = await http('GET', `${emulator.url}/cgi-bin/nothing/here`);
		expect(missing.status).toBe(404);
		expect(missing.json.errcode).toBeUndefined();
		expect((await http('GET', `${emulator.url}/cgi-bin/message/send`)).status).toBe(405);
	});
});
