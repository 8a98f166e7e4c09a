/** WeCom Contacts → Department against the emulator's directory: bodies on the wire, scope, secrets, errors. */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import { useDirectoryFixture, SCOPED_APP } from './directoryFixture';

const fx = useDirectoryFixture();
const department = (parameters: Record<string, unknown>, options: { sync?: boolean } = {}) =>
	fx.contacts({ resource: 'department', ...parameters } as never, options);

test('List reads the whole tree, or one department and everything below it', async () => {
	const all = await department({ operation: 'list', departmentId: 0 });
	expect(all.items.map((item) => item.json.id)).toEqual([1, 2, 3, 4]);
	const below = await department({ operation: 'list', departmentId: 2 });
	expect(below.items.map((item) => [item.json.id, item.json.name])).toEqual([
		[2, '研发部'],
		[3, '前端组'],
	]);
	expect(fx.entries('/cgi-bin/department/list').map((entry) => entry.query.id)).toEqual([undefined, '2']);
});

test('List IDs answers IDs, parents and order only; an app sees only its visible range', async () => {
	const scoped = fx.credentials({ corpSecret: SCOPED_APP.corpSecret, agentId: String(SCOPED_APP.agentId) });
	const ids = await fx.contacts({ resource: 'department', operation: 'listIds', departmentId: 0 }, { credentials: scoped });
	expect(ids.items.map((item) => item.json)).toEqual([
		{ id: 2, parentid: 1, order: 90 },
		{ id: 3, parentid: 2, order: 80 },
	]);
	await expect(
		fx.contacts({ resource: 'department', operation: 'get', departmentId: 4 }, { credentials: scoped }),
	).rejects.toMatchObject({ message: expect.stringMatching(/errcode 60011/), description: expect.stringMatching(/可见范围/) });
});

test('Get one department', async () => {
	const got = await department({ operation: 'get', departmentId: 2 });
	expect(got.items[0].json).toEqual({ id: 2, name: '研发部', name_en: 'RD', parentid: 1, order: 90 });
});

test('Create, Update and Delete need the contact-sync secret and send WeCom bodies', async () => {
	const created = await department(
		{ operation: 'create', name: '测试部', parentId: 1, additionalFields: { nameEn: 'QA', order: 5 } },
		{ sync: true },
	);
	expect(created.items[0].json).toEqual({ id: 5, name: '测试部', name_en: 'QA', parentid: 1, order: 5 });
	await department({ operation: 'update', departmentId: 5, updateFields: { name: '质量部', parentId: 2 } }, { sync: true });
	await department({ operation: 'delete', departmentId: 5 }, { sync: true });
	expect(fx.bodies('/cgi-bin/department/create')).toEqual([{ name: '测试部', name_en: 'QA', parentid: 1, order: 5 }]);
	expect(fx.bodies('/cgi-bin/department/update')).toEqual([{ id: 5, name: '质量部', parentid: 2 }]);
	expect(fx.bodies('/cgi-bin/department/delete')).toEqual([{ id: '5' }]);
	expect(fx.emulator.state.wecom.directory[0].departments.map((entry) => entry.id)).toEqual([1, 2, 3, 4]);
});

test("the app's own secret cannot write: 48009 says which secret to use", async () => {
	const error = await department({ operation: 'create', name: '测试部', parentId: 1 }).catch((failure: unknown) => failure);
	expect(error).toBeInstanceOf(NodeApiError);
	expect(error).toMatchObject({
		message: expect.stringMatching(/department\/create failed with errcode 48009/),
		description: expect.stringMatching(/通讯录同步 Secret.*second WeCom credential/),
	});
	expect(fx.emulator.state.wecom.directory[0].departments).toHaveLength(4);
});

test('WeCom refuses to delete a department with members, and says what to do', async () => {
	await expect(department({ operation: 'delete', departmentId: 4 }, { sync: true })).rejects.toMatchObject({
		message: expect.stringMatching(/errcode 60005/),
		description: expect.stringMatching(/Move or delete its members first/),
	});
});

test('bad input is refused before anything is sent', async () => {
	for (const parameters of [
		{ operation: 'delete', departmentId: 1 },
		{ operation: 'get', departmentId: -3 },
		{ operation: 'create', name: 'a<b', parentId: 1 },
		{ operation: 'create', name: '部'.repeat(33), parentId: 1 },
		{ operation: 'update', departmentId: 2, updateFields: {} },
		{ operation: 'update', departmentId: 2, updateFields: { parentId: 2 } },
	]) {
		await expect(department(parameters, { sync: true })).rejects.toBeInstanceOf(NodeOperationError);
	}
	expect(fx.emulator.log.entries().filter((entry) => entry.path.startsWith('/cgi-bin/department'))).toEqual([]);
});
