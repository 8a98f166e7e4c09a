import { startEmulator, type Emulator } from '../../emulator';
import { FOLLOWERS, OA, oaCall, oaGet, oaMedia, oaNews, oaToken, OTHER_OA, text } from './oa-helpers';

describe('emulator: OA users, tags and customer-service messages', () => {
	let emulator: Emulator;
	let token: string;

	beforeAll(async () => {
		emulator = await startEmulator({ oaAccounts: [OA, OTHER_OA], oaSettings: { userListPageSize: 2 } });
	});
	afterAll(() => emulator.close());
	beforeEach(async () => {
		emulator.reset();
		token = await oaToken(emulator);
	});

	describe('targeting helpers', () => {
		it('tags/get lists tags with their follower counts, without errcode', async () => {
			expect((await oaGet(emulator, '/cgi-bin/tags/get', token)).json).toEqual({ tags: [{ id: 100, name: '星标用户', count: 3 }] });
			emulator.oa.updateAccount({ appId: OA.appId, removeFollowers: [FOLLOWERS[0]] });
			expect((await oaGet(emulator, '/cgi-bin/tags/get', token)).json).toEqual({ tags: [{ id: 100, name: '星标用户', count: 2 }] });
		});

		it('user/get pages through the followers; the page after the last has count 0 and no data', async () => {
			const pages: Array<Record<string, unknown>> = [];
			let next = '';
			for (;;) {
				const { json } = await oaGet(emulator, '/cgi-bin/user/get', token, { next_openid: next });
				pages.push(json);
				if (json.count === 0) break;
				next = String(json.next_openid);
			}
			expect(pages).toEqual([
				{ total: 5, count: 2, data: { openid: FOLLOWERS.slice(0, 2) }, next_openid: FOLLOWERS[1] },
				{ total: 5, count: 2, data: { openid: FOLLOWERS.slice(2, 4) }, next_openid: FOLLOWERS[3] },
				{ total: 5, count: 1, data: { openid: [FOLLOWERS[4]] }, next_openid: FOLLOWERS[4] },
				{ total: 5, count: 0, next_openid: '' },
			]);
			expect((await oaGet(emulator, '/cgi-bin/user/get', token, { next_openid: 'o_stranger' })).json.errcode).toBe(40003);
		});

		it('user/tag/get pages through one tag; 45159 for an unknown tag', async () => {
			const first = await oaCall(emulator, '/cgi-bin/user/tag/get', token, { tagid: 100, next_openid: '' });
			expect(first.json).toEqual({ count: 2, data: { openid: FOLLOWERS.slice(0, 2) }, next_openid: FOLLOWERS[1] });
			const second = await oaCall(emulator, '/cgi-bin/user/tag/get', token, { tagid: 100, next_openid: FOLLOWERS[1] });
			expect(second.json).toEqual({ count: 1, data: { openid: [FOLLOWERS[2]] }, next_openid: FOLLOWERS[2] });
			expect((await oaCall(emulator, '/cgi-bin/user/tag/get', token, { tagid: 100, next_openid: FOLLOWERS[2] })).json).toEqual({ count: 0, next_openid: '' });
			expect((await oaCall(emulator, '/cgi-bin/user/tag/get', token, { tagid: 7 })).json.errcode).toBe(45159);
			expect((await oaCall(emulator, '/cgi-bin/user/tag/get', token, { tagid: '100' })).json.errcode).toBe(47001);
		});

		it('the page size is a setting (default 10,000); an unverified account gets 48001', async () => {
			emulator.oa.configure({ userListPageSize: 10_000 });
			expect((await oaGet(emulator, '/cgi-bin/user/get', token)).json).toMatchObject({ count: 5, next_openid: FOLLOWERS[4] });
			emulator.reset();
			expect(emulator.state.oa.settings.userListPageSize).toBe(2);
			token = await oaToken(emulator);
			emulator.oa.updateAccount({ appId: OA.appId, verified: false });
			expect((await oaGet(emulator, '/cgi-bin/user/get', token)).json.errcode).toBe(48001);
			expect((await oaGet(emulator, '/cgi-bin/tags/get', token)).json.errcode).toBe(48001);
		});
	});

	describe('message/custom/send and typing', () => {
		const custom = (body: Record<string, unknown>, touser = FOLLOWERS[0]): ReturnType<typeof oaCall> => oaCall(emulator, '/cgi-bin/message/custom/send', token, { touser, ...body });

		it('sends every msgtype within 48 h of the follower’s last interaction and records them', async () => {
			emulator.oa.recordInteraction(OA.appId, FOLLOWERS[0]);
			const [image, voice, video, thumb] = [await oaMedia(emulator, token, 'image'), await oaMedia(emulator, token, 'voice'), await oaMedia(emulator, token, 'video'), await oaMedia(emulator, token, 'thumb')];
			const news = await oaNews(emulator, token);
			const bodies = [
				text('您好，<a href="https://example.com">点这里</a>'),
				{ msgtype: 'image', image: { media_id: image } },
				{ msgtype: 'voice', voice: { media_id: voice } },
				{ msgtype: 'video', video: { media_id: video, thumb_media_id: thumb, title: '视频', description: '介绍' } },
				{ msgtype: 'music', music: { title: '歌', musicurl: 'https://example.com/a.mp3', hqmusicurl: 'https://example.com/a.flac', thumb_media_id: thumb } },
				{ msgtype: 'news', news: { articles: [{ title: '图文', description: '描述', url: 'https://example.com', picurl: 'https://example.com/a.jpg' }] } },
				{ msgtype: 'mpnews', mpnews: { media_id: news } },
				{ msgtype: 'mpnewsarticle', mpnewsarticle: { article_id: 'ARTICLE_ID' } },
				{ msgtype: 'msgmenu', msgmenu: { head_content: '满意吗', list: [{ id: '101', content: '满意' }, { id: '102', content: '不满意' }], tail_content: '谢谢' } },
				{ msgtype: 'wxcard', wxcard: { card_id: 'card_1' } },
				{ msgtype: 'miniprogrampage', miniprogrampage: { title: '小程序', appid: 'wx_mini', pagepath: 'pages/index', thumb_media_id: thumb } },
				{ ...text('由客服发送'), customservice: { kf_account: 'test1@kftest' } },
			];
			for (const body of bodies) expect([body.msgtype, (await custom(body)).json]).toEqual([body.msgtype, { errcode: 0, errmsg: 'ok' }]);
			const recorded = emulator.state.oa.customMessages;
			expect(recorded.map((message) => message.msgtype)).toEqual(bodies.map((body) => body.msgtype));
			expect(recorded.at(-1)).toMatchObject({ touser: FOLLOWERS[0], kfAccount: 'test1@kftest' });
		});

		it('45015 without an interaction, after 48 h, or for a follower who left; 40003 for another account’s openid', async () => {
			expect((await custom(text('hi'))).json).toEqual({ errcode: 45015, errmsg: expect.stringMatching(/^response out of time limit or subscription is canceled rid: /) });
			emulator.oa.recordInteraction(OA.appId, FOLLOWERS[0]);
			expect((await custom(text('hi'))).json.errcode).toBe(0);
			emulator.advanceTime(48 * 3600 + 1);
			token = await oaToken(emulator);
			expect((await custom(text('hi'))).json.errcode).toBe(45015);
			emulator.oa.recordInteraction(OA.appId, FOLLOWERS[1]);
			emulator.oa.updateAccount({ appId: OA.appId, removeFollowers: [FOLLOWERS[1]] });
			expect((await custom(text('hi'), FOLLOWERS[1])).json.errcode).toBe(45015);
			expect((await custom(text('hi'), 'o_other_1')).json.errcode).toBe(40003);
		});

		it('a seeded lastInteractionAt opens the window', async () => {
			emulator.addOaAccount({ ...OA, lastInteractionAt: { [FOLLOWERS[3]]: emulator.state.now - 47 * 3600 * 1000 } });
			token = await oaToken(emulator);
			expect((await custom(text('hi'), FOLLOWERS[3])).json.errcode).toBe(0);
			emulator.addOaAccount(OA);
		});

		it('payload errors: 40008, 44004, 41006, 40007, 45008 for a second news article, 47001 for missing fields', async () => {
			emulator.oa.recordInteraction(OA.appId, FOLLOWERS[0]);
			const voice = await oaMedia(emulator, token, 'voice');
			const errcode = async (body: Record<string, unknown>): Promise<unknown> => (await custom(body)).json.errcode;
			expect(await errcode({ msgtype: 'markdown', markdown: { content: 'x' } })).toBe(40008);
			expect(await errcode({ msgtype: 'toString', toString: {} })).toBe(40008);
			expect(await errcode(text(''))).toBe(44004);
			expect(await errcode({ msgtype: 'image', image: {} })).toBe(41006);
			expect(await errcode({ msgtype: 'image', image: { media_id: voice } })).toBe(40007);
			expect(await errcode({ msgtype: 'news', news: { articles: [{ title: 'a' }, { title: 'b' }] } })).toBe(45008);
			expect(await errcode({ msgtype: 'music', music: { musicurl: 'https://example.com/a.mp3' } })).toBe(47001);
			expect(await errcode({ msgtype: 'msgmenu', msgmenu: { list: [] } })).toBe(47001);
			expect(await errcode({ msgtype: 'text' })).toBe(47001);
			expect(emulator.state.oa.customMessages).toEqual([]);
		});

		it('custom/typing: Typing / CancelTyping inside the window, recorded', async () => {
			const typing = async (command: string): Promise<unknown> => (await oaCall(emulator, '/cgi-bin/message/custom/typing', token, { touser: FOLLOWERS[0], command })).json.errcode;
			expect(await typing('Typing')).toBe(45015);
			emulator.oa.recordInteraction(OA.appId, FOLLOWERS[0]);
			expect(await typing('Typing')).toBe(0);
			expect(await typing('CancelTyping')).toBe(0);
			expect(await typing('typing')).toBe(47001);
			expect(emulator.state.oa.typing.map((entry) => entry.command)).toEqual(['Typing', 'CancelTyping']);
		});
	});
});
