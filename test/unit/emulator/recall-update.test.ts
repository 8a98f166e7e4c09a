import { startEmulator, type Emulator } from '../../emulator';
import { APP, call, OTHER_APP, sendMessage, text, tokenOf } from './helpers';

describe('emulator: message/recall', () => {
	let emulator: Emulator;
	let token: string;

	beforeAll(async () => {
		emulator = await startEmulator({ wecomApps: [APP, OTHER_APP] });
	});
	afterAll(() => emulator.close());
	beforeEach(async () => {
		emulator.reset();
		token = await tokenOf(emulator);
	});

	const recall = async (msgid: unknown, withToken = token): Promise<Record<string, unknown>> => (await call(emulator, '/cgi-bin/message/recall', withToken, { msgid })).json;

	it('recalls a message once, and marks it recalled', async () => {
		const { json } = await sendMessage(emulator, token, text('oops'));
		expect(await recall(json.msgid)).toEqual({ errcode: 0, errmsg: 'ok' });
		expect(emulator.state.wecom.messages[0].recalledAt).toEqual(expect.any(Number));
		expect((await recall(json.msgid)).errcode).toBe(40058);
	});

	it('refuses unknown msgids, messages of another app and messages older than 24 h', async () => {
		expect((await recall(undefined)).errcode).toBe(40058);
		expect((await recall('unknown')).errcode).toBe(40058);
		const { json } = await sendMessage(emulator, token, text('old'));
		expect((await recall(json.msgid, await tokenOf(emulator, OTHER_APP))).errcode).toBe(40058);
		emulator.advanceTime(24 * 3600 + 1);
		expect((await recall(json.msgid, await tokenOf(emulator))).errcode).toBe(40058);
	});
});

describe('emulator: message/update_template_card', () => {
	let emulator: Emulator;
	let token: string;
	let responseCode: string;

	const CARD = { card_type: 'vote_interaction', main_title: { title: 'Vote' }, task_id: 'vote', checkbox: { question_key: 'q', option_list: [{ id: 'a', text: 'A' }] }, submit_button: { text: 'OK', key: 'ok' } };

	beforeAll(async () => {
		emulator = await startEmulator({ wecomApps: [APP, OTHER_APP] });
	});
	afterAll(() => emulator.close());
	beforeEach(async () => {
		emulator.reset();
		token = await tokenOf(emulator);
		const { json } = await sendMessage(emulator, token, { touser: 'zhangsan', msgtype: 'template_card', template_card: CARD });
		responseCode = String(json.response_code);
	});

	const update = async (body: Record<string, unknown>, withToken = token): Promise<Record<string, unknown>> =>
		(await call(emulator, '/cgi-bin/message/update_template_card', withToken, { agentid: APP.agentId, response_code: responseCode, userids: ['zhangsan'], ...body })).json;

	it('updates the clicked button once; a second use of the response_code fails', async () => {
		expect(await update({ button: { replace_name: '已处理' } })).toEqual({ errcode: 0, errmsg: 'ok' });
		expect(emulator.state.wecom.cardUpdates).toEqual([expect.objectContaining({ responseCode, body: expect.objectContaining({ button: { replace_name: '已处理' } }) })]);
		expect((await update({ button: { replace_name: 'again' } })).errcode).toBe(40058);
	});

	it('replaces the whole card, accepting the submitted state without controls or task_id', async () => {
		const submitted = { card_type: 'vote_interaction', main_title: { title: 'Vote' }, replace_text: '已提交' };
		expect((await update({ template_card: submitted })).errcode).toBe(0);
	});

	it('validates the replacement card and requires button or template_card', async () => {
		expect((await update({ template_card: { card_type: 'vote_interaction', main_title: { title: 'V' } } })).errcode).toBe(40058);
		const neither = await update({});
		expect(neither.errcode).toBe(40058);
		expect(neither.errmsg).toContain('field button is invalid');
	});

	it('checks the response_code and agent: unknown 40058, another app of the corp 42015 / 301002', async () => {
		expect((await update({ response_code: 'made-up', button: { replace_name: 'x' } })).errcode).toBe(40058);
		const other = await tokenOf(emulator, OTHER_APP);
		expect((await update({ agentid: OTHER_APP.agentId, button: { replace_name: 'x' } }, other)).errcode).toBe(42015);
		expect((await update({ button: { replace_name: 'x' } }, other)).errcode).toBe(301002);
	});

	it('expires response codes after 24 hours', async () => {
		emulator.advanceTime(24 * 3600 + 1);
		expect((await update({ button: { replace_name: 'x' } }, await tokenOf(emulator))).errcode).toBe(40058);
	});

	it('answers 82001 without recipients, reports invalid userids as an array, 81013 when all are invalid', async () => {
		expect((await update({ userids: undefined, button: { replace_name: 'x' } })).errcode).toBe(82001);
		expect((await update({ userids: ['ghost'], button: { replace_name: 'x' } })).errcode).toBe(81013);
		expect(await update({ userids: ['zhangsan', 'Ghost'], button: { replace_name: 'x' } })).toEqual({ errcode: 0, errmsg: 'ok', invaliduser: ['ghost'] });
	});

	it('accepts a response_code registered for a callback, for every recipient with atall', async () => {
		const registered = emulator.registerWeComResponseCode({ corpId: APP.corpId, agentId: APP.agentId });
		expect(await update({ response_code: registered, userids: undefined, atall: 1, button: { replace_name: 'x' } })).toEqual({ errcode: 0, errmsg: 'ok' });
	});
});
