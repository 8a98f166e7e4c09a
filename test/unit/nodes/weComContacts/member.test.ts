/** WeCom Contacts → Member against the emulator's directory: bodies on the wire, pages, splits, secrets, hints. */
import { NodeApiError, NodeOperationError, type INodeParameters } from 'n8n-workflow';
import { bulkMembers, directory, useDirectoryFixture, SCOPED_APP } from './directoryFixture';

const fx = useDirectoryFixture();
const member = (parameters: INodeParameters, options: { sync?: boolean; continueOnFail?: boolean } = {}) =>
	fx.contacts({ resource: 'member', ...parameters }, options);
const scoped = () => fx.credentials({ corpSecret: SCOPED_APP.corpSecret, agentId: String(SCOPED_APP.agentId) });

test('Get passes on what WeCom answers; an app created since 2022 gets no mobile or e-mail', async () => {
	const full = await member({ operation: 'get', userId: 'lisi' });
	expect(full.items[0].json).toEqual({ userid: 'lisi', name: '李四', department: [2, 3], mobile: '13800000002', gender: '1', status: 1 });
	const restricted = await fx.contacts({ resource: 'member', operation: 'get', userId: 'lisi' }, { credentials: scoped() });
	expect(restricted.items[0].json).toEqual({ userid: 'lisi', name: '李四', department: [2, 3], status: 1 });
	expect(fx.bodies('/cgi-bin/user/get')).toEqual([{ userid: 'lisi' }, { userid: 'lisi' }]);
});

test('Get of a member outside the visible range, or of nobody, says what is wrong', async () => {
	await expect(fx.contacts({ resource: 'member', operation: 'get', userId: 'wangwu' }, { credentials: scoped() })).rejects.toMatchObject({
		message: expect.stringMatching(/errcode 60011/),
		description: expect.stringMatching(/可见范围/),
	});
	await expect(member({ operation: 'get', userId: 'nobody' })).rejects.toMatchObject({
		message: expect.stringMatching(/errcode 60111/),
		description: expect.stringMatching(/UserID does not exist.*账号/),
	});
});

test('List with details reads one department, or everything below it', async () => {
	const direct = await member({ operation: 'list', detail: 'details', departmentId: 2 });
	expect(direct.items.map((item) => item.json.userid)).toEqual(['lisi']);
	const below = await member({ operation: 'list', detail: 'details', departmentId: 2, fetchChild: true });
	expect(below.items.map((item) => item.json.userid)).toEqual(['lisi', 'zhaoliu']);
	// WeCom's user/list has no fetch_child any more: the sub-departments come from department/simplelist.
	expect(fx.bodies('/cgi-bin/department/simplelist')).toEqual([{ id: '2' }]);
	expect(fx.bodies('/cgi-bin/user/list')).toEqual([{ department_id: '2' }, { department_id: '2' }, { department_id: '3' }]);
});

test('List IDs reads every user/list_id page with the cursor and folds departments per member', async () => {
	fx.seed(directory(bulkMembers(10_500)));
	const listed = await member({ operation: 'list', detail: 'ids', departmentId: 0 }, { sync: true });
	expect(listed.items).toHaveLength(10_504);
	expect(listed.items[1].json).toEqual({ userid: 'lisi', department: [2, 3] });
	const pages = fx.bodies('/cgi-bin/user/list_id') as Array<{ cursor?: string; limit: number }>;
	expect(pages).toHaveLength(2);
	expect(pages[0]).toEqual({ limit: 10_000 });
	expect(pages[1].cursor).toEqual(expect.any(String));
	const front = await member({ operation: 'list', detail: 'ids', departmentId: 3 }, { sync: true });
	expect(front.items.map((item) => item.json.userid)).toEqual(['lisi', 'zhaoliu']);
});

test('List IDs with the app secret: 48009 names the contact-sync secret', async () => {
	const error = await member({ operation: 'list', detail: 'ids', departmentId: 0 }).catch((failure: unknown) => failure);
	expect(error).toBeInstanceOf(NodeApiError);
	expect((error as NodeApiError).description).toMatch(/通讯录同步 Secret/);
});

