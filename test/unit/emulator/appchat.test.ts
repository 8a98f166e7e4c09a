import { startEmulator, type Emulator, type WeComAppConfig } from '../../emulator';
import { APP, call, http, OTHER_APP, sendMessage, tokenOf, uploadMedia, type HttpResult } from './helpers';

/** An app of the same corp whose visibility scope is not the whole company. */
const PARTIAL_APP: WeComAppConfig = { corpId: APP.corpId, corpSecret: 'test-secret-1000004', agentId: 1000004, users: ['zhangsan', 'lisi'], visibleToAll: false };
/** Another corp, for "a chatid is unique per corp". */
const OTHER_CORP: WeComAppConfig = { corpId: 'ww_other_corp', corpSecret: 'other-corp-secret', agentId: 1000002, users: ['zhangsan', 'lisi'] };

describe('emulator: WeCom group chat (appchat)', () => {
	let emulator: Emulator;
	let token: string;

	beforeAll(async () => {
		emulator = await startEmulator({ wecomApps: [APP, OTHER_APP, PARTIAL_APP, OTHER_CORP] });
	});
	afterAll(() => emulator.close());
	beforeEach(async () => {
		emulator.reset();
		token = await tokenOf(emulator);
	});

	const create = (body: unknown, as = token): Promise<HttpResult> => call(emulator, '/cgi-bin/appchat/create', as, body);
	const update = (body: unknown, as = token): Promise<HttpResult> => call(emulator, '/cgi-bin/appchat/update', as, body);
	const send = (body: unknown, as = token): Promise<HttpResult> => call(emulator, '/cgi-bin/appchat/send', as, body);
	const get = (chatid: string, as = token): Promise<HttpResult> =>
		http('GET', `${emulator.url}/cgi-bin/appchat/get?${new URLSearchParams({ access_token: as, chatid }).toString()}`);
	const errcode = async (result: Promise<HttpResult>): Promise<unknown> => (await result).json.errcode;
	const makeChat = async (chatid = 'chat1', userlist = ['zhangsan', 'lisi']): Promise<string> => {
		const { json } = await create({ chatid, userlist, owner: userlist[0] });
		if (json.errcode !== 0) throw new Error(`create failed: ${JSON.stringify(json)}`);
		return chatid;
	};

	it('seed story: create, rename and add a member, get reflects it, send "你的快递已到"', async () => {
		const created = await create({ name: 'python交流群', owner: 'zhangsan', userlist: ['zhangsan', 'lisi'] });
		expect(created.json).toEqual({ errcode: 0, errmsg: 'ok', chatid: expect.stringMatching(/^[0-9a-zA-Z]{32}$/) });
		const chatid = String(created.json.chatid);

		expect((await update({ chatid, name: '快递通知群', add_user_list: ['wangwu'] })).json).toEqual({ errcode: 0, errmsg: 'ok' });
		expect((await get(chatid)).json).toEqual({
			errcode: 0,
			errmsg: 'ok',
			chat_info: { chatid, name: '快递通知群', owner: 'zhangsan', userlist: ['zhangsan', 'lisi', 'wangwu'], chat_type: 0 },
		});

		const message = { chatid, msgtype: 'text', text: { content: '你的快递已到\n请携带工卡前往邮件中心领取' }, safe: 0 };
		expect((await send(message)).json).toEqual({ errcode: 0, errmsg: 'ok' });
		const [chat] = emulator.state.wecom.chats;
		expect(chat).toMatchObject({ chatid, corpId: APP.corpId, agentId: APP.agentId, name: '快递通知群', owner: 'zhangsan', members: ['zhangsan', 'lisi', 'wangwu'] });
		expect(chat.messages).toEqual([{ msgtype: 'text', body: message, sentAt: expect.any(Number) }]);
	});

	describe('create', () => {
		it('keeps a given chatid, picks the owner among the members when none is given and spells userids as the corp does', async () => {
			expect((await create({ chatid: 'Team42', userlist: ['ZHANGSAN', 'lisi', 'lisi'] })).json).toMatchObject({ errcode: 0, chatid: 'Team42' });
			const { chat_info: info } = (await get('Team42')).json as { chat_info: { owner: string; userlist: string[]; name: string } };
			expect(info.userlist).toEqual(['zhangsan', 'lisi']);
			expect(info.userlist).toContain(info.owner);
			expect(info.name).toBe('');
		});

		it('answers 47001 for a body that is not a JSON object', async () => {
			expect((await http('POST', `${emulator.url}/cgi-bin/appchat/create?access_token=${token}`, '{"userlist":')).json.errcode).toBe(47001);
		});

		it('refuses a malformed chatid with 86001 and a chatid the corp already has with 86215', async () => {
			expect(await errcode(create({ chatid: 'a'.repeat(33), userlist: ['zhangsan', 'lisi'] }))).toBe(86001);
			expect(await errcode(create({ chatid: 'chat-1', userlist: ['zhangsan', 'lisi'] }))).toBe(86001);
			expect(await errcode(create({ chatid: 42, userlist: ['zhangsan', 'lisi'] }))).toBe(86001);
			expect(await errcode(create({ chatid: 'a'.repeat(32), userlist: ['zhangsan', 'lisi'] }))).toBe(0);
			expect(await errcode(create({ chatid: 'a'.repeat(32), userlist: ['zhangsan', 'wangwu'] }))).toBe(86215);
			// Another app of the corp cannot reuse it either; another corp can.
			expect(await errcode(create({ chatid: 'a'.repeat(32), userlist: ['zhangsan', 'lisi'] }, await tokenOf(emulator, OTHER_APP)))).toBe(86215);
			expect(await errcode(create({ chatid: 'a'.repeat(32), userlist: ['zhangsan', 'lisi'] }, await tokenOf(emulator, OTHER_CORP)))).toBe(0);
		});

		it('checks the members: 86204 none, 86006 fewer than 2 or more than 2000, 86007 not a user of the corp, 40058 not strings', async () => {
			expect(await errcode(create({ name: 'x' }))).toBe(86204);
			expect(await errcode(create({ userlist: [] }))).toBe(86204);
			expect(await errcode(create({ userlist: ['zhangsan'] }))).toBe(86006);
			expect(await errcode(create({ userlist: ['zhangsan', 'ZhangSan'] }))).toBe(86006);
			expect(await errcode(create({ userlist: ['zhangsan', 'nobody'] }))).toBe(86007);
			expect(await errcode(create({ userlist: 'zhangsan|lisi' }))).toBe(40058);
			expect(await errcode(create({ userlist: ['zhangsan', 7] }))).toBe(40058);

			const crowd = Array.from({ length: 2001 }, (_, index) => `user${index}`);
			emulator.addWeComApp({ ...APP, users: crowd });
			try {
				expect(await errcode(create({ userlist: crowd }))).toBe(86006);
				expect(await errcode(create({ userlist: crowd.slice(0, 2000) }))).toBe(0);
			} finally {
				emulator.addWeComApp(APP);
			}
		});

		it('checks the owner: 86005 unknown to the corp, 86207 not among the members', async () => {
			expect(await errcode(create({ owner: 'nobody', userlist: ['zhangsan', 'lisi'] }))).toBe(86005);
			expect(await errcode(create({ owner: 3, userlist: ['zhangsan', 'lisi'] }))).toBe(86005);
			expect(await errcode(create({ owner: 'wangwu', userlist: ['zhangsan', 'lisi'] }))).toBe(86207);
		});

		it('answers 86004 for a name that is no string and cuts a name to 50 characters', async () => {
			expect(await errcode(create({ name: ['x'], userlist: ['zhangsan', 'lisi'] }))).toBe(86004);
			await create({ chatid: 'long', name: '群'.repeat(60), userlist: ['zhangsan', 'lisi'] });
			expect(((await get('long')).json.chat_info as { name: string }).name).toBe('群'.repeat(50));
		});

		it('answers 60011 on every appchat call when the app is not visible to the whole company', async () => {
			const partial = await tokenOf(emulator, PARTIAL_APP);
			const { json } = await create({ userlist: ['zhangsan', 'lisi'] }, partial);
			expect(json.errcode).toBe(60011);
			expect(json.errmsg).toMatch(/^no privilege to access\/modify contact\/party\/agent, hint: /);
			await makeChat();
			expect(await errcode(update({ chatid: 'chat1', name: 'x' }, partial))).toBe(60011);
			expect(await errcode(get('chat1', partial))).toBe(60011);
			expect(await errcode(send({ chatid: 'chat1', msgtype: 'text', text: { content: 'hi' } }, partial))).toBe(60011);
			expect(emulator.state.wecom.apps.find((app) => app.agentId === PARTIAL_APP.agentId)?.visibleToAll).toBe(false);
		});
	});

	describe('update', () => {
		it('adds and removes members and hands the chat to a new owner', async () => {
			await makeChat('chat1', ['zhangsan', 'lisi', 'wangwu']);
			expect(await errcode(update({ chatid: 'chat1', owner: 'ZhaoLiu', add_user_list: ['zhaoliu'], del_user_list: ['zhangsan'] }))).toBe(0);
			expect((await get('chat1')).json.chat_info).toMatchObject({ owner: 'ZhaoLiu', userlist: ['lisi', 'wangwu', 'ZhaoLiu'] });
		});

		it('answers 86201 without chatid, 86003 for an unknown one', async () => {
			expect(await errcode(update({ name: 'x' }))).toBe(86201);
			expect(await errcode(update({ chatid: 'nochat', name: 'x' }))).toBe(86003);
		});

		it('refuses unknown members (86007), removing a non-member (86007), fewer than 2 left (86006) and losing the owner (86207)', async () => {
			await makeChat('chat1', ['zhangsan', 'lisi', 'wangwu']);
			expect(await errcode(update({ chatid: 'chat1', add_user_list: ['nobody'] }))).toBe(86007);
			expect(await errcode(update({ chatid: 'chat1', del_user_list: ['ZhaoLiu'] }))).toBe(86007);
			expect(await errcode(update({ chatid: 'chat1', del_user_list: ['lisi', 'wangwu'] }))).toBe(86006);
			expect(await errcode(update({ chatid: 'chat1', del_user_list: ['zhangsan'] }))).toBe(86207);
			expect(await errcode(update({ chatid: 'chat1', owner: 'ZhaoLiu' }))).toBe(86207);
			expect(await errcode(update({ chatid: 'chat1', owner: 'nobody' }))).toBe(86005);
			expect(await errcode(update({ chatid: 'chat1', name: 5 }))).toBe(86004);
			expect(await errcode(update({ chatid: 'chat1', add_user_list: 'ZhaoLiu' }))).toBe(40058);
		});

		it('changes nothing when any part of the update is refused', async () => {
			await makeChat('chat1', ['zhangsan', 'lisi']);
			expect(await errcode(update({ chatid: 'chat1', name: 'renamed', add_user_list: ['wangwu'], owner: 'nobody' }))).toBe(86005);
			expect((await get('chat1')).json.chat_info).toEqual({ chatid: 'chat1', name: '', owner: 'zhangsan', userlist: ['zhangsan', 'lisi'], chat_type: 0 });
		});
	});

	describe('get', () => {
		it('answers 86201 without chatid and 86003 for an unknown one', async () => {
			expect(await errcode(http('GET', `${emulator.url}/cgi-bin/appchat/get?access_token=${token}`))).toBe(86201);
			expect(await errcode(get('nochat'))).toBe(86003);
		});
	});

	describe('send', () => {
		it('accepts every group-chat msgtype with its payload and records them in order', async () => {
			await makeChat();
			const image = await uploadMedia(emulator, token, 'image');
			const bodies: Array<Record<string, unknown>> = [
				{ msgtype: 'text', text: { content: 'hi' }, safe: 1 },
				{ msgtype: 'image', image: { media_id: image } },
				{ msgtype: 'voice', voice: { media_id: await uploadMedia(emulator, token, 'voice') } },
				{ msgtype: 'video', video: { media_id: await uploadMedia(emulator, token, 'video'), title: 't' } },
				{ msgtype: 'file', file: { media_id: await uploadMedia(emulator, token, 'file') } },
				{ msgtype: 'textcard', textcard: { title: 't', description: 'd', url: 'https://example.com' } },
				{ msgtype: 'news', news: { articles: [{ title: 't', url: 'https://example.com' }] } },
				{ msgtype: 'mpnews', mpnews: { articles: [{ title: 't', thumb_media_id: image, content: '<p>x</p>' }] } },
				{ msgtype: 'markdown', markdown: { content: '**bold**' } },
			];
			for (const body of bodies) expect((await send({ chatid: 'chat1', ...body })).json).toEqual({ errcode: 0, errmsg: 'ok' });
			expect(emulator.state.wecom.chats[0].messages.map((message) => message.msgtype)).toEqual(bodies.map((body) => body.msgtype));
		});

		it('refuses template_card, miniprogram_notice and unknown msgtypes with 40008', async () => {
			await makeChat();
			const card = { card_type: 'text_notice', main_title: { title: 't' }, card_action: { type: 1, url: 'https://example.com' } };
			expect(await errcode(send({ chatid: 'chat1', msgtype: 'template_card', template_card: card }))).toBe(40008);
			expect(await errcode(send({ chatid: 'chat1', msgtype: 'miniprogram_notice', miniprogram_notice: { appid: 'wx1', title: 't' } }))).toBe(40008);
			expect(await errcode(send({ chatid: 'chat1', msgtype: 'sticker' }))).toBe(40008);
			expect(await errcode(send({ chatid: 'chat1', text: { content: 'x' } }))).toBe(40008);
			expect(emulator.state.wecom.chats[0].messages).toEqual([]);
		});

		it('checks payloads with message/send validators: the same errcode and errmsg for the same mistake', async () => {
			await makeChat();
			const mistakes: Array<[Record<string, unknown>, number]> = [
				[{ msgtype: 'text', text: { content: '' } }, 44004],
				[{ msgtype: 'text', text: { content: 'x'.repeat(2049) } }, 45002],
				[{ msgtype: 'image', image: {} }, 41006],
				[{ msgtype: 'image', image: { media_id: 'not-uploaded' } }, 40007],
				[{ msgtype: 'textcard', textcard: { description: 'd', url: 'https://example.com' } }, 41016],
				[{ msgtype: 'news', news: { articles: Array.from({ length: 9 }, () => ({ title: 't', url: 'https://example.com' })) } }, 45008],
				[{ msgtype: 'markdown', markdown: { content: '' } }, 44004],
			];
			const prefix = (result: HttpResult): string => String(result.json.errmsg).split(', hint:')[0];
			for (const [body, expected] of mistakes) {
				const chatAnswer = await send({ chatid: 'chat1', ...body });
				const appAnswer = await sendMessage(emulator, token, { touser: 'zhangsan', ...body });
				expect([body.msgtype, chatAnswer.json.errcode]).toEqual([body.msgtype, expected]);
				expect(prefix(chatAnswer)).toBe(prefix(appAnswer));
			}
		});

		it('answers 40058 for safe other than 0 or 1, and 86201 / 86003 for a missing or unknown chatid', async () => {
			await makeChat();
			expect(await errcode(send({ chatid: 'chat1', msgtype: 'text', text: { content: 'x' }, safe: 2 }))).toBe(40058);
			expect(await errcode(send({ msgtype: 'text', text: { content: 'x' } }))).toBe(86201);
			expect(await errcode(send({ chatid: 'nochat', msgtype: 'text', text: { content: 'x' } }))).toBe(86003);
		});
	});

	it("refuses a chat created by another app of the same corp with 86008 on get, update and send", async () => {
		await makeChat();
		const other = await tokenOf(emulator, OTHER_APP);
		expect(await errcode(get('chat1', other))).toBe(86008);
		expect(await errcode(update({ chatid: 'chat1', name: 'mine now' }, other))).toBe(86008);
		const { json } = await send({ chatid: 'chat1', msgtype: 'text', text: { content: 'hi' } }, other);
		expect(json.errcode).toBe(86008);
		// The other corp does not even see it.
		expect(await errcode(get('chat1', await tokenOf(emulator, OTHER_CORP)))).toBe(86003);
		expect(emulator.state.wecom.chats[0]).toMatchObject({ name: '', messages: [] });
	});

	it('needs a valid token like every token route (41001, 40014)', async () => {
		expect((await http('POST', `${emulator.url}/cgi-bin/appchat/create`, JSON.stringify({ userlist: ['zhangsan', 'lisi'] }))).json.errcode).toBe(41001);
		expect(await errcode(create({ userlist: ['zhangsan', 'lisi'] }, 'made-up'))).toBe(40014);
	});

	it('reset clears the chats; GET /__emulator/state shows them', async () => {
		await makeChat();
		const state = (await http('GET', `${emulator.url}/__emulator/state`)).json as { wecom: { chats: Array<{ chatid: string }> } };
		expect(state.wecom.chats.map((chat) => chat.chatid)).toEqual(['chat1']);
		await http('POST', `${emulator.url}/__emulator/reset`);
		expect(emulator.state.wecom.chats).toEqual([]);
	});
});
