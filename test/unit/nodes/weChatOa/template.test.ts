/** WeChat OA Template against the emulator: exact requests, token behaviour, safe retries, checks before sending. */
import { NodeOperationError } from 'n8n-workflow';
import type { ILoadOptionsFunctions, INodeParameters } from 'n8n-workflow';
import { useOaFixture, FOLLOWERS, ORDER_TEMPLATE, OA } from '../oaFixture';
import { WeChatOaTemplate } from '../../../../nodes/WeChatOaTemplate/WeChatOaTemplate.node';
import { getTemplateKeywords, getTemplates } from '../../../../nodes/WeChatOaTemplate/methods/loadOptions';

const fx = useOaFixture();
const template = (parameters: INodeParameters, options: Parameters<typeof fx.run>[2] = {}) =>
	fx.run(new WeChatOaTemplate(), parameters, options);
const send = { resource: 'templateMessage', operation: 'send', templateId: ORDER_TEMPLATE };
const data = {
	keyword: [
		{ keyword: 'thing1', value: '运动鞋' },
		{ keyword: 'time2', value: '2026年11月23日 08:05' },
		{ keyword: 'character_string3', value: 'SF1234567890' },
	],
};
const sent = () => fx.bodies('/cgi-bin/message/template/send') as Array<Record<string, unknown>>;

test('seed 003: a template message to a list of openids, one stable_token for all of them', async () => {
	const items = FOLLOWERS.slice(0, 4).map((openid) => ({ json: { openid, sku: '运动鞋' } }));
	const result = await template(
		{
			...send,
			toUser: '={{ $json.openid }}',
			data: { keyword: [{ keyword: 'thing1', value: '={{ $json.sku }}' }, ...data.keyword.slice(1)] },
			additionalFields: { url: 'https://shop.example.com/o/1' },
		},
		{ items },
	);
	expect(sent().map((body) => ({ ...body, client_msg_id: typeof body.client_msg_id }))).toEqual(
		items.map((item) => ({
			touser: item.json.openid,
			template_id: ORDER_TEMPLATE,
			url: 'https://shop.example.com/o/1',
			data: {
				thing1: { value: '运动鞋' },
				time2: { value: '2026年11月23日 08:05' },
				character_string3: { value: 'SF1234567890' },
			},
			client_msg_id: 'string',
		})),
	);
	expect(result.items.map((item) => [item.json.touser, item.json.warnings])).toEqual(
		items.map((item) => [item.json.openid, []]),
	);
	expect(result.items.every((item) => /^\d+$/.test(String(item.json.msgid)))).toBe(true);
	expect(fx.account().stableTokenCalls).toBe(1);
	expect(fx.account().tokenCalls).toBe(0); // never the classic /cgi-bin/token
	expect(fx.entries('/cgi-bin/template/get_all_private_template')).toHaveLength(1); // keyword check: once per run
});

test('1,000 items cost one stable_token call', async () => {
	const items = Array.from({ length: 1000 }, (_, index) => ({ json: { openid: FOLLOWERS[index % 4] } }));
	const result = await template(
		{ ...send, toUser: '={{ $json.openid }}', data, options: { concurrency: 10 } },
		{ items },
	);
	expect(result.items).toHaveLength(1000);
	expect(fx.account().stableTokenCalls).toBe(1);
	expect(sent()).toHaveLength(1000);
});

test('JSON data, a mini program jump and a given client message ID', async () => {
	await template({
		...send,
		toUser: FOLLOWERS[0],
		dataInput: 'json',
		dataJson: JSON.stringify({ thing1: '运动鞋', time2: { value: '2026年11月23日 08:05' }, character_string3: 'SF1' }),
		additionalFields: { miniProgramAppId: 'wx_mini', miniProgramPagePath: 'pages/order' },
		options: { clientMsgId: 'order-42-shipped' },
	});
	expect(sent()).toEqual([
		{
			touser: FOLLOWERS[0],
			template_id: ORDER_TEMPLATE,
			miniprogram: { appid: 'wx_mini', pagepath: 'pages/order' },
			data: {
				thing1: { value: '运动鞋' },
				time2: { value: '2026年11月23日 08:05' },
				character_string3: { value: 'SF1' },
			},
			client_msg_id: 'order-42-shipped',
		},
	]);
});

