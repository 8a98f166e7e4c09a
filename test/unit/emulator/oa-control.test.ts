import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { startEmulator, type Emulator } from '../../emulator';
import { http, postJson } from './helpers';
import { FOLLOWERS, OA, oaCall, oaGet, oaToken, sendTemplate, stableToken, text } from './oa-helpers';

describe('emulator: OA control API (/__emulator/oa/)', () => {
	let emulator: Emulator;

	beforeAll(async () => {
		emulator = await startEmulator({ oaAccounts: [OA] });
	});
	afterAll(() => emulator.close());
	beforeEach(() => emulator.reset());

	const control = (path: string, body?: unknown): ReturnType<typeof http> => postJson(emulator, `/__emulator/oa/${path}`, body ?? {});

	it('POST oa/accounts adds an account; 400 for a bad one', async () => {
		const added = await control('accounts', { appId: 'wx_added', appSecret: 's', followers: ['o_a', 'o_b'], verified: true });
		expect(added.json).toMatchObject({ appId: 'wx_added', ghId: 'gh_wx_added', followers: ['o_a', 'o_b'], stableTokenCalls: 0 });
		expect((await stableToken(emulator, {}, { appId: 'wx_added', appSecret: 's' })).json.access_token).toEqual(expect.any(String));
		expect((await control('accounts', { appId: 'wx_bad' })).status).toBe(400);
		expect((await control('accounts', { appId: 'wx_bad', appSecret: 's', tags: [{ id: 'x' }] })).json.error).toContain('tag');
	});

	it('POST oa/accounts/update switches the whitelist and frozen secret, and (un)follows', async () => {
		expect((await control('accounts/update', { appId: OA.appId, ipWhitelist: ['10.0.0.1'] })).status).toBe(200);
		expect((await stableToken(emulator)).json.errcode).toBe(40164);
		await control('accounts/update', { appId: OA.appId, ipWhitelist: null, secretFrozen: true });
		expect((await stableToken(emulator)).json.errcode).toBe(40243);
		await control('accounts/update', { appId: OA.appId, secretFrozen: false, addFollowers: ['o_new'], removeFollowers: [FOLLOWERS[0]] });
		const token = await oaToken(emulator);
		expect((await oaGet(emulator, '/cgi-bin/user/get', token)).json).toMatchObject({ total: 5, data: { openid: [...FOLLOWERS.slice(1), 'o_new'] } });
		expect((await control('accounts/update', { appId: 'wx_nobody' })).status).toBe(400);
		expect((await control('accounts/update', { appId: OA.appId, colour: 'red' })).status).toBe(400);
	});

	it('POST oa/interactions, oa/subscriptions, oa/tokens/revoke', async () => {
		const token = await oaToken(emulator);
		const custom = (): ReturnType<typeof oaCall> => oaCall(emulator, '/cgi-bin/message/custom/send', token, { touser: FOLLOWERS[2], ...text('hi') });
		expect((await custom()).json.errcode).toBe(45015);
		expect((await control('interactions', { appId: OA.appId, openid: FOLLOWERS[2] })).status).toBe(200);
		expect((await custom()).json.errcode).toBe(0);
		expect((await control('interactions', { appId: OA.appId })).status).toBe(400);

		const bizsend = (): ReturnType<typeof oaCall> =>
			oaCall(emulator, '/cgi-bin/message/subscribe/bizsend', token, { touser: FOLLOWERS[2], template_id: 'sub_tmpl_1', data: { thing1: { value: '体检' }, time2: { value: '09:00' } } });
		expect((await bizsend()).json.errcode).toBe(43101);
		expect((await control('subscriptions', { appId: OA.appId, openid: FOLLOWERS[2], templateId: 'sub_tmpl_1', remaining: 1 })).status).toBe(200);
		expect((await bizsend()).json.errcode).toBe(0);
		expect((await bizsend()).json.errcode).toBe(43101);

		expect((await control('tokens/revoke', { appId: OA.appId, errcode: 42007 })).json).toEqual({ revoked: 1 });
		expect((await custom()).json.errcode).toBe(42007);
		expect((await control('tokens/revoke', { errcode: 40002 })).status).toBe(400);
	});

	it('GET oa/events and POST oa/mass/finish, oa/settings', async () => {
		expect((await control('settings', { massJobDelaySeconds: 600, userListPageSize: 3 })).json).toEqual({ userListPageSize: 3, massJobDelaySeconds: 600, publishJobDelaySeconds: 3 });
		expect((await control('settings', { userListPageSize: 0 })).status).toBe(400);
		expect((await control('settings', { speed: 1 })).status).toBe(400);
		const token = await oaToken(emulator);
		await sendTemplate(emulator, token);
		const job = await oaCall(emulator, '/cgi-bin/message/mass/send', token, { touser: FOLLOWERS.slice(0, 2), ...text('群发') });
		const events = async (query = ''): Promise<Array<Record<string, unknown>>> =>
			JSON.parse((await http('GET', `${emulator.url}/__emulator/oa/events${query}`)).bytes.toString()) as Array<Record<string, unknown>>;
		expect((await events(`?appId=${OA.appId}`)).map((event) => event.Event)).toEqual(['TEMPLATESENDJOBFINISH']);
		const finished = await control('mass/finish', { msgId: job.json.msg_id, status: 'send fail' });
		expect(finished.json).toMatchObject({ status: 'SEND_FAIL', finalStatus: 'send fail' });
		expect((await events()).map((event) => [event.Event, event.Status])).toEqual([
			['TEMPLATESENDJOBFINISH', 'success'],
			['MASSSENDJOBFINISH', 'send fail'],
		]);
		expect((await control('mass/finish', { msgId: job.json.msg_id })).status).toBe(400);
		expect((await control('mass/finish', { msgId: job.json.msg_id, status: 'done' })).status).toBe(400);
		expect((await events('?appId=wx_nobody'))).toEqual([]);
	});

	it('GET state includes the OA area; POST reset rebuilds the accounts and restores the settings', async () => {
		emulator.oa.configure({ userListPageSize: 1 });
		const token = await oaToken(emulator);
		await oaCall(emulator, '/cgi-bin/template/del_private_template', token, { template_id: 'tmpl_legacy' });
		const state = (await http('GET', `${emulator.url}/__emulator/state`)).json as { oa: { accounts: Array<{ templates: unknown[]; stableTokenCalls: number }> } };
		expect(state.oa.accounts[0]).toMatchObject({ stableTokenCalls: 1, templates: [expect.objectContaining({ templateId: 'tmpl_order_shipped' })] });
		await http('POST', `${emulator.url}/__emulator/reset`);
		expect(emulator.state.oa.accounts[0].templates).toHaveLength(2);
		expect(emulator.state.oa.accounts[0].stableTokenCalls).toBe(0);
		expect(emulator.state.oa.settings).toEqual({ userListPageSize: 10_000, massJobDelaySeconds: 0, publishJobDelaySeconds: 3 });
		expect((await http('POST', `${emulator.url}/__emulator/tokens/expire`, JSON.stringify({ platform: 'oa', source: 'stable' }))).json).toEqual({ expired: 0 });
	});
});

