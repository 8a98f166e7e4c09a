import { startEmulator, type Emulator } from '../../emulator';
import { DEFAULT_WECOM_QUOTA } from '../../emulator/wecom/quota';
import { APP, http, OTHER_APP, postJson, sendMessage, text, tokenOf } from './helpers';

describe("emulator: WeCom's quotas (频率限制)", () => {
	let emulator: Emulator;
	let token: string;

	beforeAll(async () => {
		emulator = await startEmulator({ wecomApps: [APP, OTHER_APP], wecomQuota: { callsPerMinute: 3 } });
	});
	afterAll(() => emulator.close());
	beforeEach(async () => {
		emulator.reset();
		emulator.setWeComQuota({ ...DEFAULT_WECOM_QUOTA, callsPerMinute: 3 });
		token = await tokenOf(emulator);
	});

	test('over the corp quota: 45009 without sending, then the API stays blocked for a minute', async () => {
		const touser = ['zhangsan', 'lisi', 'wangwu', 'ZhaoLiu'];
		const answers = [];
		for (const user of touser) answers.push((await sendMessage(emulator, token, text('hi', user))).json.errcode);
		expect(answers).toEqual([0, 0, 0, 45009]);
		expect(emulator.state.wecom.messages).toHaveLength(3);
		// The emulator clock moves on: the refusal's block lasts a whole minute from the refusal.
		emulator.advanceTime(59);
		expect((await sendMessage(emulator, token, text('hi'))).json).toMatchObject({ errcode: 45009, errmsg: expect.stringMatching(/^api freq out of limit/) });
		emulator.advanceTime(2);
		expect((await sendMessage(emulator, token, text('hi'))).json.errcode).toBe(0);
		expect(emulator.state.wecom.quotaRefusals).toBe(2);
	});

	test('the quota is per corp: another app of the same corp shares it', async () => {
		const other = await tokenOf(emulator, OTHER_APP);
		for (let index = 0; index < 3; index++) await sendMessage(emulator, token, text('hi'));
		const answer = await postJson(emulator, `/cgi-bin/message/send?access_token=${other}`, { agentid: OTHER_APP.agentId, ...text('hi') });
		expect(answer.json.errcode).toBe(45009);
	});

	test('over the per-member limits (WeCom: 30 a minute, 1,000 an hour): the call succeeds and the member gets nothing; others still do', async () => {
		emulator.setWeComQuota({ callsPerMinute: 1_000, memberPerMinute: 2, memberPerHour: 3 });
		const answers = [];
		for (let index = 0; index < 3; index++) answers.push((await sendMessage(emulator, token, text(`#${index}`, 'zhangsan|lisi'))).json);
		expect(answers.map((answer) => answer.errcode)).toEqual([0, 0, 0]);
		const [, , third] = emulator.state.wecom.messages;
		expect(third.delivery.users).toEqual([]);
		expect(third.dropped).toEqual(['zhangsan', 'lisi']);
		expect(emulator.state.wecom.memberDrops.map((drop) => [drop.member, drop.msgid])).toEqual([
			['zhangsan', answers[2].msgid],
			['lisi', answers[2].msgid],
		]);
		// A new minute lets one more through; then the hourly limit (3) holds even in a fresh minute.
		emulator.advanceTime(61);
		await sendMessage(emulator, token, text('#3', 'zhangsan'));
		emulator.advanceTime(61);
		await sendMessage(emulator, token, text('#4', 'zhangsan'));
		expect(emulator.state.wecom.messages.slice(3).map((message) => message.delivery.users)).toEqual([['zhangsan'], []]);
		expect((await sendMessage(emulator, token, text('#5', 'wangwu'))).json.errcode).toBe(0);
		expect(emulator.state.wecom.messages[5].delivery.users).toEqual(['wangwu']);
	});

	test('control API: partial updates are kept, bad values refused; reset keeps the configuration', async () => {
		const set = (body: unknown) => postJson(emulator, '/__emulator/wecom/quota', body);
		expect((await set({ memberPerMinute: 5 })).json).toEqual({ ...DEFAULT_WECOM_QUOTA, callsPerMinute: 3, memberPerMinute: 5 });
		expect((await set({ minuteMs: 0 })).status).toBe(400);
		expect((await set({ callsPerMinute: 'many' })).status).toBe(400);
		emulator.reset();
		const state = (await http('GET', `${emulator.url}/__emulator/state`)).json as { wecom: { quota: { memberPerMinute: number } } };
		expect(state.wecom.quota.memberPerMinute).toBe(5);
		expect(() => emulator.setWeComQuota({ memberPerHour: -1 })).toThrow(/memberPerHour/);
	});
});
