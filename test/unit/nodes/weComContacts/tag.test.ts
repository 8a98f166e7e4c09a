/** WeCom Contacts → Tag against the emulator's directory: bodies on the wire, splitting, ownership, errors. */
import { NodeOperationError, type INodeParameters } from 'n8n-workflow';
import { bulkMembers, directory, useDirectoryFixture, SCOPED_APP } from './directoryFixture';

const fx = useDirectoryFixture();
const tag = (parameters: INodeParameters, options: { sync?: boolean } = {}) =>
	fx.contacts({ resource: 'tag', ...parameters }, options);
const tagState = (tagid: number) => fx.emulator.state.wecom.directory[0].tags.find((entry) => entry.tagid === tagid);

test('List and Get Members', async () => {
	const listed = await tag({ operation: 'list' });
	expect(listed.items.map((item) => item.json)).toEqual([{ tagid: 1, tagname: '经理' }]);
	const members = await tag({ operation: 'getMembers', tagId: 1 });
	expect(members.items[0].json).toEqual({ tagid: 1, tagname: '经理', userlist: [{ userid: 'zhangsan', name: '张三' }], partylist: [4] });
	expect(fx.bodies('/cgi-bin/tag/get')).toEqual([{ tagid: '1' }]);
});

test('Create, Update, Delete: the app may change the tags it created', async () => {
	const created = await tag({ operation: 'create', name: '值班' });
	expect(created.items[0].json).toEqual({ tagid: 2, tagname: '值班' });
	await tag({ operation: 'update', tagId: 2, name: '周末值班' });
	await tag({ operation: 'delete', tagId: 2 });
	expect(fx.bodies('/cgi-bin/tag/create')).toEqual([{ tagname: '值班' }]);
	expect(fx.bodies('/cgi-bin/tag/update')).toEqual([{ tagid: 2, tagname: '周末值班' }]);
	expect(fx.bodies('/cgi-bin/tag/delete')).toEqual([{ tagid: '2' }]);
	expect(tagState(2)).toBeUndefined();
});

test("a tag made in the admin console is changed only with the contact-sync secret; a taken name is 40071", async () => {
	await expect(tag({ operation: 'update', tagId: 1, name: '主管' })).rejects.toMatchObject({ message: expect.stringMatching(/errcode 60011/) });
	await tag({ operation: 'update', tagId: 1, name: '主管' }, { sync: true });
	expect(tagState(1)?.tagname).toBe('主管');
	await tag({ operation: 'create', name: '值班' });
	await expect(tag({ operation: 'create', name: '值班' })).rejects.toMatchObject({
		message: expect.stringMatching(/errcode 40071/),
		description: expect.stringMatching(/Pick a name no other tag has/),
	});
});

test('Add Members splits 1,500 members and 150 departments into calls of 1,000 and 100', async () => {
	const departments = Array.from({ length: 150 }, (_, index) => ({ id: 100 + index, name: `组${index}`, parentid: 1, order: 0 }));
	const config = directory(bulkMembers(1_500));
	fx.seed({ ...config, departments: [...config.departments, ...departments] });
	const users = bulkMembers(1_500).map((entry) => entry.userid);
	const result = await tag(
		{ operation: 'addMembers', tagId: 1, userIds: users, departmentIds: departments.map((entry) => entry.id).join(',') },
		{ sync: true },
	);
	const calls = fx.bodies('/cgi-bin/tag/addtagusers') as Array<{ tagid: number; userlist?: string[]; partylist?: number[] }>;
	expect(calls.map((call) => [call.tagid, call.userlist?.length, call.partylist?.length])).toEqual([
		[1, 1000, 100],
		[1, 500, 50],
	]);
	expect(result.items[0].json).toMatchObject({ calls: 2, invalidlist: [], invalidparty: [] });
	expect(tagState(1)?.users).toHaveLength(1_501);
});

test('Remove Members reports members outside the scope from invalidlist', async () => {
	await tag({ operation: 'create', name: '研发值班' }, { sync: false });
	const scoped = fx.credentials({ corpSecret: SCOPED_APP.corpSecret, agentId: String(SCOPED_APP.agentId) });
	await fx.contacts({ resource: 'tag', operation: 'create', name: '研发' }, { credentials: scoped });
	const added = await fx.contacts(
		{ resource: 'tag', operation: 'addMembers', tagId: 3, userIds: 'lisi|wangwu', departmentIds: '3|4' },
		{ credentials: scoped },
	);
	expect(added.items[0].json).toMatchObject({ invalidlist: ['wangwu'], invalidparty: [4] });
	const removed = await fx.contacts({ resource: 'tag', operation: 'removeMembers', tagId: 3, userIds: 'lisi' }, { credentials: scoped });
	expect(removed.items[0].json).toMatchObject({ userlist: ['lisi'], calls: 1 });
	expect(tagState(3)).toMatchObject({ users: [], parties: [3] });
	expect(fx.bodies('/cgi-bin/tag/deltagusers')).toEqual([{ tagid: 3, userlist: ['lisi'] }]);
	await expect(
		fx.contacts({ resource: 'tag', operation: 'addMembers', tagId: 3, userIds: 'wangwu' }, { credentials: scoped }),
	).rejects.toMatchObject({ message: expect.stringMatching(/errcode 40070/), description: expect.stringMatching(/visible range/) });
});

test('bad input is refused before anything is sent', async () => {
	const cases: Array<[INodeParameters, RegExp]> = [
		[{ operation: 'create', name: '一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三' }, /over WeCom's 32/],
		[{ operation: 'getMembers', tagId: 0 }, /Tag ID/],
		[{ operation: 'addMembers', tagId: 1, userIds: '', departmentIds: '' }, /no member or department/],
		[{ operation: 'addMembers', tagId: 1, userIds: 'ok|not ok' }, /"not ok" is not a UserID/],
		[{ operation: 'removeMembers', tagId: 1, departmentIds: 'x' }, /Department IDs/],
	];
	for (const [parameters, message] of cases) {
		const error = await tag(parameters, { sync: true }).catch((failure: unknown) => failure);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toMatch(message);
	}
	expect(fx.emulator.log.entries().filter((entry) => entry.path.startsWith('/cgi-bin/tag'))).toEqual([]);
});
