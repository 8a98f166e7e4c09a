/** WeChat OA → Follower against the emulator: info one by one and in calls of 100, remarks, lists, the blacklist. */
import { NodeOperationError, type INodeParameters } from 'n8n-workflow';
import { useOaFixture, FOLLOWERS, OA } from '../oaFixture';
import { WeChatOa } from '../../../../nodes/WeChatOa/WeChatOa.node';

const fx = useOaFixture();
const follower = (parameters: INodeParameters, options: Parameters<typeof fx.run>[2] = {}) =>
	fx.run(new WeChatOa(), { resource: 'follower', ...parameters }, options);
const apiCalls = () => fx.emulator.log.entries().filter((entry) => entry.path !== '/cgi-bin/stable_token');

test('Get Info: user/info with the language; the answer as WeChat gives it, without errcode', async () => {
	const result = await follower({ operation: 'getInfo', openId: FOLLOWERS[0], lang: 'en' });
	expect(fx.entries('/cgi-bin/user/info').map((entry) => entry.query)).toEqual([
		expect.objectContaining({ openid: FOLLOWERS[0], lang: 'en' }),
	]);
	expect(result.items[0].json).toEqual({
		subscribe: 1,
		openid: FOLLOWERS[0],
		language: 'en',
		subscribe_time: expect.any(Number),
		remark: '',
		groupid: 0,
		tagid_list: [100],
		subscribe_scene: 'ADD_SCENE_QR_CODE',
		qr_scene: 0,
		qr_scene_str: '',
	});
	const stranger = await follower({ operation: 'getInfo', openId: 'o_never_followed' });
	expect(stranger.items[0].json).toEqual({ subscribe: 0, openid: 'o_never_followed' });
});

test('Get Many: 230 openids go out as 100 + 100 + 30, one output item per follower in input order', async () => {
	const openids = Array.from({ length: 230 }, (_, index) => `o_bulk_${index}`);
	fx.emulator.oa.updateAccount({ appId: OA.appId, addFollowers: openids });
	const result = await follower({ operation: 'getMany', openIds: `={{ ${JSON.stringify(openids)} }}`, lang: 'zh_CN' });
	const bodies = fx.bodies('/cgi-bin/user/info/batchget') as Array<{
		user_list: Array<{ openid: string; lang: string }>;
	}>;
	expect(bodies.map((body) => body.user_list.length)).toEqual([100, 100, 30]);
	expect(bodies[0].user_list[0]).toEqual({ openid: openids[0], lang: 'zh_CN' });
	expect(result.items.map((item) => item.json.openid)).toEqual(openids);
	expect(result.items.every((item) => item.pairedItem && (item.pairedItem as { item: number }).item === 0)).toBe(true);
});

test('Set Remark: updateremark, then Get Info shows it; 30 bytes or more is refused before sending', async () => {
	const set = await follower({ operation: 'setRemark', openId: FOLLOWERS[1], remark: '老客户' });
	expect(set.items[0].json).toEqual({ openid: FOLLOWERS[1], remark: '老客户' });
	expect(fx.bodies('/cgi-bin/user/info/updateremark')).toEqual([{ openid: FOLLOWERS[1], remark: '老客户' }]);
	expect((await follower({ operation: 'getInfo', openId: FOLLOWERS[1] })).items[0].json.remark).toBe('老客户');

	fx.emulator.log.clear();
	const error = await follower({ operation: 'setRemark', openId: FOLLOWERS[1], remark: '一二三四五六七八九十' }).catch(
		(caught: unknown) => caught,
	);
	expect(error).toBeInstanceOf(NodeOperationError);
	expect((error as Error).message).toMatch(/Remark: is 30 bytes; WeChat wants under 30/);
	expect(apiCalls()).toEqual([]);
});

test('List All follows next_openid to the end, per openid or per page', async () => {
	fx.emulator.oa.configure({ userListPageSize: 2 });
	const each = await follower({ operation: 'listAll', output: 'openid' });
	expect(each.items.map((item) => item.json.openid)).toEqual(FOLLOWERS);
	const pages = await follower({ operation: 'listAll', output: 'page' });
	expect(pages.items.map((item) => item.json.count)).toEqual([2, 2, 1]);
	expect(pages.items[0].json.total).toBe(5);
});

test('Blacklist 25 followers as 20 + 5, list the blacklist page by page, take two off again', async () => {
	const openids = Array.from({ length: 25 }, (_, index) => `o_black_${index}`);
	fx.emulator.oa.updateAccount({ appId: OA.appId, addFollowers: openids });
	const added = await follower({ operation: 'blacklist', openIds: openids.join('|') });
	expect(added.items[0].json).toMatchObject({ count: 25, calls: 2 });
	expect(
		(fx.bodies('/cgi-bin/tags/members/batchblacklist') as Array<{ openid_list: string[] }>).map(
			(body) => body.openid_list.length,
		),
	).toEqual([20, 5]);

	fx.emulator.oa.configure({ userListPageSize: 10 });
	const listed = await follower({ operation: 'listBlacklist', output: 'openid' });
	expect(listed.items.map((item) => item.json.openid)).toEqual(openids);
	expect(fx.bodies('/cgi-bin/tags/members/getblacklist')).toEqual([
		{ begin_openid: '' },
		{ begin_openid: openids[9] },
		{ begin_openid: openids[19] },
		{ begin_openid: openids[24] },
	]);

	await follower({ operation: 'unblacklist', openIds: `${openids[0]},${openids[1]}` });
	expect(fx.bodies('/cgi-bin/tags/members/batchunblacklist')).toEqual([{ openid_list: openids.slice(0, 2) }]);
	expect((await follower({ operation: 'listBlacklist', output: 'openid' })).items).toHaveLength(23);
});

test('an openid of another account is 40003 with a fix; Continue On Fail keeps the other items', async () => {
	fx.emulator.addOaAccount({ appId: 'wx_other', appSecret: 'other-secret', followers: ['o_other_1'] });
	const result = await follower(
		{ operation: 'getInfo', openId: '={{ $json.openid }}' },
		{ continueOnFail: true, items: [{ json: { openid: 'o_other_1' } }, { json: { openid: FOLLOWERS[2] } }] },
	);
	expect(result.items[0].json.error).toMatch(/user\/info failed with errcode 40003/);
	expect(result.items[0].json.description).toMatch(/recipient ID|openid/i);
	expect(result.items[1].json.openid).toBe(FOLLOWERS[2]);
	expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
});

test('a follower list with nothing in it is refused before sending', async () => {
	const error = await follower({ operation: 'getMany', openIds: '={{ [] }}' }).catch((caught: unknown) => caught);
	expect(error).toBeInstanceOf(NodeOperationError);
	expect((error as Error).message).toMatch(/OpenIDs: is empty/);
	expect(apiCalls()).toEqual([]);
});
