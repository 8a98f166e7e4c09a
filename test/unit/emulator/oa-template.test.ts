import { startEmulator, type Emulator } from '../../emulator';
import { FOLLOWERS, OA, oaCall, oaGet, oaToken, OTHER_OA, sendTemplate, TEMPLATE_DATA, TEMPLATE_ID, toChinaMonthStart } from './oa-helpers';

describe('emulator: OA template messages', () => {
	let emulator: Emulator;
	let token: string;

	beforeAll(async () => {
		emulator = await startEmulator({ oaAccounts: [OA, OTHER_OA] });
	});
	afterAll(() => emulator.close());
	beforeEach(async () => {
		emulator.reset();
		token = await oaToken(emulator);
	});

	const errcodeOf = async (body: Record<string, unknown>): Promise<unknown> => (await sendTemplate(emulator, token, body)).json.errcode;

	describe('message/template/send', () => {
		it('sends, answers a numeric msgid above 2^53, records the message and its TEMPLATESENDJOBFINISH event', async () => {
			const { json, bytes } = await sendTemplate(emulator, token, { url: 'https://example.com/order/1', miniprogram: { appid: 'wx_mini', pagepath: 'pages/order?id=1' } });
			expect(json).toEqual({ errcode: 0, errmsg: 'ok', msgid: expect.stringMatching(/^\d{19}$/) });
			expect(bytes.toString()).toContain(`"msgid":${String(json.msgid)}}`); // a bare JSON number, like WeChat's
			expect(BigInt(String(json.msgid))).toBeGreaterThan(2n ** 53n);
			const [message] = emulator.state.oa.templateMessages;
			expect(message).toMatchObject({
				appId: OA.appId,
				msgid: BigInt(String(json.msgid)),
				touser: FOLLOWERS[0],
				templateId: TEMPLATE_ID,
				delivered: { thing1: '运动鞋', time2: '2024年1月1日 12:00', character_string3: 'SF1234567890' },
				url: 'https://example.com/order/1',
				miniprogram: { appid: 'wx_mini', pagepath: 'pages/order?id=1' },
				deduplicated: false,
				status: 'success',
			});
			expect(emulator.oaEvents(OA.appId)).toEqual([
				{
					ToUserName: 'gh_test_oa',
					FromUserName: FOLLOWERS[0],
					CreateTime: expect.any(Number),
					MsgType: 'event',
					Event: 'TEMPLATESENDJOBFINISH',
					MsgID: String(json.msgid),
					Status: 'success',
				},
			]);
		});

		it('seed 003: one template to several openids, each its own msgid and event', async () => {
			const answers = await Promise.all(FOLLOWERS.slice(0, 4).map((touser) => sendTemplate(emulator, token, { touser })));
			const msgids = answers.map((answer) => answer.json.msgid);
			expect(new Set(msgids).size).toBe(4);
			expect(emulator.state.oa.templateMessages.map((message) => message.touser).sort()).toEqual(FOLLOWERS.slice(0, 4));
			expect(emulator.oaEvents(OA.appId).map((event) => ('MsgID' in event ? event.MsgID : '')).sort()).toEqual(msgids.map(String).sort());
		});

		it('drops first/remark and colours silently on an old industry template', async () => {
			const data = { first: { value: '您好', color: '#173177' }, keyword1: { value: '39.8元', color: '#ff0000' }, remark: { value: '谢谢' } };
			expect((await sendTemplate(emulator, token, { template_id: 'tmpl_legacy', data })).json.errcode).toBe(0);
			expect(emulator.state.oa.templateMessages[0].delivered).toEqual({ keyword1: '39.8元' });
		});

		it('a follower who blocked template messages: accepted, event status "failed:user block"', async () => {
			expect(await errcodeOf({ touser: FOLLOWERS[4] })).toBe(0);
			expect(emulator.oaEvents(OA.appId)[0]).toMatchObject({ Status: 'failed:user block', FromUserName: FOLLOWERS[4] });
		});

		it('43004 for a non-follower, 40003 for a missing openid or another account’s, 40037 for an unknown template', async () => {
			expect(await errcodeOf({ touser: 'o_stranger' })).toBe(43004);
			emulator.oa.updateAccount({ appId: OA.appId, removeFollowers: [FOLLOWERS[1]] });
			expect(await errcodeOf({ touser: FOLLOWERS[1] })).toBe(43004);
			expect(await errcodeOf({ touser: undefined })).toBe(40003);
			expect(await errcodeOf({ touser: 'o_other_1' })).toBe(40003);
			expect(await errcodeOf({ template_id: 'nope' })).toBe(40037);
			expect(emulator.state.oa.templateMessages).toEqual([]);
		});

		it('47003 names the data field: missing, too long, badly formatted', async () => {
			const missing = await sendTemplate(emulator, token, { data: { thing1: { value: 'x' }, time2: { value: '12:00' } } });
			expect(missing.json).toEqual({ errcode: 47003, errmsg: expect.stringMatching(/^argument invalid! data\.character_string3\.value is empty rid: /) });
			// Too long is not refused for template messages: the send goes out and the user sees 20 characters.
			const long = await sendTemplate(emulator, token, { data: { ...TEMPLATE_DATA, thing1: { value: '一二三四五六七八九十一二三四五六七八九十一' } } });
			expect(long.json.errcode).toBe(0);
			expect(emulator.state.oa.templateMessages.at(-1)?.delivered.thing1).toBe('一二三四五六七八九十一二三四五六七八九十');
			const time = await sendTemplate(emulator, token, { data: { ...TEMPLATE_DATA, time2: { value: 'tomorrow' } } });
			expect(time.json.errmsg).toMatch(/^argument invalid! data\.time2\.value invalid/);
			const code = await sendTemplate(emulator, token, { data: { ...TEMPLATE_DATA, character_string3: { value: '单号 123' } } });
			expect(code.json.errcode).toBe(47003);
			expect(await errcodeOf({ data: undefined })).toBe(47003);
			expect(await errcodeOf({ data: { ...TEMPLATE_DATA, thing1: { value: 5 } } })).toBe(47001);
			expect(await errcodeOf({ miniprogram: { pagepath: 'x' } })).toBe(47001);
		});

		it('client_msg_id: the same openid + id within 10 minutes answers the original msgid and sends nothing', async () => {
			const first = await sendTemplate(emulator, token, { client_msg_id: 'order-1' });
			const again = await sendTemplate(emulator, token, { client_msg_id: 'order-1' });
			expect(again.json).toEqual(first.json);
			const otherUser = await sendTemplate(emulator, token, { client_msg_id: 'order-1', touser: FOLLOWERS[1] });
			expect(otherUser.json.msgid).not.toBe(first.json.msgid);
			const messages = emulator.state.oa.templateMessages;
			expect(messages.map((message) => message.deduplicated)).toEqual([false, true, false]);
			expect(emulator.oaEvents(OA.appId)).toHaveLength(2);
			emulator.advanceTime(600);
			expect((await sendTemplate(emulator, token, { client_msg_id: 'order-1' })).json.msgid).not.toBe(first.json.msgid);
		});

		it('48001 for a subscription account or an unverified one', async () => {
			emulator.oa.updateAccount({ appId: OA.appId, serviceAccount: false });
			expect(await errcodeOf({})).toBe(48001);
			emulator.oa.updateAccount({ appId: OA.appId, serviceAccount: true, verified: false });
			expect(await errcodeOf({})).toBe(48001);
		});
	});

	describe('template management', () => {
		it('get_all_private_template lists the templates without errcode', async () => {
			const { json } = await oaGet(emulator, '/cgi-bin/template/get_all_private_template', token);
			expect(Object.keys(json)).toEqual(['template_list']);
			expect(json.template_list).toEqual([
				{ template_id: TEMPLATE_ID, title: '订单发货通知', primary_industry: '', deputy_industry: '', content: expect.stringContaining('{{thing1.DATA}}'), example: '' },
				expect.objectContaining({ template_id: 'tmpl_legacy' }),
			]);
		});

		it('api_add_template adds industry and category templates that can then be sent', async () => {
			const industry = await oaCall(emulator, '/cgi-bin/template/api_add_template', token, { template_id_short: 'TM00015' });
			expect(industry.json).toEqual({ errcode: 0, errmsg: 'ok', template_id: expect.stringMatching(/^[\w-]{43}$/) });
			const category = await oaCall(emulator, '/cgi-bin/template/api_add_template', token, { template_id_short: '47123', keyword_name_list: ['金额', '时间'] });
			const templateId = String(category.json.template_id);
			const listed = (await oaGet(emulator, '/cgi-bin/template/get_all_private_template', token)).json.template_list as Array<Record<string, unknown>>;
			expect(listed.find((template) => template.template_id === templateId)).toMatchObject({
				title: '消费提醒',
				content: '金额：{{amount1.DATA}}\n时间：{{time2.DATA}}',
				primary_industry: 'IT科技',
				deputy_industry: '互联网|电子商务',
			});
			const sent = await sendTemplate(emulator, token, { template_id: templateId, data: { amount1: { value: '¥99.00' }, time2: { value: '2024-01-01 12:00' } } });
			expect(sent.json.errcode).toBe(0);
			expect((await sendTemplate(emulator, token, { template_id: templateId, data: { amount1: { value: '九十九' }, time2: { value: '12:00' } } })).json.errcode).toBe(47003);
		});

		it('api_add_template: 40037 unknown short id, 40246 bad keywords, 45026 beyond 25 templates', async () => {
			const add = async (body: Record<string, unknown>): Promise<unknown> => (await oaCall(emulator, '/cgi-bin/template/api_add_template', token, body)).json.errcode;
			expect(await add({ template_id_short: 'TM99999' })).toBe(40037);
			expect(await add({ template_id_short: 'toString' })).toBe(40037);
			expect(await add({ template_id_short: '47123' })).toBe(40246);
			expect(await add({ template_id_short: '47123', keyword_name_list: ['时间', '天气'] })).toBe(40246);
			expect(await add({ template_id_short: '47123', keyword_name_list: ['时间', '时间'] })).toBe(40246);
			for (let i = 2; i < 25; i++) expect(await add({ template_id_short: 'TM00015' })).toBe(0);
			expect(await add({ template_id_short: 'TM00015' })).toBe(45026);
			emulator.reset();
			const fresh = await oaToken(emulator);
			expect((await oaCall(emulator, '/cgi-bin/template/api_add_template', fresh, { template_id_short: 'TM00015' })).json.errcode).toBe(0);
		});

		it('del_private_template removes a template (then 40037 on send and on a second delete)', async () => {
			const del = async (): Promise<unknown> => (await oaCall(emulator, '/cgi-bin/template/del_private_template', token, { template_id: TEMPLATE_ID })).json;
			expect(await del()).toEqual({ errcode: 0, errmsg: 'ok' });
			expect((await sendTemplate(emulator, token)).json.errcode).toBe(40037);
			expect(await del()).toMatchObject({ errcode: 40037 });
		});

		it('industry: get without errcode; set once a month (43100), 40102 for unknown ids', async () => {
			expect((await oaGet(emulator, '/cgi-bin/template/get_industry', token)).json).toEqual({
				primary_industry: { first_class: 'IT科技', second_class: '互联网|电子商务' },
				secondary_industry: { first_class: 'IT科技', second_class: 'IT软件与服务' },
			});
			toChinaMonthStart(emulator);
			token = await oaToken(emulator);
			const set = async (body: Record<string, unknown>): Promise<unknown> => (await oaCall(emulator, '/cgi-bin/template/api_set_industry', token, body)).json.errcode;
			expect(await set({ industry_id1: '99', industry_id2: 1 })).toBe(40102);
			expect(await set({ industry_id1: '10', industry_id2: 41 })).toBe(0);
			expect((await oaGet(emulator, '/cgi-bin/template/get_industry', token)).json.primary_industry).toEqual({ first_class: '餐饮', second_class: '餐饮' });
			expect(await set({ industry_id1: 1, industry_id2: 2 })).toBe(43100);
			emulator.advanceTime(27 * 24 * 3600);
			token = await oaToken(emulator);
			expect(await set({ industry_id1: 1, industry_id2: 2 })).toBe(43100);
			toChinaMonthStart(emulator);
			token = await oaToken(emulator);
			expect(await set({ industry_id1: 1, industry_id2: 2 })).toBe(0);
		});
	});

	describe('message/subscribe/bizsend', () => {
		const bizsend = (body: Record<string, unknown> = {}): ReturnType<typeof oaCall> =>
			oaCall(emulator, '/cgi-bin/message/subscribe/bizsend', token, {
				touser: FOLLOWERS[0],
				template_id: 'sub_tmpl_1',
				page: 'pages/booking',
				data: { thing1: { value: '体检' }, time2: { value: '2024年3月1日 09:00' } },
				...body,
			});

		it('sends once per one-time consent, then 43101', async () => {
			expect((await bizsend()).json).toEqual({ errcode: 0, errmsg: 'ok' });
			expect((await bizsend()).json.errcode).toBe(43101);
			expect(emulator.state.oa.subscribeMessages).toHaveLength(1);
			expect(emulator.state.oa.accounts.find((account) => account.appId === OA.appId)?.subscriptions).toEqual([{ openid: FOLLOWERS[0], templateId: 'sub_tmpl_1', remaining: 0 }]);
		});

		it('a long-term consent never runs out; no consent is 43101; 40037 and 47003 as for templates', async () => {
			expect((await bizsend({ touser: FOLLOWERS[2] })).json.errcode).toBe(43101);
			emulator.oa.addSubscription(OA.appId, { openid: FOLLOWERS[2], templateId: 'sub_tmpl_1' });
			expect((await bizsend({ touser: FOLLOWERS[2] })).json.errcode).toBe(0);
			expect((await bizsend({ touser: FOLLOWERS[2] })).json.errcode).toBe(0);
			expect((await bizsend({ template_id: TEMPLATE_ID })).json.errcode).toBe(40037);
			expect((await bizsend({ data: { thing1: { value: '体检' } } })).json.errcode).toBe(47003);
			expect((await bizsend({ touser: 'o_other_1' })).json.errcode).toBe(40003);
		});
	});
});