test('Create, Update and Delete send WeCom bodies with the contact-sync secret', async () => {
	await member(
		{
			operation: 'create',
			userId: 'xiaoming',
			name: '小明',
			departmentIds: '2|3',
			additionalFields: { mobile: '13800000009', position: '工程师', gender: '1', mainDepartment: 3, toInvite: false },
		},
		{ sync: true },
	);
	await member({ operation: 'update', userId: 'xiaoming', updateFields: { position: '架构师', enable: false, departmentIds: '3' } }, { sync: true });
	const deleted = await member({ operation: 'delete', userId: 'xiaoming' }, { sync: true });
	expect(fx.bodies('/cgi-bin/user/create')).toEqual([
		{ userid: 'xiaoming', name: '小明', department: [2, 3], mobile: '13800000009', position: '工程师', gender: '1', main_department: 3, to_invite: false },
	]);
	expect(fx.bodies('/cgi-bin/user/update')).toEqual([{ userid: 'xiaoming', position: '架构师', department: [3], enable: 0 }]);
	expect(deleted.items[0].json).toEqual({ userid: 'xiaoming', deleted: true });
	expect(fx.emulator.state.wecom.directory[0].members.map((entry) => entry.userid)).not.toContain('xiaoming');
});

test("Create with the app's own secret is refused with the two-credential fix", async () => {
	await expect(
		member({ operation: 'create', userId: 'xiaoming', name: '小明', departmentIds: '1', additionalFields: { mobile: '13800000009' } }),
	).rejects.toMatchObject({ message: expect.stringMatching(/errcode 48009/), description: expect.stringMatching(/second WeCom credential/) });
});

test('Create of an existing UserID, or a taken mobile, is refused with WeCom’s reason', async () => {
	await expect(
		member({ operation: 'create', userId: 'lisi', name: '李四', departmentIds: '1', additionalFields: { email: 'x@example.com' } }, { sync: true }),
	).rejects.toMatchObject({ message: expect.stringMatching(/errcode 60102/) });
	await expect(
		member({ operation: 'create', userId: 'lisi2', name: '李四', departmentIds: '1', additionalFields: { mobile: '13800000002' } }, { sync: true }),
	).rejects.toMatchObject({ message: expect.stringMatching(/errcode 60104/), description: expect.stringMatching(/own mobile/) });
});

test('Delete Many splits 450 UserIDs into calls of 200, 200 and 50', async () => {
	fx.seed(directory(bulkMembers(450)));
	const ids = bulkMembers(450).map((entry) => entry.userid);
	const result = await member({ operation: 'deleteMany', userIds: ids.join('|') }, { sync: true });
	expect(result.items[0].json.deleted).toBe(450);
	expect((fx.bodies('/cgi-bin/user/batchdelete') as Array<{ useridlist: string[] }>).map((body) => body.useridlist.length)).toEqual([200, 200, 50]);
	expect(fx.emulator.state.wecom.directory[0].members).toHaveLength(4);
});

test('Delete Many stops at a refused call and says how many were already deleted', async () => {
	fx.seed(directory(bulkMembers(250)));
	const ids = [...bulkMembers(250).map((entry) => entry.userid), 'nobody'];
	await expect(member({ operation: 'deleteMany', userIds: ids }, { sync: true })).rejects.toMatchObject({
		message: expect.stringMatching(/errcode 40031.*first 200 UserIDs were deleted/),
	});
});

test('Get User ID by mobile and by e-mail; a number nobody has is 46004', async () => {
	const byMobile = await member({ operation: 'getUserId', by: 'mobile', mobile: '13800000004' });
	const byMail = await member({ operation: 'getUserId', by: 'email', email: 'zhangsan@corp.example', emailType: 1 });
	expect([byMobile.items[0].json, byMail.items[0].json]).toEqual([
		{ mobile: '13800000004', userid: 'zhaoliu' },
		{ email: 'zhangsan@corp.example', userid: 'zhangsan' },
	]);
	expect(fx.bodies('/cgi-bin/user/get_userid_by_email')).toEqual([{ email: 'zhangsan@corp.example', email_type: 1 }]);
	await expect(member({ operation: 'getUserId', by: 'mobile', mobile: '13900000000' })).rejects.toMatchObject({
		message: expect.stringMatching(/errcode 46004/),
	});
});

test('Convert a UserID to an openid and back', async () => {
	const openid = (await member({ operation: 'convertToOpenid', userId: 'lisi' })).items[0].json.openid as string;
	expect(openid).toMatch(/^o/);
	const back = await member({ operation: 'convertToUserid', openId: openid });
	expect(back.items[0].json).toEqual({ openid, userid: 'lisi' });
	expect(fx.bodies('/cgi-bin/user/convert_to_openid')).toEqual([{ userid: 'lisi' }]);
});

