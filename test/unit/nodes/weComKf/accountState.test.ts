/**
 * WeCom Customer Service → Account (list over pages, contact link, create with an uploaded avatar, update, delete),
 * Servicer (add, remove, list) and Service State (get, transfer with its rules).
 */
import { useWeComFixture, APP, pngBytes } from '../wecomFixture';
import { binaryItem } from '../../../helpers/harness';
import { WeComKf } from '../../../../nodes/WeComKf/WeComKf.node';
import type { INodeParameters } from 'n8n-workflow';

const fx = useWeComFixture();
const KFID = 'wkStateTestAccount01';
const CUSTOMER = 'wmStateCustomer';
const kf = () => fx.emulator.wecomKf;
const run = (parameters: INodeParameters) => fx.run(new WeComKf(), parameters);

beforeEach(() => {
	kf().addAccount(APP.corpId, { name: 'Support', open_kfid: KFID, servicers: ['zhangsan'] });
});

test('list reads every page of 100 and outputs one item per account', async () => {
	for (let index = 0; index < 149; index++)
		kf().addAccount(APP.corpId, { name: `Desk ${index}`, open_kfid: `wkDesk${index}` });
	const result = await run({ resource: 'account', operation: 'list' });
	expect(result.items).toHaveLength(150);
	expect(result.items[0].json).toEqual({
		open_kfid: KFID,
		name: 'Support',
		avatar: expect.stringMatching(/^https:/),
		manage_privilege: true,
	});
	expect(fx.entries('/cgi-bin/kf/account/list').map((entry) => entry.json)).toEqual([
		{ offset: 0, limit: 100 },
		{ offset: 100, limit: 100 },
	]);
	const single = await run({ resource: 'account', operation: 'list', output: 'single' });
	expect((single.items[0].json.accounts as unknown[]).length).toBe(150);
});

test('contact link with a scene', async () => {
	const result = await run({
		resource: 'account',
		operation: 'getContactWay',
		openKfid: KFID,
		scene: 'homepage_banner',
	});
	expect(fx.entries('/cgi-bin/kf/add_contact_way')[0].json).toEqual({ open_kfid: KFID, scene: 'homepage_banner' });
	expect(result.items[0].json).toMatchObject({
		open_kfid: KFID,
		scene: 'homepage_banner',
		url: expect.stringContaining(KFID),
	});
	await expect(
		run({ resource: 'account', operation: 'getContactWay', openKfid: KFID, scene: '中文' }),
	).rejects.toMatchObject({ message: expect.stringContaining('Scene') });
	await expect(
		run({ resource: 'account', operation: 'getContactWay', openKfid: 'wkNoSuchAccount' }),
	).rejects.toMatchObject({
		message: expect.stringContaining('95004'),
	});
});

test('service state: get explains the state; transfer to a servicer returns msg_code; a forbidden change is 95016', async () => {
	kf().customerMessage(APP.corpId, KFID, CUSTOMER, 'text', { content: '转人工' });
	const before = await run({ resource: 'serviceState', operation: 'get', openKfid: KFID, externalUserId: CUSTOMER });
	expect(before.items[0].json).toEqual({
		open_kfid: KFID,
		external_userid: CUSTOMER,
		service_state: 0,
		meaning: expect.stringContaining('未处理'),
	});
	const moved = await run({
		resource: 'serviceState',
		operation: 'transfer',
		openKfid: KFID,
		externalUserId: CUSTOMER,
		serviceState: 3,
		servicerUserId: 'zhangsan',
	});
	expect(fx.entries('/cgi-bin/kf/service_state/trans')[0].json).toEqual({
		open_kfid: KFID,
		external_userid: CUSTOMER,
		service_state: 3,
		servicer_userid: 'zhangsan',
	});
	expect(moved.items[0].json.msg_code).toEqual(expect.any(String));
	const after = await run({ resource: 'serviceState', operation: 'get', openKfid: KFID, externalUserId: CUSTOMER });
	expect(after.items[0].json).toMatchObject({ service_state: 3, servicer_userid: 'zhangsan' });
	await run({
		resource: 'serviceState',
		operation: 'transfer',
		openKfid: KFID,
		externalUserId: CUSTOMER,
		serviceState: 4,
	});
	await expect(
		run({ resource: 'serviceState', operation: 'transfer', openKfid: KFID, externalUserId: CUSTOMER, serviceState: 1 }),
	).rejects.toMatchObject({
		message: expect.stringContaining('95016'),
	});
	await expect(
		run({
			resource: 'serviceState',
			operation: 'transfer',
			openKfid: KFID,
			externalUserId: CUSTOMER,
			serviceState: 3,
			servicerUserId: '',
		}),
	).rejects.toMatchObject({
		message: expect.stringContaining('Servicer User ID'),
	});
});

