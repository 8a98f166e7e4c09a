/**
 * The recipient pickers: members, departments and tags loaded from the account for WeCom Send, WeCom Group Chat
 * and WeCom Contacts, and what the picked IDs put on the wire next to typed ones.
 */
import type { ICredentialDataDecryptedObject, ILoadOptionsFunctions } from 'n8n-workflow';
import { useDirectoryFixture, EMPTY_APP, SCOPED_APP } from './directoryFixture';
import { getDepartments, getMembers, getTags } from '../../../../nodes/shared/wecom/directoryOptions';
import { WeComGroupChat } from '../../../../nodes/WeComGroupChat/WeComGroupChat.node';
import { WeComSend } from '../../../../nodes/WeComSend/WeComSend.node';
import { WeComContacts } from '../../../../nodes/WeComContacts/WeComContacts.node';
import { OTHER_APP } from '../wecomFixture';

const fx = useDirectoryFixture();
const editor = (credentials: ICredentialDataDecryptedObject = fx.credentials()) =>
	({
		getCredentials: async () => credentials,
		getNode: () => ({ name: 'WeCom Send' }),
	}) as unknown as ILoadOptionsFunctions;
const options = (list: Array<{ name: string; value: string | number | boolean }>) =>
	list.map((option) => [option.name, option.value]);

test('the editor lists members, departments and tags with names beside their IDs', async () => {
	expect(options(await getMembers.call(editor()))).toEqual([
		['李四 (lisi)', 'lisi'],
		['王五 (wangwu)', 'wangwu'],
		['张三 (zhangsan)', 'zhangsan'],
		['赵六 (zhaoliu)', 'zhaoliu'],
	]);
	expect(options(await getDepartments.call(editor()))).toEqual([
		['前端组 (3)', '3'],
		['销售部 (4)', '4'],
		['研发部 (2)', '2'],
		['总部 (1)', '1'],
	]);
	expect(options(await getTags.call(editor()))).toEqual([['经理 (1)', '1']]);
	// One user/simplelist per visible department (WeCom has no recursive member list any more).
	expect(fx.bodies('/cgi-bin/user/simplelist')).toEqual(['1', '2', '3', '4'].map((id) => ({ department_id: id })));
	expect(fx.gettokenCalls()).toBe(1);
});

test('an app sees only its visible range', async () => {
	const scoped = editor(fx.credentials({ corpSecret: SCOPED_APP.corpSecret, agentId: String(SCOPED_APP.agentId) }));
	expect(options(await getMembers.call(scoped))).toEqual([
		['李四 (lisi)', 'lisi'],
		['赵六 (zhaoliu)', 'zhaoliu'],
	]);
	expect(options(await getDepartments.call(scoped)).map(([, value]) => value)).toEqual(['3', '2']);
});

test('a visible range with no department is an error with the fix, not an empty list', async () => {
	const empty = editor(fx.credentials({ corpSecret: EMPTY_APP.corpSecret, agentId: String(EMPTY_APP.agentId) }));
	await expect(getMembers.call(empty)).rejects.toMatchObject({
		message: expect.stringMatching(/The app sees no members: .*可见范围.*type the IDs instead/),
	});
});

test('a directory the app may not read is an error that says why', async () => {
	const other = editor(
		fx.credentials({ corpId: OTHER_APP.corpId, corpSecret: OTHER_APP.corpSecret, agentId: String(OTHER_APP.agentId) }),
	);
	await expect(getDepartments.call(other)).rejects.toMatchObject({
		message: expect.stringMatching(/Could not load the departments: errcode 60011 .*可见范围/),
	});
});

test('every node with pickers offers the three load methods', () => {
	for (const node of [new WeComSend(), new WeComGroupChat(), new WeComContacts()]) {
		expect(Object.keys(node.methods.loadOptions).sort()).toEqual(['getDepartments', 'getMembers', 'getTags']);
	}
});

test('WeCom Send joins picked members, departments and tags to the typed IDs, without repeats', async () => {
	await fx.send({
		operation: 'sendText',
		content: '开会',
		toUser: 'zhangsan|lisi',
		pickedUsers: ['lisi', 'wangwu'],
		pickedParties: ['2'],
		toTag: '',
		pickedTags: ['1'],
	});
	expect(fx.sent()).toEqual([
		expect.objectContaining({ touser: 'zhangsan|lisi|wangwu', toparty: '2', totag: '1', msgtype: 'text' }),
	]);
});

test('a workflow saved before the pickers sends exactly what it sent before', async () => {
	await fx.send({ operation: 'sendText', content: '开会', toUser: 'zhangsan|lisi', toParty: '1' });
	expect(fx.sent()).toEqual([expect.objectContaining({ touser: 'zhangsan|lisi', toparty: '1' })]);
	expect(fx.sent()[0]).not.toHaveProperty('totag');
});

test('WeCom Group Chat creates a chat from picked members', async () => {
	await fx.run(new WeComGroupChat(), {
		resource: 'appChat',
		operation: 'create',
		name: '项目群',
		userList: 'zhangsan',
		pickedUserList: ['lisi', 'zhangsan'],
	});
	expect(fx.entries('/cgi-bin/appchat/create').map((entry) => entry.json)).toEqual([
		{ userlist: ['zhangsan', 'lisi'], name: '项目群' },
	]);
});

test('WeCom Group Chat Update adds and removes picked members with the typed ones', async () => {
	// zhangsan owns the chat: without an owner WeCom picks one at random, and the owner cannot be removed (86207).
	await fx.run(new WeComGroupChat(), {
		resource: 'appChat',
		operation: 'create',
		userList: 'zhangsan|lisi',
		chatId: 'pickchat',
		owner: 'zhangsan',
	});
	await fx.run(new WeComGroupChat(), {
		resource: 'appChat',
		operation: 'update',
		chatId: 'pickchat',
		changes: { addUserList: 'wangwu', pickedAddUserList: ['wangwu'], pickedDelUserList: ['lisi'] },
	});
	expect(fx.entries('/cgi-bin/appchat/update').map((entry) => entry.json)).toEqual([
		{ chatid: 'pickchat', add_user_list: ['wangwu'], del_user_list: ['lisi'] },
	]);
});
