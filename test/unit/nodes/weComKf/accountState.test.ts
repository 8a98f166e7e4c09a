/** WeCom Customer Service → Account (list over pages, contact link) and Service State (get, transfer with its rules). */
import { useWeComFixture, APP } from '../wecomFixture';
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
