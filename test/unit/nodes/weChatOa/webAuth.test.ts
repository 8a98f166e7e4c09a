/**
 * WeChat OA → Web Authorisation against the emulator: the consent link, the code that works once and for 5
 * minutes, the profile with snsapi_userinfo, the user's tokens kept out of the output and out of the app's token
 * cache, refresh and check, and bad input refused before anything is sent.
 */
import { NodeApiError, NodeOperationError, type INodeParameters } from 'n8n-workflow';
import { useOaFixture, FOLLOWERS, OA } from '../oaFixture';
import { WeChatOa } from '../../../../nodes/WeChatOa/WeChatOa.node';

const fx = useOaFixture();
const credentials = () => fx.credentials({ authorizeBaseUrl: fx.emulator.url });
const oa = (parameters: INodeParameters, options: Parameters<typeof fx.run>[2] = {}) =>
	fx.run(new WeChatOa(), { resource: 'webAuth', ...parameters }, { credentials: credentials(), ...options });

async function control(path: string, body: unknown): Promise<Record<string, unknown>> {
	const response = await fetch(`${fx.emulator.url}/__emulator/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	expect(response.status).toBe(200);
	return (await response.json()) as Record<string, unknown>;
}

async function codeFor(scope: 'snsapi_base' | 'snsapi_userinfo', openid = FOLLOWERS[1]): Promise<string> {
	return String((await control('oa/oauth/codes', { appId: OA.appId, openid, scope })).code);
}

/** Opens the link as WeChat's browser would and returns where WeChat redirects to. */
async function follow(url: string): Promise<URL> {
	const response = await fetch(url.replace(/#wechat_redirect$/, ''), { redirect: 'manual' });
	expect(response.status).toBe(302);
	return new URL(String(response.headers.get('location')));
}

const getUser = (code: string, options: INodeParameters = {}) => oa({ operation: 'getUserFromCode', code, options });

test('seed 004: consent link → redirect with code and state → openid, unionid and profile in one step', async () => {
	const built = await oa({
		operation: 'buildAuthorizeUrl',
		redirectUri: 'https://shop.example.com/wx/login?from=menu',
		scope: 'snsapi_userinfo',
		state: 'abc123',
	});
	const url = String(built.items[0].json.url);
	expect(url).toBe(
		`${fx.emulator.url}/connect/oauth2/authorize?appid=${OA.appId}` +
			'&redirect_uri=https%3A%2F%2Fshop.example.com%2Fwx%2Flogin%3Ffrom%3Dmenu' +
			'&response_type=code&scope=snsapi_userinfo&state=abc123#wechat_redirect',
	);
	expect(fx.emulator.log.entries()).toHaveLength(0); // building the link calls nothing

	const landing = await follow(url);
	expect(`${landing.origin}${landing.pathname}`).toBe('https://shop.example.com/wx/login');
	expect(landing.searchParams.get('from')).toBe('menu');
	expect(landing.searchParams.get('state')).toBe('abc123');

	const result = await oa(
		{ operation: 'getUserFromCode', code: '={{ $json.query.code }}' },
		{ items: [{ json: { query: Object.fromEntries(landing.searchParams) } }] },
	);
	const user = result.items[0].json;
	expect(user).toEqual({
		openid: FOLLOWERS[0],
		scope: 'snsapi_userinfo',
		unionid: expect.stringMatching(/^o6_/),
		userinfo: {
			nickname: expect.any(String),
			sex: 0,
			province: '',
			city: '',
			country: '',
			headimgurl: expect.stringMatching(/^https:/),
			privilege: [],
		},
	});
	// The user's tokens stay out of the output unless asked for.
	expect(JSON.stringify(user)).not.toMatch(/access_token|refresh_token/);

	const [exchange] = fx.entries('/sns/oauth2/access_token');
	expect(exchange.method).toBe('GET');
	expect(exchange.query).toEqual({
		appid: OA.appId,
		secret: OA.appSecret,
		code: landing.searchParams.get('code'),
		grant_type: 'authorization_code',
	});
	const [info] = fx.entries('/sns/userinfo');
	const userToken = (exchange.response as { access_token: string }).access_token;
	expect(info.query).toEqual({ access_token: userToken, openid: FOLLOWERS[0], lang: 'zh_CN' });
	// Never the app's access_token, and the app's token cache is not touched at all.
	expect(fx.account().stableTokenCalls).toBe(0);
	expect(result.staticData).toEqual({});
});

test('the authorize host defaults to open.weixin.qq.com, and snsapi_base is the default scope', async () => {
	const built = await fx.run(
		new WeChatOa(),
		{ resource: 'webAuth', operation: 'buildAuthorizeUrl', redirectUri: 'https://a.example.com/cb' },
		{ credentials: fx.credentials() },
	);
	expect(built.items[0].json.url).toBe(
		`https://open.weixin.qq.com/connect/oauth2/authorize?appid=${OA.appId}` +
			'&redirect_uri=https%3A%2F%2Fa.example.com%2Fcb&response_type=code&scope=snsapi_base&state=#wechat_redirect',
	);
});

