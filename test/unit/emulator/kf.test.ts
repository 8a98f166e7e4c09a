/** The emulator's WeChat Customer Service: sync_msg paging and tokens, the control routes, the send rules. */
import { startEmulator, type Emulator } from '../../emulator';
import { APP, gettoken, postJson } from './helpers';

let emulator: Emulator;
let token: string;
const KFID = 'wkEmulatorKfTest';

beforeAll(async () => {
	emulator = await startEmulator({ wecomApps: [APP] });
});
afterAll(async () => {
	await emulator.close();
});
beforeEach(async () => {
	emulator.reset();
	emulator.wecomKf.addAccount(APP.corpId, { name: 'Desk', open_kfid: KFID, servicers: ['zhangsan'] });
	token = String((await gettoken(emulator)).json.access_token);
});

const api = (path: string, body: unknown) => postJson(emulator, `${path}?access_token=${token}`, body);

test('sync_msg pages by the cursor with has_more, and only with a live msg token', async () => {
	let msgToken = '';
	for (let index = 0; index < 5; index++) msgToken = emulator.wecomKf.customerMessage(APP.corpId, KFID, 'wmA', 'text', { content: `m${index}` });
	const first = await api('/cgi-bin/kf/sync_msg', { token: msgToken, limit: 3, open_kfid: KFID });
	expect(first.json).toMatchObject({ errcode: 0, has_more: 1 });
	expect((first.json.msg_list as Array<{ text: { content: string } }>).map((m) => m.text.content)).toEqual(['m0', 'm1', 'm2']);
	const second = await api('/cgi-bin/kf/sync_msg', { token: msgToken, cursor: first.json.next_cursor, limit: 3, open_kfid: KFID });
	expect(second.json).toMatchObject({ errcode: 0, has_more: 0 });
	expect((second.json.msg_list as unknown[]).length).toBe(2);
	expect((await api('/cgi-bin/kf/sync_msg', { token: msgToken, limit: 1001 })).json.errcode).toBe(40058);
	expect((await api('/cgi-bin/kf/sync_msg', { token: msgToken, open_kfid: 'wkNobody' })).json.errcode).toBe(95004);
	emulator.advanceTime(601);
	expect((await api('/cgi-bin/kf/sync_msg', { token: msgToken })).json.errcode).toBe(95007);
});

test('the control route makes a customer write and returns the kf_msg_or_event to push', async () => {
	const reply = await postJson(emulator, '/__emulator/wecom/kf/customer_message', { corpId: APP.corpId, open_kfid: KFID, external_userid: 'wmB', text: '你好' });
	expect(reply.json.event).toMatchObject({ ToUserName: APP.corpId, MsgType: 'event', Event: 'kf_msg_or_event', OpenKfId: KFID, Token: expect.any(String) });
	expect((await postJson(emulator, '/__emulator/wecom/kf/customer_message', { corpId: APP.corpId, open_kfid: 'wkNobody', external_userid: 'wmB', text: 'x' })).status).toBe(400);
});

test('send_msg: the 48 h window closes (95002); a customer who never wrote has no session to send in (95018)', async () => {
	const body = { touser: 'wmC', open_kfid: KFID, msgtype: 'text', text: { content: 'hi' } };
	emulator.wecomKf.customerMessage(APP.corpId, KFID, 'wmC', 'text', { content: 'hello' });
	expect((await api('/cgi-bin/kf/send_msg', body)).json.errcode).toBe(0);
	emulator.advanceTime(48 * 3600 + 1);
	token = String((await gettoken(emulator)).json.access_token);
	expect((await api('/cgi-bin/kf/send_msg', body)).json.errcode).toBe(95002);
	expect((await api('/cgi-bin/kf/send_msg', { ...body, touser: 'wmNever' })).json.errcode).toBe(95018);
});

test('send_msg_on_event: a welcome_code lasts 20 s, the code of a transfer to a servicer 48 h', async () => {
	const late = emulator.wecomKf.enterSession(APP.corpId, KFID, 'wmD');
	emulator.advanceTime(21);
	const text = { msgtype: 'text', text: { content: '欢迎' } };
	expect((await api('/cgi-bin/kf/send_msg_on_event', { code: late.welcomeCode, ...text })).json.errcode).toBe(40058);
	emulator.wecomKf.customerMessage(APP.corpId, KFID, 'wmD', 'text', { content: '人工' });
	const moved = await api('/cgi-bin/kf/service_state/trans', { open_kfid: KFID, external_userid: 'wmD', service_state: 3, servicer_userid: 'zhangsan' });
	emulator.advanceTime(3600);
	token = String((await gettoken(emulator)).json.access_token);
	expect((await api('/cgi-bin/kf/send_msg_on_event', { code: moved.json.msg_code, ...text })).json.errcode).toBe(0);
});

test('servicer add / del: a repeat or a non-servicer is "ignored" with errcode 0, an unknown member 60111', async () => {
	const add = await api('/cgi-bin/kf/servicer/add', { open_kfid: KFID, userid_list: ['zhangsan', 'lisi', 'nobody'] });
	expect(add.json.result_list).toEqual([
		{ userid: 'zhangsan', errcode: 0, errmsg: 'ignored' },
		{ userid: 'lisi', errcode: 0, errmsg: 'success' },
		{ userid: 'nobody', errcode: 60111, errmsg: 'invalid userid' },
	]);
	const del = await api('/cgi-bin/kf/servicer/del', { open_kfid: KFID, userid_list: ['wangwu', 'lisi'] });
	expect(del.json.result_list).toEqual([
		{ userid: 'wangwu', errcode: 0, errmsg: 'ignored' },
		{ userid: 'lisi', errcode: 0, errmsg: 'success' },
	]);
	expect((await api('/cgi-bin/kf/servicer/add', { open_kfid: KFID, userid_list: Array.from({ length: 101 }, (_, i) => `u${i}`) })).json.errcode).toBe(40058);
});
