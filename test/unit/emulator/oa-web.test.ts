/** The emulator's web authorisation, JS-SDK ticket and customer-service answers, over real HTTP. */
import { startEmulator, type Emulator } from '../../emulator';
import { http, postJson } from './helpers';
import { FOLLOWERS, OA, OTHER_OA, oaCall, oaGet, oaToken } from './oa-helpers';

let emulator: Emulator;
beforeAll(async () => {
	emulator = await startEmulator({ oaAccounts: [OA, OTHER_OA] });
});
beforeEach(() => emulator.reset());
afterAll(async () => emulator.close());

const sns = (path: string, query: Record<string, string>) =>
	http('GET', `${emulator.url}${path}?${new URLSearchParams(query).toString()}`);
const exchange = (code: string, overrides: Record<string, string> = {}) =>
	sns('/sns/oauth2/access_token', {
		appid: OA.appId,
		secret: OA.appSecret,
		code,
		grant_type: 'authorization_code',
		...overrides,
	});

async function code(scope = 'snsapi_userinfo', appId = OA.appId, openid = FOLLOWERS[0]): Promise<string> {
	const { json } = await postJson(emulator, '/__emulator/oa/oauth/codes', { appId, openid, scope });
	return String(json.code);
}

describe('consent page', () => {
	const authorize = (query: Record<string, string>) =>
		http(
			'GET',
			`${emulator.url}/connect/oauth2/authorize?${new URLSearchParams({ appid: OA.appId, redirect_uri: 'https://a.example.com/cb?x=1', response_type: 'code', scope: 'snsapi_base', state: 'st', ...query }).toString()}`,
		);

	test('redirects to redirect_uri with code and state, keeping its own query', async () => {
		const answer = await authorize({});
		expect(answer.status).toBe(302);
		const location = new URL(String(answer.headers.location));
		expect(location.origin + location.pathname).toBe('https://a.example.com/cb');
		expect(Object.fromEntries(location.searchParams)).toEqual({ x: '1', code: expect.any(String), state: 'st' });
		const { json } = await exchange(String(location.searchParams.get('code')));
		expect(json).toMatchObject({ openid: FOLLOWERS[0], scope: 'snsapi_base', expires_in: 7200 });
		expect(json.unionid).toBeUndefined(); // only with snsapi_userinfo
	});

	test.each([
		[{ appid: 'wx_nobody' }, 'appid'],
		[{ scope: 'snsapi_login' }, 'Scope'],
		[{ response_type: 'token' }, 'response_type'],
		[{ redirect_uri: 'not a url' }, 'redirect_uri'],
	])('%j shows WeChat error page naming %s, no redirect', async (query, word) => {
		const answer = await authorize(query);
		expect(answer.status).toBe(200);
		expect(answer.bytes.toString()).toContain(word);
	});
});