test('values that break the 2023-05 rules are sent, with warnings', async () => {
	const result = await template({
		resource: 'templateMessage',
		operation: 'send',
		templateId: 'tmpl_legacy',
		toUser: FOLLOWERS[0],
		data: {
			keyword: [
				{ keyword: 'first', value: '您好' },
				{ keyword: 'keyword1', value: '一二三四五六七八九十一二三四五六七八九十一🎉', color: '#FF0000' },
				{ keyword: 'remark', value: '谢谢' },
			],
		},
	});
	expect(sent()).toHaveLength(1);
	expect(result.items[0].json.warnings).toEqual([
		'first: WeChat no longer shows the header/footer fields (first, remark) since 2023-05; this value is dropped',
		'keyword1: 22 characters; WeChat shows at most 20 since 2023-05 and cuts the rest',
		'keyword1: emoji are dropped since 2023-05',
		'keyword1: custom colours are ignored since 2023-05',
		'remark: WeChat no longer shows the header/footer fields (first, remark) since 2023-05; this value is dropped',
	]);
});

test('an unknown template keyword or template is refused before sending', async () => {
	const bad = await template({
		...send,
		toUser: FOLLOWERS[0],
		data: { keyword: [...data.keyword, { keyword: 'thing9', value: 'x' }] },
	}).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(bad).toBeInstanceOf(NodeOperationError);
	expect((bad as Error).message).toBe('Data: "thing9" is not a keyword of "订单发货通知"');
	expect((bad as NodeOperationError).description).toBe('Its keywords are: thing1, time2, character_string3.');
	await expect(template({ ...send, templateId: 'tmpl_nope', toUser: FOLLOWERS[0], data })).rejects.toMatchObject({
		message: 'Template: "tmpl_nope" is not a template of this account',
	});
	expect(sent()).toEqual([]);
});

test('a send retried after a reset carries the same client_msg_id and is delivered once', async () => {
	fx.emulator.faults.add({ kind: 'resetAfterApply', path: '/cgi-bin/message/template/send' });
	const result = await template({ ...send, toUser: FOLLOWERS[0], data });
	const ids = sent().map((body) => body.client_msg_id);
	expect(ids).toHaveLength(2);
	expect(ids[0]).toBe(ids[1]);
	expect(result.items[0].json.client_msg_id).toBe(ids[0]);
	expect(fx.emulator.state.oa.templateMessages.filter((m) => !m.deduplicated)).toHaveLength(1);
});

test('a non-follower is errcode 43004 with a hint', async () => {
	await expect(template({ ...send, toUser: 'o_stranger', data })).rejects.toMatchObject({
		message: expect.stringMatching(/errcode 43004/),
		description: expect.stringMatching(/follow the Official Account/),
	});
});

describe('token-invalid errcodes are each recovered once', () => {
	test.each([40001, 40014, 42001, 42007])('%i', async (errcode) => {
		await template({ ...send, toUser: FOLLOWERS[0], data });
		if (errcode === 42001) fx.emulator.expireTokens();
		else fx.emulator.oa.revokeTokens({ appId: OA.appId }, errcode as 40001 | 40014 | 42007);
		const result = await template({ ...send, toUser: FOLLOWERS[1], data });
		expect(result.items[0].json.msgid).toBeTruthy();
		// The first call of the run (the keyword check's template list) meets the refusal, then everything succeeds.
		const answers = fx.emulator.log
			.entries()
			.filter((entry) => entry.path !== '/cgi-bin/stable_token')
			.map((entry) => (entry.response as { errcode?: number }).errcode ?? 0);
		expect(answers).toEqual([0, 0, errcode, 0, 0]);
		expect(fx.account().stableTokenCalls).toBe(2);
	});

	test('a refused token that stable_token hands out again is force-refreshed, once per 30 s', async () => {
		fx.emulator.faults.add({ kind: 'errcode', errcode: 40001, path: '/cgi-bin/message/template/send' });
		await template({ ...send, toUser: FOLLOWERS[0], data });
		expect(fx.account().forceRefreshCalls).toBe(1);
		fx.emulator.faults.add({ kind: 'errcode', errcode: 40001, path: '/cgi-bin/message/template/send', times: 2 });
		await expect(template({ ...send, toUser: FOLLOWERS[0], data })).rejects.toMatchObject({
			message: expect.stringMatching(/errcode 40001/),
		});
		expect(fx.account().forceRefreshCalls).toBe(1);
	});
});

