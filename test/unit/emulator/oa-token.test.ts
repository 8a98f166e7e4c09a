import { startEmulator, type Emulator } from '../../emulator';
import { APP, http, postJson, SAMPLES, tokenOf, upload } from './helpers';
import { classicToken, OA, oaGet, oaToken, OTHER_OA, sendTemplate, stableToken, toChinaMorning } from './oa-helpers';

describe('emulator: OA access tokens', () => {
	let emulator: Emulator;

	beforeAll(async () => {
		emulator = await startEmulator({ oaAccounts: [OA, OTHER_OA], wecomApps: [APP] });
	});
	afterAll(() => emulator.close());
	beforeEach(() => emulator.reset());

	const account = (): { stableTokenCalls: number; forceRefreshCalls: number; tokenCalls: number } => {
		const found = emulator.state.oa.accounts.find((candidate) => candidate.appId === OA.appId);
		if (found === undefined) throw new Error('no account');
		return found;
	};
	const works = async (token: string): Promise<unknown> => (await sendTemplate(emulator, token)).json.errcode;

	describe('stable_token, normal mode', () => {
		it('answers {access_token, expires_in} without errcode and the same token while valid', async () => {
			const first = await stableToken(emulator);
			expect(first.json).toEqual({ access_token: expect.any(String), expires_in: 7200 });
			emulator.advanceTime(600);
			const again = await stableToken(emulator);
			expect(again.json).toEqual({ access_token: first.json.access_token, expires_in: 6600 });
			expect(account().stableTokenCalls).toBe(2);
		});

		it('issues a new token in the last 5 minutes while the old one stays usable until it expires', async () => {
			const old = await oaToken(emulator);
			emulator.advanceTime(7200 - 299);
			const renewed = await stableToken(emulator);
			expect(renewed.json.access_token).not.toBe(old);
			expect(renewed.json.expires_in).toBe(7200);
			expect(await works(old)).toBe(0);
			expect(await works(String(renewed.json.access_token))).toBe(0);
			expect((await stableToken(emulator)).json.access_token).toBe(renewed.json.access_token);
			emulator.advanceTime(300);
			expect(await works(old)).toBe(42001);
			expect(await works(String(renewed.json.access_token))).toBe(0);
		});

		it('serves 1,000 calls on one stable_token call', async () => {
			const token = await oaToken(emulator);
			for (let batch = 0; batch < 10; batch++) {
				const answers = await Promise.all(Array.from({ length: 100 }, () => sendTemplate(emulator, token)));
				expect(answers.every((answer) => answer.json.errcode === 0)).toBe(true);
			}
			expect(account().stableTokenCalls).toBe(1);
			expect(emulator.state.oa.templateMessages).toHaveLength(1000);
		});
	});

	describe('stable_token, force_refresh', () => {
		it('invalidates the previous token (40001) and issues a new one', async () => {
			const old = await oaToken(emulator);
			const forced = await stableToken(emulator, { force_refresh: true });
			expect(forced.json.access_token).not.toBe(old);
			const invalid = await sendTemplate(emulator, old);
			expect(invalid.json.errcode).toBe(40001);
			expect(invalid.json.errmsg).toMatch(/^invalid credential, access_token is invalid or not latest.* rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/);
			expect(await works(String(forced.json.access_token))).toBe(0);
			expect(account()).toMatchObject({ stableTokenCalls: 2, forceRefreshCalls: 1 });
		});

		it('refreshes nothing within 30 s of the last forced refresh: the current token comes back', async () => {
			const forced = await stableToken(emulator, { force_refresh: true });
			emulator.advanceTime(29);
			const again = await stableToken(emulator, { force_refresh: true });
			expect(again.json.access_token).toBe(forced.json.access_token);
			expect(await works(String(forced.json.access_token))).toBe(0);
			emulator.advanceTime(1);
			const later = await stableToken(emulator, { force_refresh: true });
			expect(later.json.access_token).not.toBe(forced.json.access_token);
			expect(await works(String(forced.json.access_token))).toBe(40001);
		});

		it('allows 20 real refreshes a day, then answers 45009 until the next (China) day', async () => {
			toChinaMorning(emulator);
			for (let i = 0; i < 20; i++) {
				expect((await stableToken(emulator, { force_refresh: true })).json.access_token).toEqual(expect.any(String));
				emulator.advanceTime(31);
			}
			expect((await stableToken(emulator, { force_refresh: true })).json.errcode).toBe(45009);
			expect((await stableToken(emulator)).json.access_token).toEqual(expect.any(String));
			emulator.advanceTime(24 * 3600);
			expect((await stableToken(emulator, { force_refresh: true })).json.access_token).toEqual(expect.any(String));
		});
	});

	describe('classic /cgi-bin/token', () => {
		it('issues a new token every call; the previous one works 5 more minutes, then answers 40001', async () => {
			// Two "systems" sharing the AppSecret, each fetching its own token: they knock each other out.
			const systemA = await classicToken(emulator);
			expect(systemA.json).toEqual({ access_token: expect.any(String), expires_in: 7200 });
			const systemB = await classicToken(emulator);
			expect(systemB.json.access_token).not.toBe(systemA.json.access_token);
			expect(await works(String(systemA.json.access_token))).toBe(0);
			emulator.advanceTime(300);
			const knockedOut = await sendTemplate(emulator, String(systemA.json.access_token));
			expect(knockedOut.json.errcode).toBe(40001);
			expect(String(knockedOut.json.errmsg)).toContain('access_token is invalid or not latest');
			expect(await works(String(systemB.json.access_token))).toBe(0);
			expect(account().tokenCalls).toBe(2);
		});

		it('is isolated from stable_token both ways', async () => {
			const stable = await oaToken(emulator);
			const classic = String((await classicToken(emulator)).json.access_token);
			await classicToken(emulator);
			emulator.advanceTime(301);
			expect(await works(stable)).toBe(0);
			expect(await works(classic)).toBe(40001);
			const fresh = String((await classicToken(emulator)).json.access_token);
			await stableToken(emulator, { force_refresh: true });
			expect(await works(fresh)).toBe(0);
			expect(await works(stable)).toBe(40001);
		});
	});

	describe('errors', () => {
		const bad = async (body: Record<string, unknown>): Promise<unknown> => (await stableToken(emulator, body)).json.errcode;

		it('40002 grant_type, 41002 / 41004 missing, 40013 unknown appid, 40125 wrong secret, 47001 not JSON', async () => {
			expect(await bad({ grant_type: 'authorization_code' })).toBe(40002);
			expect(await bad({ appid: '' })).toBe(41002);
			expect(await bad({ secret: undefined })).toBe(41004);
			expect(await bad({ appid: 'wx_nobody' })).toBe(40013);
			const wrong = await stableToken(emulator, { secret: 'wrong' });
			expect(wrong.json).toEqual({ errcode: 40125, errmsg: expect.stringMatching(/^invalid appsecret rid: /) });
			expect(await bad({ force_refresh: 'yes' })).toBe(47001);
			const form = await http('POST', `${emulator.url}/cgi-bin/stable_token`, `grant_type=client_credential&appid=${OA.appId}&secret=${OA.appSecret}`, {
				'content-type': 'application/x-www-form-urlencoded',
			});
			expect(form.json.errcode).toBe(47001);
			const query = new URLSearchParams({ grant_type: 'client_credential', appid: OA.appId, secret: 'wrong' });
			expect((await http('GET', `${emulator.url}/cgi-bin/token?${query.toString()}`)).json.errcode).toBe(40125);
			expect(account()).toMatchObject({ stableTokenCalls: 0, tokenCalls: 0 });
		});

		it('40164 outside the IP whitelist (quoting the IP) and 40243 for a frozen secret, switchable per account', async () => {
			emulator.oa.updateAccount({ appId: OA.appId, ipWhitelist: ['10.0.0.1'] });
			const refused = await stableToken(emulator);
			expect(refused.json).toEqual({ errcode: 40164, errmsg: expect.stringMatching(/^invalid ip 127\.0\.0\.1 ipv6 ::ffff:127\.0\.0\.1, not in whitelist rid: /) });
			expect((await classicToken(emulator)).json.errcode).toBe(40164);
			emulator.oa.updateAccount({ appId: OA.appId, ipWhitelist: ['10.0.0.1', '127.0.0.1'] });
			expect((await stableToken(emulator)).json.access_token).toEqual(expect.any(String));
			emulator.oa.updateAccount({ appId: OA.appId, secretFrozen: true });
			expect((await stableToken(emulator)).json.errcode).toBe(40243);
			emulator.oa.updateAccount({ appId: OA.appId, secretFrozen: false, ipWhitelist: null });
			expect((await stableToken(emulator)).json.access_token).toEqual(expect.any(String));
		});

		it('token answers: 41001 missing, 40014 unknown, 42001 expired, 42007 and 40014 when a test revokes with them', async () => {
			// An OA-only path: WeCom also serves /cgi-bin/user/get (its directory), and a token the emulator does not know cannot say which host it was meant for.
			const path = '/cgi-bin/tags/get';
			expect((await http('GET', `${emulator.url}${path}`)).json.errcode).toBe(41001);
			expect((await oaGet(emulator, path, 'made-up')).json).toEqual({ errcode: 40014, errmsg: expect.stringMatching(/^invalid access_token rid: /) });
			const token = await oaToken(emulator);
			expect(emulator.expireTokens({ platform: 'oa', appId: OA.appId })).toBe(1);
			expect((await oaGet(emulator, path, token)).json.errcode).toBe(42001);
			const second = await oaToken(emulator);
			expect(emulator.oa.revokeTokens({ appId: OA.appId }, 42007)).toBe(1);
			expect((await oaGet(emulator, path, second)).json).toEqual({ errcode: 42007, errmsg: expect.stringMatching(/^access_token and refresh_token exception rid: /) });
			const third = await oaToken(emulator);
			emulator.oa.revokeTokens({ token: third }, 40014);
			expect((await oaGet(emulator, path, third)).json.errcode).toBe(40014);
			const fourth = await oaToken(emulator);
			expect(emulator.invalidateTokens({ appId: OA.appId, source: 'stable' })).toBe(1);
			expect((await oaGet(emulator, path, fourth)).json.errcode).toBe(40001);
		});

		it('an injected errcode fault is worded the OA way', async () => {
			const token = await oaToken(emulator);
			emulator.faults.add({ kind: 'errcode', errcode: 42007, path: '/cgi-bin/message/template/send' });
			const { json } = await sendTemplate(emulator, token);
			expect(json).toEqual({ errcode: 42007, errmsg: expect.stringMatching(/^access_token and refresh_token exception rid: /) });
		});

		it('a token of one account or platform is worthless for another', async () => {
			const oaTokenValue = await oaToken(emulator);
			const other = await oaToken(emulator, OTHER_OA);
			expect(other).not.toBe(oaTokenValue);
			const wecom = await tokenOf(emulator);
			expect((await oaGet(emulator, '/cgi-bin/tags/get', wecom)).json.errcode).toBe(40014);
			const onWeCom = await postJson(emulator, `/cgi-bin/message/send?access_token=${oaTokenValue}`, { agentid: APP.agentId, touser: 'zhangsan', msgtype: 'text', text: { content: 'hi' } });
			expect(onWeCom.json.errcode).toBe(40014);
			expect(String(onWeCom.json.errmsg)).toContain('open.work.weixin.qq.com');
		});
	});

	it('a path both platforms serve (media/upload) answers in the style of the token’s platform', async () => {
		const oa = await upload(emulator, await oaToken(emulator), 'image', [{ filename: 'a.png', data: SAMPLES.png() }]);
		expect(oa.json).toEqual({ type: 'image', media_id: expect.any(String), created_at: expect.any(Number), item: [] });
		const wecom = await upload(emulator, await tokenOf(emulator), 'image', [{ filename: 'a.png', data: SAMPLES.png() }]);
		expect(wecom.json).toEqual({ errcode: 0, errmsg: 'ok', type: 'image', media_id: expect.any(String), created_at: expect.stringMatching(/^\d+$/) });
		expect(emulator.state.media.map((media) => media.scope).sort()).toEqual([`oa:${OA.appId}`, `wecom:${APP.corpId}`]);
	});
});