test('snsapi_base gives the openid without asking for the profile', async () => {
	const result = await getUser(await codeFor('snsapi_base'));
	expect(result.items[0].json).toEqual({ openid: FOLLOWERS[1], scope: 'snsapi_base' });
	expect(fx.entries('/sns/userinfo')).toHaveLength(0);
});

test('a code works once: the second exchange fails with 40163 and a hint', async () => {
	const code = await codeFor('snsapi_userinfo');
	await getUser(code);
	const error = await getUser(code).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(NodeApiError);
	expect((error as NodeApiError).message).toContain('errcode 40163');
	expect((error as NodeApiError).description).toContain('works once');
	expect(JSON.stringify(error)).not.toContain(OA.appSecret);
	expect((error as Error).message).not.toContain(OA.appSecret);
	expect(fx.entries('/sns/oauth2/access_token')).toHaveLength(2); // not retried
});

test('a code older than 5 minutes is 40029', async () => {
	const code = await codeFor('snsapi_base');
	fx.emulator.advanceTime(5 * 60 + 1);
	await expect(getUser(code)).rejects.toMatchObject({
		message: expect.stringContaining('errcode 40029'),
		description: expect.stringContaining('5 minutes'),
	});
});

test('Include Tokens outputs them; Refresh gives a new token; Check tells valid from invalid and expired', async () => {
	const user = (await getUser(await codeFor('snsapi_userinfo'), { includeTokens: true })).items[0].json;
	expect(user).toMatchObject({ openid: FOLLOWERS[1], expires_in: 7200 });
	expect(typeof user.access_token).toBe('string');
	expect(typeof user.refresh_token).toBe('string');

	const refreshed = (await oa({ operation: 'refreshToken', refreshToken: user.refresh_token as string })).items[0].json;
	expect(refreshed).toEqual({
		openid: FOLLOWERS[1],
		scope: 'snsapi_userinfo',
		unionid: user.unionid,
		access_token: expect.any(String),
		expires_in: 7200,
		refresh_token: user.refresh_token,
	});
	expect(refreshed.access_token).not.toBe(user.access_token);
	expect(fx.entries('/sns/oauth2/refresh_token')[0].query).toEqual({
		appid: OA.appId,
		grant_type: 'refresh_token',
		refresh_token: user.refresh_token,
	});

	const check = (token: string, openid = FOLLOWERS[1]) =>
		oa({ operation: 'checkToken', userAccessToken: token, openid }).then((r) => r.items[0].json);
	expect(await check(refreshed.access_token as string)).toEqual({
		openid: FOLLOWERS[1],
		valid: true,
		errcode: 0,
		errmsg: 'ok',
	});
	expect(await check('not-a-token')).toMatchObject({ valid: false, errcode: 40001 });
	expect(await check(refreshed.access_token as string, FOLLOWERS[2])).toMatchObject({ valid: false, errcode: 40003 });
	fx.emulator.advanceTime(7200);
	expect(await check(refreshed.access_token as string)).toMatchObject({ valid: false, errcode: 42001 });
	expect(fx.entries('/sns/auth')[0].query).toEqual({ access_token: refreshed.access_token, openid: FOLLOWERS[1] });
	expect(fx.account().stableTokenCalls).toBe(0);
});