test('create uploads the avatar first, then update renames and deletes; names over 16 characters never leave', async () => {
	const avatar = binaryItem({}, { data: pngBytes(), fileName: 'avatar.png', mimeType: 'image/png' });
	const created = await fx.run(
		new WeComKf(),
		{ resource: 'account', operation: 'create', name: '售后客服', mediaSource: 'binary', binaryPropertyName: 'data' },
		{ items: [avatar] },
	);
	const mediaId = (fx.entries('/cgi-bin/media/upload')[0].response as { media_id: string }).media_id;
	expect(fx.entries('/cgi-bin/media/upload')[0].query.type).toBe('image');
	expect(fx.entries('/cgi-bin/kf/account/add')[0].json).toEqual({ name: '售后客服', media_id: mediaId });
	const openKfid = String(created.items[0].json.open_kfid);
	expect(kf().account(APP.corpId, openKfid)).toMatchObject({ name: '售后客服', media_id: mediaId });

	await run({ resource: 'account', operation: 'update', openKfid, name: '售后服务台' });
	expect(fx.entries('/cgi-bin/kf/account/update')[0].json).toEqual({ open_kfid: openKfid, name: '售后服务台' });
	expect(kf().account(APP.corpId, openKfid)?.name).toBe('售后服务台');
	await expect(run({ resource: 'account', operation: 'update', openKfid, name: '' })).rejects.toMatchObject({
		message: expect.stringContaining('Name'),
	});
	await expect(
		run({ resource: 'account', operation: 'update', openKfid, name: '一二三四五六七八九十一二三四五六七' }),
	).rejects.toMatchObject({
		message: expect.stringContaining('17 characters'),
	});

	await run({ resource: 'account', operation: 'delete', openKfid });
	expect(fx.entries('/cgi-bin/kf/account/del')[0].json).toEqual({ open_kfid: openKfid });
	expect(kf().account(APP.corpId, openKfid)).toBeUndefined();
	expect(fx.entries('/cgi-bin/kf/account/update')).toHaveLength(1);
});

test('servicers: add and remove report a result per member, lists over 100 are split, list shows who receives', async () => {
	const added = await run({ resource: 'servicer', operation: 'add', openKfid: KFID, userIds: 'lisi|wangwu, nobody' });
	expect(fx.entries('/cgi-bin/kf/servicer/add')[0].json).toEqual({
		open_kfid: KFID,
		userid_list: ['lisi', 'wangwu', 'nobody'],
	});
	expect(added.items[0].json).toMatchObject({
		failed: 1,
		results: expect.arrayContaining([expect.objectContaining({ userid: 'nobody', errcode: 60111 })]),
	});
	const listed = await run({ resource: 'servicer', operation: 'list', openKfid: KFID });
	expect(fx.entries('/cgi-bin/kf/servicer/list')[0].query.open_kfid).toBe(KFID);
	expect(listed.items[0].json.servicers).toEqual(
		['zhangsan', 'lisi', 'wangwu'].map((userid) => ({ userid, receiving: true })),
	);
	await run({ resource: 'servicer', operation: 'remove', openKfid: KFID, userIds: 'wangwu' });
	expect(kf().account(APP.corpId, KFID)?.servicers).toEqual(['zhangsan', 'lisi']);

	const many = Array.from({ length: 150 }, (_, index) => `u${index}`).join('|');
	await run({ resource: 'servicer', operation: 'add', openKfid: KFID, userIds: many, departmentIds: '2' });
	const calls = fx
		.entries('/cgi-bin/kf/servicer/add')
		.slice(1)
		.map((entry) => entry.json as { userid_list?: string[]; department_id_list?: number[] });
	expect(calls.map((body) => [body.userid_list?.length, body.department_id_list])).toEqual([
		[100, [2]],
		[50, undefined],
	]);
	await expect(
		run({ resource: 'servicer', operation: 'add', openKfid: KFID, userIds: '', departmentIds: 'abc' }),
	).rejects.toMatchObject({
		message: expect.stringContaining('Department IDs'),
	});
});
