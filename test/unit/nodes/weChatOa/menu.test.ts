/** WeChat OA → Menu against the emulator: menu as code, the form, WeChat's limits checked first, conditional menus. */
import { NodeOperationError, type IDataObject, type INodeParameters } from 'n8n-workflow';
import { useOaFixture, FOLLOWERS } from '../oaFixture';
import { WeChatOa } from '../../../../nodes/WeChatOa/WeChatOa.node';

const fx = useOaFixture();
const menu = (parameters: INodeParameters, options: Parameters<typeof fx.run>[2] = {}) =>
	fx.run(new WeChatOa(), { resource: 'menu', ...parameters }, options);
const apiCalls = () => fx.emulator.log.entries().filter((entry) => entry.path !== '/cgi-bin/stable_token');

const MENU = {
	button: [
		{ type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
		{
			name: '菜单',
			sub_button: [
				{ type: 'view', name: '搜索', url: 'https://www.soso.com/' },
				{
					type: 'miniprogram',
					name: 'wxa',
					url: 'https://mp.weixin.qq.com',
					appid: 'wx286b93c14bbf93aa',
					pagepath: 'pages/lunar/index',
				},
				{ type: 'article_id', name: '最新文章', article_id: 'ARTICLE_ID_1' },
			],
		},
	],
};

test('menu as code: the JSON goes out as is; both Gets show it, each in its own shape', async () => {
	const created = await menu({ operation: 'create', menuSource: 'json', menuJson: JSON.stringify(MENU, null, 2) });
	expect(created.items[0].json).toEqual({ created: true, button: MENU.button });
	expect(fx.bodies('/cgi-bin/menu/create')).toEqual([MENU]);

	const current = await menu({ operation: 'get', source: 'current' });
	expect(current.items[0].json).toEqual({
		is_menu_open: 1,
		selfmenu_info: { button: [MENU.button[0], { name: '菜单', sub_button: { list: MENU.button[1].sub_button } }] },
	});
	const configuration = await menu({ operation: 'get', source: 'configuration' });
	expect((configuration.items[0].json.menu as IDataObject).menuid).toEqual(expect.any(Number));
	expect(fx.entries('/cgi-bin/menu/get')).toHaveLength(1);
});

test('the form builds the same structure, keeping only the fields each type uses', async () => {
	await menu({
		operation: 'create',
		menuSource: 'form',
		buttons: {
			button: [
				{ name: '签到', type: 'click', key: 'SIGN_IN', url: 'https://left-over.example/' },
				{
					name: '服务',
					type: 'subMenu',
					subButtons: {
						button: [
							{ name: '扫一扫', type: 'scancode_waitmsg', key: 'SCAN' },
							{ name: '发位置', type: 'location_select', key: 'WHERE' },
							{ name: '资料', type: 'media_id', media_id: 'MEDIA_1', key: 'unused' },
						],
					},
				},
			],
		},
	});
	expect(fx.bodies('/cgi-bin/menu/create')).toEqual([
		{
			button: [
				{ type: 'click', name: '签到', key: 'SIGN_IN' },
				{
					name: '服务',
					sub_button: [
						{ type: 'scancode_waitmsg', name: '扫一扫', key: 'SCAN' },
						{ type: 'location_select', name: '发位置', key: 'WHERE' },
						{ type: 'media_id', name: '资料', media_id: 'MEDIA_1' },
					],
				},
			],
		},
	]);
});

test('conditional menus: 65303 before a default menu, then add, match a tagged follower, delete', async () => {
	const conditional = {
		operation: 'addConditional',
		matchTagId: '100',
		menuSource: 'json',
		menuJson: JSON.stringify({ button: [{ type: 'click', name: 'VIP', key: 'VIP' }] }),
	};
	const early = await menu(conditional, { continueOnFail: true });
	expect(early.items[0].json.error).toMatch(/addconditional failed with errcode 65303/);
	expect(early.items[0].json.description).toMatch(/Create the default menu first/);

	await menu({ operation: 'create', menuSource: 'json', menuJson: JSON.stringify(MENU) });
	const added = await menu(conditional);
	const menuid = String(added.items[0].json.menuid);
	expect(menuid).toMatch(/^\d+$/);
	expect(fx.bodies('/cgi-bin/menu/addconditional')[1]).toEqual({
		button: [{ type: 'click', name: 'VIP', key: 'VIP' }],
		matchrule: { tag_id: '100' },
	});

	const tagged = await menu({ operation: 'tryMatch', userId: FOLLOWERS[0] });
	expect(tagged.items[0].json).toEqual({
		user_id: FOLLOWERS[0],
		button: [{ type: 'click', name: 'VIP', key: 'VIP', sub_button: [] }],
	});
	const untagged = await menu({ operation: 'tryMatch', userId: FOLLOWERS[4] });
	expect((untagged.items[0].json.button as IDataObject[])[0]).toMatchObject({ name: '今日歌曲' });
	expect(fx.bodies('/cgi-bin/menu/trymatch')).toEqual([{ user_id: FOLLOWERS[0] }, { user_id: FOLLOWERS[4] }]);

	const listed = await menu({ operation: 'get', source: 'configuration' });
	expect(listed.items[0].json.conditionalmenu).toEqual([
		expect.objectContaining({ menuid: Number(menuid), matchrule: { tag_id: '100' } }),
	]);

	await menu({ operation: 'deleteConditional', menuId: menuid });
	expect(fx.bodies('/cgi-bin/menu/delconditional')).toEqual([{ menuid }]);
	const again = await menu({ operation: 'deleteConditional', menuId: menuid }, { continueOnFail: true });
	expect(again.items[0].json.error).toMatch(/errcode 65301/);
});

test('Delete removes the menu; reading the API configuration then is 46003 with a fix', async () => {
	await menu({ operation: 'create', menuSource: 'json', menuJson: JSON.stringify(MENU) });
	expect((await menu({ operation: 'delete' })).items[0].json).toEqual({ deleted: true });
	expect(fx.entries('/cgi-bin/menu/delete').map((entry) => entry.method)).toEqual(['GET']);
	const gone = await menu({ operation: 'get', source: 'configuration' }, { continueOnFail: true });
	expect(gone.items[0].json.error).toMatch(/menu\/get failed with errcode 46003/);
	expect(gone.items[0].json.description).toMatch(/Create the menu first/);
	expect((await menu({ operation: 'get', source: 'current' })).items[0].json).toEqual({
		is_menu_open: 0,
		selfmenu_info: { button: [] },
	});
});

describe("WeChat's menu rules are checked before anything is sent", () => {
	const refused = async (parameters: INodeParameters, message: RegExp) => {
		const error = await menu({ operation: 'create', menuSource: 'json', ...parameters }).catch(
			(caught: unknown) => caught,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toMatch(message);
		expect(apiCalls()).toEqual([]);
	};
	const json = (button: unknown[]) => ({ menuJson: JSON.stringify({ button }) });
	const click = (name: string) => ({ type: 'click', name, key: 'K' });
	test('four buttons', () => refused(json([click('a'), click('b'), click('c'), click('d')]), /Menu: has 4 buttons/));
	test('no buttons', () => refused(json([]), /Menu: has 0 buttons/));
	test('a top-level name over 16 bytes', () =>
		refused(json([click('六个汉字的名字')]), /Menu button\[0\]\.name: "六个汉字的名字" is 21 bytes, over WeChat's 16/));
	test('six sub-buttons', () =>
		refused(
			json([{ name: 'x', sub_button: Array.from({ length: 6 }, (_, index) => click(`s${index}`)) }]),
			/Menu button\[0\]\.sub_button: has 6 sub-buttons/,
		));
	test('a sub-button name over 60 bytes', () =>
		refused(
			json([{ name: 'x', sub_button: [click('二'.repeat(21))] }]),
			/Menu button\[0\]\.sub_button\[0\]\.name: .* is 63 bytes, over WeChat's 60/,
		));
	test('a click button without a key', () =>
		refused(json([{ type: 'click', name: 'a' }]), /Menu button\[0\]\.key: is required for type click/));
	test('a key over 128 bytes', () =>
		refused(json([{ type: 'click', name: 'a', key: 'k'.repeat(129) }]), /Menu button\[0\]\.key: is 129 bytes/));
	test('a view URL that is not http(s)', () =>
		refused(
			json([{ type: 'view', name: 'a', url: 'ftp://x' }]),
			/Menu button\[0\]\.url: "ftp:\/\/x" is not an http\(s\) URL/,
		));
	test('a URL over 1024 bytes', () =>
		refused(
			json([{ type: 'view', name: 'a', url: `https://x/${'a'.repeat(1020)}` }]),
			/Menu button\[0\]\.url: is 1030 bytes/,
		));
	test('a mini program without its page', () =>
		refused(
			json([{ type: 'miniprogram', name: 'a', url: 'https://x/', appid: 'wx1' }]),
			/Menu button\[0\]\.pagepath: is required for type miniprogram/,
		));
	test('an unknown type', () =>
		refused(json([{ type: 'news', name: 'a' }]), /Menu button\[0\]\.type: "news" is not a menu button type/));
	test('JSON that does not parse', () => refused({ menuJson: '{"button": [' }, /Menu JSON: is not valid JSON/));
	test('a conditional menu without a rule', async () => {
		const error = await menu({ operation: 'addConditional', menuSource: 'json', ...json([click('a')]) }).catch(
			(caught: unknown) => caught,
		);
		expect((error as Error).message).toMatch(/Match Tag ID: is empty and no platform is chosen/);
		expect(apiCalls()).toEqual([]);
	});
});