test('template management: list with keywords, add, delete; industry get and set', async () => {
	const list = await template({ resource: 'template', operation: 'list' });
	expect(list.items.map((item) => [item.json.template_id, item.json.keywords])).toEqual([
		[ORDER_TEMPLATE, ['thing1', 'time2', 'character_string3']],
		['tmpl_legacy', ['first', 'keyword1', 'remark']],
	]);
	const added = await template({
		resource: 'template',
		operation: 'add',
		templateIdShort: 'TM00015',
		keywordNames: '',
	});
	expect(fx.bodies('/cgi-bin/template/api_add_template')).toEqual([{ template_id_short: 'TM00015' }]);
	await template({ resource: 'template', operation: 'delete', templateId: String(added.items[0].json.template_id) });
	expect(fx.bodies('/cgi-bin/template/del_private_template')).toEqual([
		{ template_id: added.items[0].json.template_id },
	]);
	const industry = await template({ resource: 'industry', operation: 'get' });
	expect(Object.keys(industry.items[0].json)).toEqual(['primary_industry', 'secondary_industry']);
	await template({ resource: 'industry', operation: 'set', industryId1: 1, industryId2: 4 });
	expect(fx.bodies('/cgi-bin/template/api_set_industry')).toEqual([{ industry_id1: '1', industry_id2: '4' }]);
	await expect(
		template({ resource: 'industry', operation: 'set', industryId1: 1, industryId2: 5 }),
	).rejects.toMatchObject({ message: expect.stringMatching(/errcode 43100/) });
});

test('subscription message (bizsend): sent to a subscriber, refused (43101) otherwise', async () => {
	const params = {
		resource: 'subscribeMessage',
		operation: 'send',
		templateId: 'sub_tmpl_1',
		data: {
			keyword: [
				{ keyword: 'thing1', value: '体检' },
				{ keyword: 'time2', value: '2026年11月24日 09:00' },
			],
		},
		additionalFields: { page: 'https://example.com/b' },
	};
	await template({ ...params, toUser: 'o_follower_1' });
	expect(fx.bodies('/cgi-bin/message/subscribe/bizsend')).toEqual([
		{
			touser: 'o_follower_1',
			template_id: 'sub_tmpl_1',
			data: { thing1: { value: '体检' }, time2: { value: '2026年11月24日 09:00' } },
			page: 'https://example.com/b',
		},
	]);
	await expect(template({ ...params, toUser: 'o_follower_3' })).rejects.toMatchObject({
		message: expect.stringMatching(/errcode 43101/),
	});
});

test('the editor lists the templates, then the keywords of the one picked, named from its content', async () => {
	const context = (templateId: string) =>
		({
			getCredentials: async () => fx.credentials(),
			getCurrentNodeParameter: (name: string) => (name === 'templateId' ? templateId : undefined),
			getNode: () => ({ name: 'WeChat OA Template' }),
		}) as unknown as ILoadOptionsFunctions;
	expect((await getTemplates.call(context(''))).map((option) => [option.name, option.value])).toEqual([
		['订单发货通知', ORDER_TEMPLATE],
		['旧模板', 'tmpl_legacy'],
	]);
	expect(
		(await getTemplateKeywords.call(context(ORDER_TEMPLATE))).map((option) => [option.name, option.value]),
	).toEqual([
		['商品名称 (thing1)', 'thing1'],
		['发货时间 (time2)', 'time2'],
		['快递单号 (character_string3)', 'character_string3'],
	]);
});