test('Invite sends members, departments and tags and reports those WeCom refused', async () => {
	const result = await member({ operation: 'invite', userIds: 'lisi|nobody', departmentIds: '3', tagIds: '1' });
	expect(fx.bodies('/cgi-bin/batch/invite')).toEqual([{ user: ['lisi', 'nobody'], party: [3], tag: [1] }]);
	expect(result.items[0].json).toMatchObject({ invaliduser: ['nobody'], invalidparty: [], invalidtag: [] });
});

test('Get Join QR Code downloads the picture into a binary property', async () => {
	const result = await member({ operation: 'getJoinQrCode', sizeType: 3, outputBinaryPropertyName: 'qr' }, { sync: true });
	expect(fx.bodies('/cgi-bin/corp/get_join_qrcode')).toEqual([{ size_type: '3' }]);
	expect(result.items[0].json).toMatchObject({ size_type: 3, mimeType: 'image/png' });
	expect((await result.binary(0, 'qr')).subarray(1, 4).toString()).toBe('PNG');
});

test('bad input is refused before anything is sent, naming the field', async () => {
	const cases: Array<[INodeParameters, RegExp]> = [
		[{ operation: 'get', userId: '张三' }, /User ID: "张三" is not a UserID/],
		[{ operation: 'create', userId: 'a1', name: '甲', departmentIds: '1', additionalFields: {} }, /no mobile or e-mail/],
		[{ operation: 'create', userId: 'a1', name: '甲', departmentIds: '0', additionalFields: { mobile: '13800000000' } }, /Department IDs/],
		[{ operation: 'create', userId: 'a1', name: '甲', departmentIds: '2', additionalFields: { mobile: '13800000000', mainDepartment: 3 } }, /Main Department ID/],
		[{ operation: 'update', userId: 'lisi', updateFields: {} }, /nothing to change/],
		[{ operation: 'update', userId: 'lisi', updateFields: { email: 'not-an-address' } }, /E-Mail/],
		[{ operation: 'deleteMany', userIds: '={{ [] }}' }, /User IDs: is empty/],
		[{ operation: 'invite', userIds: Array.from({ length: 1001 }, (_, index) => `u${index}`).join('|') }, /over WeCom's limit of 1000/],
		[{ operation: 'getUserId', by: 'mobile', mobile: 'abc' }, /Mobile/],
	];
	for (const [parameters, message] of cases) {
		const error = await member(parameters, { sync: true }).catch((failure: unknown) => failure);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toMatch(message);
	}
	expect(fx.emulator.log.entries().filter((entry) => entry.path !== '/cgi-bin/gettoken')).toEqual([]);
});

test.each([
	[60020, /trusted IPs \(企业可信IP/],
	[48002, /contact-sync secret only works from IPs trusted on 管理工具 → 通讯录同步/],
])('errcode %i on a directory call becomes an error naming the setting to change', async (errcode, hint) => {
	fx.emulator.faults.add({ kind: 'errcode', errcode, path: '/cgi-bin/user/list_id' });
	const failed = await member({ operation: 'list', detail: 'ids', departmentId: 0 }, { sync: true, continueOnFail: true });
	expect(failed.items[0].json.error).toMatch(new RegExp(`errcode ${errcode}`));
	await expect(member({ operation: 'list', detail: 'ids', departmentId: 0 }, { sync: true })).resolves.toBeDefined();
	fx.emulator.faults.add({ kind: 'errcode', errcode, path: '/cgi-bin/user/list_id' });
	await expect(member({ operation: 'list', detail: 'ids', departmentId: 0 }, { sync: true })).rejects.toMatchObject({
		description: expect.stringMatching(hint),
	});
});

test('the secret never appears in an output or an error', async () => {
	const failed = await member({ operation: 'create', userId: 'x1', name: '甲', departmentIds: '1', additionalFields: { mobile: '13800000010' } }, { continueOnFail: true });
	const sync = await member({ operation: 'list', detail: 'ids', departmentId: 0 }, { sync: true });
	const text = JSON.stringify([failed.items, sync.items]);
	expect(text).not.toContain(fx.credentials().corpSecret as string);
	expect(text).not.toContain('contact-sync-secret');
	expect(text).not.toMatch(/access_token=/);
});
