/** WeChat OA → Tag against the emulator: the tag lifecycle, tagging split into calls of 50, refusals, errors with hints. */
import { NodeApiError, NodeOperationError, type INodeParameters } from 'n8n-workflow';
import { useOaFixture, FOLLOWERS, OA } from '../oaFixture';
import { WeChatOa } from '../../../../nodes/WeChatOa/WeChatOa.node';

const fx = useOaFixture();
const tag = (parameters: INodeParameters, options: Parameters<typeof fx.run>[2] = {}) =>
	fx.run(new WeChatOa(), { resource: 'tag', ...parameters }, options);
const many = (count: number, from = 0) => Array.from({ length: count }, (_, index) => `o_many_${from + index}`);
const apiCalls = () => fx.emulator.log.entries().filter((entry) => entry.path !== '/cgi-bin/stable_token');

test('create, list, rename, list a tag’s followers and delete, with WeChat’s bodies on the wire', async () => {
	const created = await tag({ operation: 'create', name: '广东' });
	expect(created.items[0].json).toEqual({ id: 101, name: '广东' });
	expect(fx.bodies('/cgi-bin/tags/create')).toEqual([{ tag: { name: '广东' } }]);

	await tag({ operation: 'update', tagId: 101, name: '广东人' });
	expect(fx.bodies('/cgi-bin/tags/update')).toEqual([{ tag: { id: 101, name: '广东人' } }]);
	const listed = await tag({ operation: 'list' });
	expect(listed.items.map((item) => item.json)).toEqual([
		{ id: 100, name: '星标用户', count: 3 },
		{ id: 101, name: '广东人', count: 0 },
	]);

	const followers = await tag({ operation: 'listFollowers', tagId: 100, output: 'page' });
	expect(followers.items.map((item) => item.json)).toEqual([
		{ tagid: 100, total: 0, count: 3, openids: FOLLOWERS.slice(0, 3), next_openid: FOLLOWERS[2] },
	]);

	const deleted = await tag({ operation: 'delete', tagId: 101 });
	expect(deleted.items[0].json).toEqual({ id: 101, deleted: true });
	expect(fx.bodies('/cgi-bin/tags/delete')).toEqual([{ tag: { id: 101 } }]);
	expect((await tag({ operation: 'list' })).items).toHaveLength(1);
});

test('Tag Followers sends 120 openids as 50 + 50 + 20, and Untag Followers takes them off again', async () => {
	const openids = many(120);
	fx.emulator.oa.updateAccount({ appId: OA.appId, addFollowers: openids });
	const tagged = await tag({ operation: 'tagFollowers', tagId: 100, openIds: `={{ ${JSON.stringify(openids)} }}` });
	expect(tagged.items[0].json).toMatchObject({ tagid: 100, count: 120, calls: 3 });
	const bodies = fx.bodies('/cgi-bin/tags/members/batchtagging') as Array<{ openid_list: string[]; tagid: number }>;
	expect(bodies.map((body) => body.openid_list.length)).toEqual([50, 50, 20]);
	expect(bodies.flatMap((body) => body.openid_list)).toEqual(openids);
	expect(bodies.every((body) => body.tagid === 100)).toBe(true);

	const ids = await tag({ operation: 'getFollowerTags', openId: openids[119] });
	expect(ids.items[0].json).toEqual({ openid: openids[119], tagid_list: [100] });
	expect(fx.bodies('/cgi-bin/tags/getidlist')).toEqual([{ openid: openids[119] }]);

	// A comma list with duplicates: each openid once.
	await tag({ operation: 'untagFollowers', tagId: 100, openIds: `${openids[0]}, ${openids[1]},${openids[0]}` });
	expect(fx.bodies('/cgi-bin/tags/members/batchuntagging')).toEqual([{ openid_list: openids.slice(0, 2), tagid: 100 }]);
	expect((await tag({ operation: 'list' })).items[0].json.count).toBe(3 + 118);
});

test('a later call that fails says how many openids the earlier calls tagged', async () => {
	const openids = many(60);
	fx.emulator.oa.updateAccount({ appId: OA.appId, addFollowers: openids.slice(0, 55) });
	const error = await tag({ operation: 'tagFollowers', tagId: 100, openIds: openids.join(',') }).catch(
		(caught: unknown) => caught,
	);
	expect(error).toBeInstanceOf(NodeApiError);
	expect((error as NodeApiError).message).toMatch(/errcode 40003.*the first 50 of 60 were tagged by the earlier calls/);
	expect(fx.bodies('/cgi-bin/tags/members/batchtagging')).toHaveLength(2);
});

