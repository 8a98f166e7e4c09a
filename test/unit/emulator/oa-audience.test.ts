import { startEmulator, type Emulator } from '../../emulator';
import { http, postJson } from './helpers';
import { FOLLOWERS, OA, oaCall, oaGet, oaToken, OTHER_OA, toChinaMorning } from './oa-helpers';

/** The emulator's tag, follower, menu and QR answers where the node tests do not reach: WeChat's limits and errcodes. */
describe('emulator: OA tags, followers, menus and QR codes', () => {
	let emulator: Emulator;
	let token: string;
	const errcode = async (path: string, body: unknown) => (await oaCall(emulator, path, token, body)).json.errcode;

	beforeAll(async () => {
		emulator = await startEmulator({ oaAccounts: [OA, OTHER_OA] });
	});
	afterAll(() => emulator.close());
	beforeEach(async () => {
		emulator.reset();
		token = await oaToken(emulator);
	});

	it('tags: 45158 long names, 45157 duplicates, 45058 for 0/1/2, 45159 unknown ids, 45056 past 100 tags', async () => {
		expect(await errcode('/cgi-bin/tags/create', { tag: { name: '一'.repeat(11) } })).toBe(45158);
		expect(await errcode('/cgi-bin/tags/create', { tag: { name: '星标用户' } })).toBe(45157);
		expect(await errcode('/cgi-bin/tags/update', { tag: { id: 2, name: 'x' } })).toBe(45058);
		expect(await errcode('/cgi-bin/tags/delete', { tag: { id: 1 } })).toBe(45058);
		expect(await errcode('/cgi-bin/tags/delete', { tag: { id: 999 } })).toBe(45159);
		for (let index = 1; index < 100; index++)
			expect(await errcode('/cgi-bin/tags/create', { tag: { name: `t${index}` } })).toBeUndefined();
		expect(await errcode('/cgi-bin/tags/create', { tag: { name: 't100' } })).toBe(45056);
	});

	it('tagging: 40032 for an empty or 51-openid list, 40003 for a stranger, 49003 for another account’s follower, 45059 at 20 tags', async () => {
		expect(await errcode('/cgi-bin/tags/members/batchtagging', { tagid: 100, openid_list: [] })).toBe(40032);
		const many = Array.from({ length: 51 }, () => FOLLOWERS[0]);
		expect(await errcode('/cgi-bin/tags/members/batchtagging', { tagid: 100, openid_list: many })).toBe(40032);
		expect(await errcode('/cgi-bin/tags/members/batchtagging', { tagid: 100, openid_list: ['o_stranger'] })).toBe(
			40003,
		);
		expect(await errcode('/cgi-bin/tags/members/batchtagging', { tagid: 100, openid_list: ['o_other_1'] })).toBe(49003);
		for (let index = 0; index < 19; index++) {
			const { json } = await oaCall(emulator, '/cgi-bin/tags/create', token, { tag: { name: `t${index}` } });
			const id = (json.tag as { id: number }).id;
			expect(await errcode('/cgi-bin/tags/members/batchtagging', { tagid: id, openid_list: [FOLLOWERS[0]] })).toBe(0);
		}
		const { json } = await oaCall(emulator, '/cgi-bin/tags/create', token, { tag: { name: 'one too many' } });
		const last = (json.tag as { id: number }).id;
		expect(await errcode('/cgi-bin/tags/members/batchtagging', { tagid: last, openid_list: [FOLLOWERS[0]] })).toBe(
			45059,
		);
		expect(
			(await oaCall(emulator, '/cgi-bin/tags/getidlist', token, { openid: FOLLOWERS[0] })).json.tagid_list,
		).toHaveLength(20);
	});

	it('followers: 40032 past 100 in batchget, 40092 for a 30-byte remark, 48001 for a subscription account, 20 a blacklist call', async () => {
		const list = Array.from({ length: 101 }, () => ({ openid: FOLLOWERS[0], lang: 'zh_CN' }));
		expect(await errcode('/cgi-bin/user/info/batchget', { user_list: list })).toBe(40032);
		expect(
			await errcode('/cgi-bin/user/info/updateremark', { openid: FOLLOWERS[0], remark: '一二三四五六七八九十' }),
		).toBe(40092);
		expect((await oaGet(emulator, '/cgi-bin/user/info', token, { openid: 'o_other_1' })).json.errcode).toBe(40003);
		expect(
			await errcode('/cgi-bin/tags/members/batchblacklist', {
				openid_list: Array.from({ length: 21 }, () => FOLLOWERS[1]),
			}),
		).toBe(40032);
		expect(await errcode('/cgi-bin/tags/members/getblacklist', { begin_openid: 'o_unknown' })).toBe(40003);
		emulator.oa.updateAccount({ appId: OA.appId, serviceAccount: false });
		expect(await errcode('/cgi-bin/user/info/updateremark', { openid: FOLLOWERS[0], remark: 'x' })).toBe(48001);
	});

	it('menus: button limits as WeChat numbers them; conditional rules on private data are 65320; no user is 65302', async () => {
		const click = (name: string) => ({ type: 'click', name, key: 'K' });
		expect(await errcode('/cgi-bin/menu/create', { button: [click('a'), click('b'), click('c'), click('d')] })).toBe(
			40016,
		);
		expect(await errcode('/cgi-bin/menu/create', { button: [{ type: 'news', name: 'a' }] })).toBe(40017);
		expect(await errcode('/cgi-bin/menu/create', { button: [click('一二三四五六')] })).toBe(40018);
		expect(
			await errcode('/cgi-bin/menu/create', {
				button: [{ name: 'a', sub_button: [1, 2, 3, 4, 5, 6].map((n) => click(`${n}`)) }],
			}),
		).toBe(40023);
		expect(
			await errcode('/cgi-bin/menu/create', {
				button: [{ name: 'a', sub_button: [{ type: 'view', name: 'b', url: 'ftp://x' }] }],
			}),
		).toBe(40027);
		expect(await errcode('/cgi-bin/menu/create', { button: [click('a')] })).toBe(0);
		expect(await errcode('/cgi-bin/menu/addconditional', { button: [click('a')], matchrule: { sex: '1' } })).toBe(
			65320,
		);
		expect(await errcode('/cgi-bin/menu/addconditional', { button: [click('a')], matchrule: { tag_id: '' } })).toBe(
			65304,
		);
		expect(await errcode('/cgi-bin/menu/trymatch', { user_id: 'nobody' })).toBe(65302);
		expect(
			(await oaCall(emulator, '/cgi-bin/menu/trymatch', token, { user_id: 'wx_tester' })).json.button,
		).toHaveLength(1);
	});

	it('QR codes: scene limits; showqrcode needs no token, answers a PNG, and 404 once the code expired', async () => {
		const create = (body: unknown) => oaCall(emulator, '/cgi-bin/qrcode/create', token, body);
		expect(
			(await create({ action_name: 'QR_LIMIT_SCENE', action_info: { scene: { scene_id: 100_001 } } })).json.errcode,
		).toBe(40097);
		expect(
			(await create({ action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: 'x'.repeat(65) } } })).json
				.errcode,
		).toBe(40097);
		const temporary = (await create({ action_name: 'QR_SCENE', action_info: { scene: { scene_id: 5 } } })).json;
		expect(temporary.expire_seconds).toBe(60); // WeChat's default when expire_seconds is left out
		const permanent = (
			await create({ action_name: 'QR_LIMIT_STR_SCENE', action_info: { scene: { scene_str: 'shop' } } })
		).json;
		expect(permanent.expire_seconds).toBeUndefined();
		const show = (ticket: unknown) =>
			http('GET', `${emulator.url}/cgi-bin/showqrcode?ticket=${encodeURIComponent(String(ticket))}`);
		const image = await show(temporary.ticket);
		expect([image.status, image.headers['content-type']]).toEqual([200, 'image/png']);
		emulator.advanceTime(61);
		expect((await show(temporary.ticket)).status).toBe(404);
		expect((await show(permanent.ticket)).status).toBe(200);
	});

	it('a scan: someone new follows through the code (subscribe, qrscene_), a follower gets SCAN; both recorded as events', async () => {
		const { json } = await oaCall(emulator, '/cgi-bin/qrcode/create', token, {
			action_name: 'QR_STR_SCENE',
			expire_seconds: 600,
			action_info: { scene: { scene_str: 'tag_100' } },
		});
		const ticket = String(json.ticket);
		const first = emulator.oa.scanQrCode(OA.appId, ticket, 'o_scanner');
		expect(first).toMatchObject({
			FromUserName: 'o_scanner',
			ToUserName: OA.ghId,
			MsgType: 'event',
			Event: 'subscribe',
			EventKey: 'qrscene_tag_100',
			Ticket: ticket,
		});
		expect(emulator.state.oa.accounts.find((account) => account.appId === OA.appId)?.followers).toContain('o_scanner');
		const again = await postJson(emulator, `/__emulator/oa/qrcode/scan`, {
			appId: OA.appId,
			ticket,
			openid: 'o_scanner',
		});
		expect(again.json).toMatchObject({ Event: 'SCAN', EventKey: 'tag_100' });
		expect(emulator.oaEvents(OA.appId).map((event) => event.Event)).toEqual(['subscribe', 'SCAN']);
		expect(
			(await postJson(emulator, `/__emulator/oa/qrcode/scan`, { appId: OA.appId, ticket: 'nope', openid: 'o_x' }))
				.status,
		).toBe(400);
		expect(() => emulator.oa.scanQrCode(OA.appId, ticket, 'o_other_1')).toThrow(/another account/);
		emulator.advanceTime(601);
		expect(() => emulator.oa.scanQrCode(OA.appId, ticket, 'o_late')).toThrow(/no live QR code/);
	});

	it('daily quotas: the 1001st menu/delete of a China day is 45009, the next day works again, other APIs unaffected', async () => {
		toChinaMorning(emulator); // a whole China day ahead: the calls below never straddle midnight
		token = await oaToken(emulator);
		for (let call = 0; call < 1000; call++)
			expect((await oaGet(emulator, '/cgi-bin/menu/delete', token)).json.errcode).toBe(0);
		expect((await oaGet(emulator, '/cgi-bin/menu/delete', token)).json.errcode).toBe(45009);
		expect((await oaGet(emulator, '/cgi-bin/get_current_selfmenu_info', token)).json.errcode).toBeUndefined();
		emulator.advanceTime(86_400);
		token = await oaToken(emulator);
		expect((await oaGet(emulator, '/cgi-bin/menu/delete', token)).json.errcode).toBe(0);
	});

	it('short keys: 9410010 over 4 KB, 9410011 over 30 days, 9410012 once expired', async () => {
		expect(await errcode('/cgi-bin/shorten/gen', { long_data: 'x'.repeat(4097) })).toBe(9410010);
		expect(await errcode('/cgi-bin/shorten/gen', { long_data: 'x', expire_seconds: 2_592_001 })).toBe(9410011);
		const { json } = await oaCall(emulator, '/cgi-bin/shorten/gen', token, { long_data: 'x', expire_seconds: 10 });
		expect(json).toMatchObject({ errcode: 0, short_key: expect.stringMatching(/^[0-9a-zA-Z]{15}$/) });
		emulator.advanceTime(11);
		expect(await errcode('/cgi-bin/shorten/fetch', { short_key: json.short_key })).toBe(9410012);
	});
});