test('an unknown or expired refresh token fails with its errcode and what to do', async () => {
	await expect(oa({ operation: 'refreshToken', refreshToken: 'nope' })).rejects.toMatchObject({
		message: expect.stringContaining('errcode 40030'),
	});
	const { refresh_token: refreshToken } = (await getUser(await codeFor('snsapi_base'), { includeTokens: true }))
		.items[0].json;
	fx.emulator.advanceTime(30 * 24 * 3600);
	await expect(oa({ operation: 'refreshToken', refreshToken: refreshToken as string })).rejects.toMatchObject({
		message: expect.stringContaining('errcode 42002'),
		description: expect.stringContaining('authorize URL again'),
	});
});

test('a user who declined consent (no code in the redirect) is refused before anything is sent', async () => {
	await control('oa/oauth/visitor', { appId: OA.appId, openid: FOLLOWERS[2], decline: true });
	const built = await oa({ operation: 'buildAuthorizeUrl', redirectUri: 'https://a.example.com/cb', state: 's1' });
	const landing = await follow(String(built.items[0].json.url));
	expect(Object.fromEntries(landing.searchParams)).toEqual({ state: 's1' });
	const error = await oa(
		{ operation: 'getUserFromCode' },
		{ items: [{ json: { query: Object.fromEntries(landing.searchParams) } }] },
	).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(NodeOperationError);
	expect((error as NodeOperationError).message).toBe('Code: is empty');
	expect((error as NodeOperationError).description).toContain('declines consent');
	expect(fx.entries('/sns/oauth2/access_token')).toHaveLength(0);
});

test.each([
	[
		{ operation: 'buildAuthorizeUrl', redirectUri: '/relative/cb' },
		'Redirect URI: "/relative/cb" is not an absolute URL',
	],
	[{ operation: 'buildAuthorizeUrl', redirectUri: 'ftp://a.example.com/cb' }, 'Redirect URI: uses ftp:'],
	[
		{ operation: 'buildAuthorizeUrl', redirectUri: 'https://a.example.com/cb', state: 'a b&c' },
		'State: may only hold letters and digits, at most 128',
	],
	[{ operation: 'buildAuthorizeUrl', redirectUri: 'https://a.example.com/cb', state: 'x'.repeat(129) }, 'State: may'],
	[{ operation: 'getUserFromCode', code: '[object Object]' }, 'Code: "[object Object]" is not a WeChat code'],
	[{ operation: 'refreshToken', refreshToken: ' ' }, 'Refresh Token: is empty'],
	[{ operation: 'checkToken', userAccessToken: 'tok', openid: '={{ "" }}' }, 'OpenID: is empty'],
])('bad input %j is refused before sending', async (parameters, message) => {
	await expect(oa(parameters)).rejects.toMatchObject({ message: expect.stringContaining(message) });
	expect(fx.emulator.log.entries()).toHaveLength(0);
});

test('with Continue On Fail a used code becomes an error item and the other items go on', async () => {
	const used = await codeFor('snsapi_base', FOLLOWERS[3]);
	await getUser(used);
	const fresh = await codeFor('snsapi_base', FOLLOWERS[4]);
	const result = await oa(
		{ operation: 'getUserFromCode', code: '={{ $json.code }}' },
		{ items: [{ json: { code: used } }, { json: { code: fresh } }], continueOnFail: true },
	);
	expect(result.items.map((item) => [item.json.openid ?? null, item.json.error ? 'error' : 'ok'])).toEqual([
		[null, 'error'],
		[FOLLOWERS[4], 'ok'],
	]);
	expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
});

test("a rejected user token says what to do with the user's token, not that the node refreshes it", async () => {
	fx.emulator.faults.add({ kind: 'errcode', errcode: 42001, path: '/sns/userinfo', times: 1 });
	const error = await getUser(await codeFor('snsapi_userinfo')).then(
		() => undefined,
		(e: unknown) => e as NodeApiError,
	);
	expect(error?.message).toContain('errcode 42001');
	expect(error?.description).toContain('use Refresh with the refresh_token');
	expect(error?.description).not.toContain('refreshes the token itself');
	expect(fx.entries('/sns/userinfo')).toHaveLength(1); // not retried as if it were the app's token
	expect(fx.account().stableTokenCalls).toBe(0);
});