test('a lost answer: tagging is sent again (it changes nothing twice), creating a tag is not (45157 on a replay)', async () => {
	fx.emulator.faults.add({ kind: 'resetAfterApply', path: '/cgi-bin/tags/members/batchtagging' });
	const tagged = await tag({ operation: 'tagFollowers', tagId: 100, openIds: FOLLOWERS[4] });
	expect(tagged.items[0].json).toMatchObject({ count: 1, calls: 1 });
	expect(fx.bodies('/cgi-bin/tags/members/batchtagging')).toEqual([
		{ openid_list: [FOLLOWERS[4]], tagid: 100 },
		{ openid_list: [FOLLOWERS[4]], tagid: 100 },
	]);

	fx.emulator.faults.add({ kind: 'resetAfterApply', path: '/cgi-bin/tags/create' });
	const created = await tag({ operation: 'create', name: '双十一' }, { continueOnFail: true });
	expect(created.items[0].json.description).toMatch(/may have reached WeChat/);
	expect(fx.bodies('/cgi-bin/tags/create')).toHaveLength(1);
	expect((await tag({ operation: 'list' })).items.map((item) => item.json.name)).toContain('双十一');
});

test('WeChat’s tag errors come with the errcode and a fix', async () => {
	const unknown = await tag({ operation: 'tagFollowers', tagId: 777, openIds: FOLLOWERS[0] }, { continueOnFail: true });
	expect(unknown.items[0].json.error).toMatch(/batchtagging failed with errcode 45159/);
	expect(unknown.items[0].json.description).toMatch(/Tag → List/);
	const duplicate = await tag({ operation: 'create', name: '星标用户' }, { continueOnFail: true });
	expect(duplicate.items[0].json.error).toMatch(/errcode 45157/);
	expect(duplicate.items[0].json.description).toMatch(/no other tag/);
	fx.emulator.faults.add({ kind: 'errcode', errcode: 45009, path: '/cgi-bin/tags/get' });
	const quota = await tag({ operation: 'list' }, { continueOnFail: true });
	expect(quota.items[0].json.error).toMatch(/errcode 45009/);
	// WeChat checks the IP whitelist on every call, not only when the token is fetched.
	fx.emulator.oa.updateAccount({ appId: OA.appId, ipWhitelist: ['203.0.113.7'] });
	const blocked = await tag({ operation: 'tagFollowers', tagId: 100, openIds: FOLLOWERS[0] }, { continueOnFail: true });
	expect(blocked.items[0].json.error).toMatch(/batchtagging failed with errcode 40164/);
	expect(blocked.items[0].json.description).toMatch(/IP白名单/);
	fx.emulator.oa.updateAccount({ appId: OA.appId, ipWhitelist: null });
	fx.emulator.oa.updateAccount({ appId: OA.appId, verified: false });
	const unverified = await tag({ operation: 'create', name: '新标签' }, { continueOnFail: true });
	expect(unverified.items[0].json.error).toMatch(/errcode 48001/);
});

describe('bad input is refused before anything is sent', () => {
	const refused = async (parameters: INodeParameters, message: RegExp) => {
		const error = await tag(parameters).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toMatch(message);
		expect(apiCalls()).toEqual([]);
	};
	test('a name over 30 bytes', () =>
		refused({ operation: 'create', name: '一二三四五六七八九十一' }, /Name: is 33 bytes/));
	test('an empty name', () => refused({ operation: 'create', name: ' ' }, /Name: is empty/));
	test("WeChat's own tags", () => refused({ operation: 'delete', tagId: 2 }, /Tag ID: 2 is one of WeChat's own tags/));
	test('a tag ID that is not a whole number', () =>
		refused({ operation: 'update', tagId: 1.5, name: 'x' }, /Tag ID: 1.5 is not a tag ID/));
	test('no openids', () => refused({ operation: 'tagFollowers', tagId: 100, openIds: ' , ' }, /OpenIDs: is empty/));
	test('no openid', () => refused({ operation: 'getFollowerTags', openId: '={{ "" }}' }, /OpenID: is empty/));
});
