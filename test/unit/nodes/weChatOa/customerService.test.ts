/**
 * WeChat OA → Customer Service against the emulator: accounts added, renamed, listed and deleted; sessions
 * created (bound and online accounts only), read, listed and closed; the waiting queue; WeChat's kf errcodes
 * with hints; bad input refused before sending.
 */
import type { INodeParameters } from 'n8n-workflow';
import { useOaFixture, FOLLOWERS, OA } from '../oaFixture';
import { WeChatOa } from '../../../../nodes/WeChatOa/WeChatOa.node';

const fx = useOaFixture();
const kf = (parameters: INodeParameters, options: Parameters<typeof fx.run>[2] = {}) =>
	fx.run(new WeChatOa(), { resource: 'customerService', ...parameters }, options);
const json = async (parameters: INodeParameters) => (await kf(parameters)).items.map((item) => item.json);

async function control(path: string, body: unknown): Promise<void> {
	const response = await fetch(`${fx.emulator.url}/__emulator/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	expect(response.status).toBe(200);
}

const ALICE = 'alice@gh_node_test';
const BOB = 'bob_2@gh_node_test';

async function onlineWorker(kfAccount: string, nickname: string): Promise<void> {
	await kf({ operation: 'addAccount', kfAccount, nickname });
	await control('oa/kf/workers', { appId: OA.appId, kfAccount, bound: true, online: true });
}

test('accounts: add, rename, list (all and online), delete; each body as WeChat documents it', async () => {
	expect(await json({ operation: 'addAccount', kfAccount: ALICE, nickname: '客服小美' })).toEqual([
		{ kf_account: ALICE, nickname: '客服小美', added: true },
	]);
	await kf({ operation: 'addAccount', kfAccount: BOB, nickname: 'Bob' });
	expect(await json({ operation: 'updateAccount', kfAccount: BOB, nickname: '客服小王' })).toEqual([
		{ kf_account: BOB, nickname: '客服小王', updated: true },
	]);
	expect(fx.bodies('/customservice/kfaccount/add')).toEqual([
		{ kf_account: ALICE, nickname: '客服小美' },
		{ kf_account: BOB, nickname: 'Bob' },
	]);
	expect(fx.bodies('/customservice/kfaccount/update')).toEqual([{ kf_account: BOB, nickname: '客服小王' }]);

	expect(await json({ operation: 'listAccounts' })).toEqual([
		{ kf_account: ALICE, kf_nick: '客服小美', kf_id: expect.any(Number), kf_headimgurl: '' },
		{ kf_account: BOB, kf_nick: '客服小王', kf_id: expect.any(Number), kf_headimgurl: '' },
	]);
	expect(await json({ operation: 'listOnlineAccounts' })).toEqual([]);
	await control('oa/kf/workers', { appId: OA.appId, kfAccount: ALICE, bound: true, online: true });
	expect(await json({ operation: 'listOnlineAccounts' })).toEqual([
		{ kf_account: ALICE, status: 1, kf_id: expect.any(Number), accepted_case: 0 },
	]);

	expect(await json({ operation: 'deleteAccount', kfAccount: BOB })).toEqual([{ kf_account: BOB, deleted: true }]);
	expect(fx.entries('/customservice/kfaccount/del').map((entry) => [entry.method, entry.json])).toEqual([
		['POST', { kf_account: BOB }],
	]);
	expect((await json({ operation: 'listAccounts' })).map((account) => account.kf_account)).toEqual([ALICE]);
});

test('sessions: create, get, list, close; the waiting queue empties as followers are served', async () => {
	await onlineWorker(ALICE, '客服小美');
	await control('oa/kf/waiting', { appId: OA.appId, openid: FOLLOWERS[0] });
	await control('oa/kf/waiting', { appId: OA.appId, openid: FOLLOWERS[1] });
	expect(await json({ operation: 'listWaiting' })).toEqual([
		{ waiting: 2, openid: FOLLOWERS[0], latest_time: expect.any(Number) },
		{ waiting: 2, openid: FOLLOWERS[1], latest_time: expect.any(Number) },
	]);

	expect(await json({ operation: 'createSession', kfAccount: ALICE, openid: FOLLOWERS[0] })).toEqual([
		{ kf_account: ALICE, openid: FOLLOWERS[0], created: true },
	]);
	expect(fx.bodies('/customservice/kfsession/create')).toEqual([{ kf_account: ALICE, openid: FOLLOWERS[0] }]);
	expect(await json({ operation: 'getSession', openid: FOLLOWERS[0] })).toEqual([
		{ openid: FOLLOWERS[0], kf_account: ALICE, createtime: expect.any(Number), inSession: true },
	]);
	expect(fx.entries('/customservice/kfsession/getsession')[0].query).toMatchObject({ openid: FOLLOWERS[0] });
	expect(await json({ operation: 'getSession', openid: FOLLOWERS[1] })).toEqual([
		{ openid: FOLLOWERS[1], kf_account: '', createtime: 0, inSession: false },
	]);
	expect(await json({ operation: 'listSessions', kfAccount: ALICE })).toEqual([
		{ kf_account: ALICE, openid: FOLLOWERS[0], createtime: expect.any(Number) },
	]);
	expect(fx.entries('/customservice/kfsession/getsessionlist')[0].query).toMatchObject({ kf_account: ALICE });
	expect(await json({ operation: 'listWaiting' })).toEqual([
		{ waiting: 1, openid: FOLLOWERS[1], latest_time: expect.any(Number) },
	]);

	expect(await json({ operation: 'closeSession', kfAccount: ALICE, openid: FOLLOWERS[0] })).toEqual([
		{ kf_account: ALICE, openid: FOLLOWERS[0], closed: true },
	]);
	expect(fx.bodies('/customservice/kfsession/close')).toEqual([{ kf_account: ALICE, openid: FOLLOWERS[0] }]);
	expect(await json({ operation: 'listSessions', kfAccount: ALICE })).toEqual([]);
});

test.each([
	['an account nobody bound', async () => kf({ operation: 'addAccount', kfAccount: ALICE, nickname: 'A' }), 65402],
	[
		'an offline account',
		async () => {
			await kf({ operation: 'addAccount', kfAccount: ALICE, nickname: 'A' });
			await control('oa/kf/workers', { appId: OA.appId, kfAccount: ALICE, bound: true, online: false });
		},
		65415,
	],
	[
		'a follower another account serves',
		async () => {
			await onlineWorker(BOB, 'B');
			await kf({ operation: 'createSession', kfAccount: BOB, openid: FOLLOWERS[0] });
			await onlineWorker(ALICE, 'A');
		},
		65414,
	],
])('a session with %s is refused with its errcode and a hint', async (_name, setup, errcode) => {
	await setup();
	await expect(kf({ operation: 'createSession', kfAccount: ALICE, openid: FOLLOWERS[0] })).rejects.toMatchObject({
		message: expect.stringContaining(`errcode ${errcode}`),
		description: expect.stringMatching(/\S/),
	});
});

test('WeChat errcodes come with what to do: 65406 exists, 65401 unknown, 65413 no session, 65400 not enabled', async () => {
	await kf({ operation: 'addAccount', kfAccount: ALICE, nickname: 'A' });
	await expect(kf({ operation: 'addAccount', kfAccount: ALICE, nickname: 'A' })).rejects.toMatchObject({
		message: expect.stringContaining('errcode 65406'),
		description: expect.stringContaining('Update Account'),
	});
	await expect(kf({ operation: 'deleteAccount', kfAccount: BOB })).rejects.toMatchObject({
		message: expect.stringContaining('errcode 65401'),
		description: expect.stringContaining('List Accounts'),
	});
	await expect(kf({ operation: 'closeSession', kfAccount: ALICE, openid: FOLLOWERS[0] })).rejects.toMatchObject({
		message: expect.stringContaining('errcode 65413'),
	});
	await control('oa/kf/enabled', { appId: OA.appId, enabled: false });
	await expect(kf({ operation: 'listAccounts' })).rejects.toMatchObject({
		message: expect.stringContaining('errcode 65400'),
		description: expect.stringContaining('客服功能'),
	});
});

test('an unverified account gets 48001 with the reason', async () => {
	fx.emulator.oa.updateAccount({ appId: OA.appId, verified: false });
	await expect(kf({ operation: 'listWaiting' })).rejects.toMatchObject({
		message: expect.stringContaining('errcode 48001'),
	});
});

test('a lost answer to Create Session is retried (WeChat answers 0 for an existing session); Add is not', async () => {
	await onlineWorker(ALICE, 'A');
	fx.emulator.faults.add({ kind: 'resetAfterApply', path: '/customservice/kfsession/create', times: 1 });
	await kf({ operation: 'createSession', kfAccount: ALICE, openid: FOLLOWERS[0] });
	expect(fx.entries('/customservice/kfsession/create')).toHaveLength(2);
	fx.emulator.faults.add({ kind: 'resetAfterApply', path: '/customservice/kfaccount/add', times: 1 });
	await expect(kf({ operation: 'addAccount', kfAccount: BOB, nickname: 'B' })).rejects.toMatchObject({
		description: expect.stringContaining('not sent again'),
	});
	expect(fx.entries('/customservice/kfaccount/add')).toHaveLength(2); // ALICE's, and BOB's once
});

test.each([
	[
		{ operation: 'addAccount', kfAccount: 'alice', nickname: 'A' },
		'Customer-Service Account: "alice" is not prefix@WeChatID',
	],
	[{ operation: 'addAccount', kfAccount: 'a.lice@gh_x', nickname: 'A' }, 'is not prefix@WeChatID'],
	[{ operation: 'addAccount', kfAccount: 'abcdefghijk@gh_x', nickname: 'A' }, 'is not prefix@WeChatID'],
	[
		{ operation: 'addAccount', kfAccount: ALICE, nickname: '一二三四五六七八九十一二三四五六七' },
		'Nickname: is 17 characters',
	],
	[{ operation: 'updateAccount', kfAccount: ALICE, nickname: '={{ "" }}' }, 'Nickname: is empty'],
	[{ operation: 'createSession', kfAccount: ALICE, openid: '={{ "" }}' }, 'Follower OpenID: is empty'],
	[{ operation: 'listSessions', kfAccount: '={{ "" }}' }, 'Customer-Service Account: is empty'],
])('bad input %j is refused before sending', async (parameters, message) => {
	await expect(kf(parameters)).rejects.toMatchObject({ message: expect.stringContaining(message) });
	expect(fx.emulator.log.entries()).toHaveLength(0);
});