describe('sns', () => {
	test('40002, 41002, 41004, 40013, 40125 and 41008 come before the code is looked at', async () => {
		const errcodes = await Promise.all([
			exchange('x', { grant_type: 'client_credential' }),
			exchange('x', { appid: '' }),
			exchange('x', { secret: '' }),
			exchange('x', { appid: 'wx_nobody' }),
			exchange('x', { secret: 'wrong' }),
			exchange(''),
		]);
		expect(errcodes.map((answer) => answer.json.errcode)).toEqual([40002, 41002, 41004, 40013, 40125, 41008]);
	});

	test("a code is single-use, expires after 5 minutes and is only good for its own app", async () => {
		const first = await code();
		expect((await exchange(first)).json.openid).toBe(FOLLOWERS[0]);
		expect((await exchange(first)).json.errcode).toBe(40163);
		const late = await code();
		emulator.advanceTime(300);
		expect((await exchange(late)).json.errcode).toBe(40029);
		const foreign = await code('snsapi_base', OTHER_OA.appId, 'o_other_1');
		expect((await exchange(foreign)).json.errcode).toBe(40029);
	});

	test('userinfo needs snsapi_userinfo, the right openid and a live user token (not an app token)', async () => {
		const user = (await exchange(await code())).json;
		const base = (await exchange(await code('snsapi_base'))).json;
		const info = (token: unknown, openid = FOLLOWERS[0]) =>
			sns('/sns/userinfo', { access_token: String(token), openid, lang: 'zh_CN' }).then((answer) => answer.json);
		expect(await info(user.access_token)).toMatchObject({ openid: FOLLOWERS[0], unionid: user.unionid, privilege: [] });
		expect((await info(base.access_token)).errcode).toBe(48001);
		expect((await info(user.access_token, FOLLOWERS[1])).errcode).toBe(40003);
		expect((await info(await oaToken(emulator))).errcode).toBe(40001);
		emulator.advanceTime(7200);
		expect((await info(user.access_token)).errcode).toBe(42001);
	});

	test('refresh keeps the refresh_token for 30 days; sns/auth says ok or why not', async () => {
		const user = (await exchange(await code())).json;
		const refresh = (token: unknown) =>
			sns('/sns/oauth2/refresh_token', { appid: OA.appId, grant_type: 'refresh_token', refresh_token: String(token) }).then(
				(answer) => answer.json,
			);
		const refreshed = await refresh(user.refresh_token);
		expect(refreshed).toMatchObject({ openid: FOLLOWERS[0], refresh_token: user.refresh_token, scope: 'snsapi_userinfo' });
		const auth = (token: unknown) =>
			sns('/sns/auth', { access_token: String(token), openid: FOLLOWERS[0] }).then((answer) => answer.json);
		expect(await auth(refreshed.access_token)).toEqual({ errcode: 0, errmsg: 'ok' });
		expect((await refresh('unknown')).errcode).toBe(40030);
		emulator.advanceTime(30 * 24 * 3600);
		expect((await refresh(user.refresh_token)).errcode).toBe(42002);
	});
});

test('getticket: the same jsapi ticket until it expires, then a new one; wx_card apart; bad type refused', async () => {
	const token = await oaToken(emulator);
	const ticket = async (type: string) => (await oaGet(emulator, '/cgi-bin/ticket/getticket', token, { type })).json;
	const first = await ticket('jsapi');
	expect(first).toEqual({ errcode: 0, errmsg: 'ok', ticket: expect.any(String), expires_in: 7200 });
	emulator.advanceTime(7000);
	expect(await ticket('jsapi')).toMatchObject({ ticket: first.ticket, expires_in: 200 });
	expect((await ticket('wx_card')).ticket).not.toBe(first.ticket);
	expect((await ticket('other')).errcode).toBe(40097);
	emulator.advanceTime(200);
	const token2 = await oaToken(emulator);
	expect((await oaGet(emulator, '/cgi-bin/ticket/getticket', token2, { type: 'jsapi' })).json.ticket).not.toBe(first.ticket);
});

test('customer service: nickname, account format, limit of 100, and sessions need a bound, online account', async () => {
	const token = await oaToken(emulator);
	const add = (kf_account: string, nickname = '客服') => oaCall(emulator, '/customservice/kfaccount/add', token, { kf_account, nickname });
	expect((await add('no_at_sign')).json.errcode).toBe(65404);
	expect((await add('a@test', '一二三四五六七八九十一二三四五六七')).json.errcode).toBe(65403);
	for (let index = 0; index < 100; index++) expect((await add(`kf${index}@test`)).json.errcode).toBe(0);
	expect((await add('kf100@test')).json.errcode).toBe(65405);
	expect((await add('kf1@test')).json.errcode).toBe(65406);
	const create = () => oaCall(emulator, '/customservice/kfsession/create', token, { kf_account: 'kf1@test', openid: FOLLOWERS[0] });
	expect((await create()).json.errcode).toBe(65402);
	await postJson(emulator, '/__emulator/oa/kf/workers', { appId: OA.appId, kfAccount: 'kf1@test', bound: true });
	expect((await create()).json.errcode).toBe(65415);
	await postJson(emulator, '/__emulator/oa/kf/workers', { appId: OA.appId, kfAccount: 'kf1@test', online: true });
	expect((await create()).json).toEqual({ errcode: 0, errmsg: 'ok' });
	expect((await create()).json.errcode).toBe(0); // an existing session: 0 again
	expect((await oaGet(emulator, '/customservice/kfsession/getsession', token, { openid: 'o_other_1' })).json.errcode).toBe(40003);
});