describe('emulator: CLI demo Official Account', () => {
	it('main.ts seeds wx_demo_oa: a stable token, a template message to a demo follower, a tag of three', async () => {
		const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '../../emulator/main.ts')], {
			env: { ...process.env, EMULATOR_PORT: '0' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		try {
			const [line] = (await once(child.stdout, 'data')) as [Buffer];
			expect(line.toString()).toContain('wx_demo_oa');
			const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line.toString())?.[0] ?? '';
			const token = await http('POST', `${url}/cgi-bin/stable_token`, JSON.stringify({ grant_type: 'client_credential', appid: 'wx_demo_oa', secret: 'demo-oa-secret' }));
			const accessToken = String(token.json.access_token);
			const sent = await http(
				'POST',
				`${url}/cgi-bin/message/template/send?access_token=${accessToken}`,
				JSON.stringify({ touser: 'o_demo_follower_1', template_id: 'tmpl_demo_order_shipped', data: { thing1: { value: '运动鞋' }, time2: { value: '2024年1月1日 12:00' }, character_string3: { value: 'SF1' } } }),
			);
			expect(sent.json).toMatchObject({ errcode: 0, msgid: expect.stringMatching(/^\d+$/) });
			expect((await http('GET', `${url}/cgi-bin/tags/get?access_token=${accessToken}`)).json).toEqual({ tags: [{ id: 100, name: '星标用户', count: 3 }] });
			const custom = await http('POST', `${url}/cgi-bin/message/custom/send?access_token=${accessToken}`, JSON.stringify({ touser: 'o_demo_follower_5', msgtype: 'text', text: { content: 'hi' } }));
			expect(custom.json.errcode).toBe(0);
		} finally {
			child.kill('SIGTERM');
		}
		const [code] = (await once(child, 'exit')) as [number | null];
		expect(code).toBe(0);
	});
});
