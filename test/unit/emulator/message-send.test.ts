import { startEmulator, type Emulator } from '../../emulator';
import { APP, call, http, OTHER_APP, sendMessage, text, tokenOf, uploadMedia } from './helpers';

describe('emulator: message/send', () => {
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

	const errcodeOf = async (body: Record<string, unknown>): Promise<unknown> => (await sendMessage(emulator, token, body)).json.errcode;

	describe('envelope', () => {
		it('delivers a text message, returns a msgid and records the body exactly', async () => {
			const body = { touser: 'zhangsan|lisi', msgtype: 'text', agentid: APP.agentId, text: { content: '你好 <a href="https://example.com">link</a>' }, safe: 0 };
			const { json } = await call(emulator, '/cgi-bin/message/send', token, body);
			expect(json).toEqual({ errcode: 0, errmsg: 'ok', msgid: expect.any(String) });
			const [message] = emulator.state.wecom.messages;
			expect(message).toMatchObject({ msgid: json.msgid, msgtype: 'text', body, deduplicated: false });
			expect(message.delivery.users).toEqual(['zhangsan', 'lisi']);
			expect(emulator.log.entries({ path: '/cgi-bin/message/send' })[0].json).toEqual(body);
		});

		it('answers 47001 for a body that is not a JSON object', async () => {
			const url = `${emulator.url}/cgi-bin/message/send?access_token=${token}`;
			expect((await http('POST', url, '{"touser":')).json.errcode).toBe(47001);
			expect((await http('POST', url, '[1,2]')).json.errcode).toBe(47001);
			expect(emulator.log.entries()[1].text).toBe('{"touser":');
		});

		it('checks agentid: 41011 missing, 40056 unknown, 301002 another app of the corp; digits as a string pass', async () => {
			expect(await errcodeOf({ ...text('hi'), agentid: undefined })).toBe(41011);
			expect(await errcodeOf({ ...text('hi'), agentid: 999 })).toBe(40056);
			expect(await errcodeOf({ ...text('hi'), agentid: 'abc' })).toBe(40056);
			expect(await errcodeOf({ ...text('hi'), agentid: OTHER_APP.agentId })).toBe(301002);
			expect(await errcodeOf({ ...text('hi'), agentid: String(APP.agentId) })).toBe(0);
		});

		it('answers 40008 for a missing or unknown msgtype', async () => {
			expect(await errcodeOf({ touser: 'zhangsan', text: { content: 'x' } })).toBe(40008);
			expect(await errcodeOf({ touser: 'zhangsan', msgtype: 'sticker' })).toBe(40008);
			expect(await errcodeOf({ touser: 'zhangsan', msgtype: 'toString' })).toBe(40008);
		});

		it('answers 40058 naming the field for a bad safe or duplicate_check_interval', async () => {
			const { json } = await sendMessage(emulator, token, { ...text('hi'), safe: 3 });
			expect(json.errcode).toBe(40058);
			expect(json.errmsg).toContain('field safe is invalid');
			expect(await errcodeOf({ ...text('hi'), enable_duplicate_check: 1, duplicate_check_interval: 14401 })).toBe(40058);
		});
	});

	describe('recipients', () => {
		it('answers 82001 when no recipient is given and checks list sizes (40032, 82002, 82003)', async () => {
			expect(await errcodeOf({ msgtype: 'text', text: { content: 'x' } })).toBe(82001);
			expect(await errcodeOf({ ...text('x', ''), toparty: '' })).toBe(82001);
			const many = (count: number): string => Array.from({ length: count }, (_, i) => String(i + 1)).join('|');
			expect(await errcodeOf(text('x', many(1001)))).toBe(40032);
			expect(await errcodeOf({ ...text('x'), toparty: many(101) })).toBe(82002);
			expect(await errcodeOf({ ...text('x'), totag: many(101) })).toBe(82003);
			expect(await errcodeOf({ ...text('x'), toparty: 1 })).toBe(40058);
		});

		it('reports recipients outside the app (lower-cased, |-joined) with errcode 0', async () => {
			const { json } = await sendMessage(emulator, token, { ...text('hi', 'ZhangSan|Ghost|zhaoliu|NoLicence'), toparty: '2|77|x', totag: '1|9' });
			expect(json).toEqual({
				errcode: 0,
				errmsg: 'ok',
				invaliduser: 'ghost',
				invalidparty: '77|x',
				invalidtag: '9',
				unlicenseduser: 'nolicence',
				msgid: expect.any(String),
			});
			expect(emulator.state.wecom.messages[0].delivery).toMatchObject({ users: ['zhangsan', 'ZhaoLiu'], parties: [2], tags: [1] });
		});

		it('answers 81013 when every recipient is invalid, and sends nothing', async () => {
			const { json } = await sendMessage(emulator, token, { ...text('hi', 'ghost'), toparty: '99' });
			expect(json.errcode).toBe(81013);
			expect(json.errmsg).toMatch(/^user & party & tag all invalid, hint/);
			expect(emulator.state.wecom.messages).toHaveLength(0);
		});

		it('delivers @all to every user in scope and ignores parties and tags', async () => {
			const { json } = await sendMessage(emulator, token, { ...text('hi', '@all'), toparty: '99' });
			expect(json.invalidparty).toBeUndefined();
			expect(emulator.state.wecom.messages[0].delivery.users).toEqual(APP.users);
		});
	});

	describe('content', () => {
		it('text: 44004 when empty, 45002 over 2048 bytes, 2048 bytes pass', async () => {
			expect(await errcodeOf(text(''))).toBe(44004);
			expect(await errcodeOf({ touser: 'zhangsan', msgtype: 'text' })).toBe(44004);
			expect(await errcodeOf(text('中'.repeat(683)))).toBe(45002);
			expect(await errcodeOf(text(`${'中'.repeat(682)}ab`))).toBe(0);
		});

		it('markdown: same limits as text', async () => {
			expect(await errcodeOf({ touser: 'zhangsan', msgtype: 'markdown', markdown: { content: '**hi**' } })).toBe(0);
			expect(await errcodeOf({ touser: 'zhangsan', msgtype: 'markdown', markdown: { content: 'x'.repeat(2049) } })).toBe(45002);
		});

		it('image / voice / file: 41006 without media_id, 40007 unknown or of another type', async () => {
			const image = await uploadMedia(emulator, token, 'image');
			const file = await uploadMedia(emulator, token, 'file');
			expect(await errcodeOf({ touser: 'zhangsan', msgtype: 'image', image: {} })).toBe(41006);
			expect(await errcodeOf({ touser: 'zhangsan', msgtype: 'image', image: { media_id: 'nope' } })).toBe(40007);
			expect(await errcodeOf({ touser: 'zhangsan', msgtype: 'image', image: { media_id: file } })).toBe(40007);
			expect(await errcodeOf({ touser: 'zhangsan', msgtype: 'image', image: { media_id: image } })).toBe(0);
			expect(await errcodeOf({ touser: 'zhangsan', msgtype: 'file', file: { media_id: file } })).toBe(0);
			expect(await errcodeOf({ touser: 'zhangsan', msgtype: 'voice', voice: { media_id: await uploadMedia(emulator, token, 'voice') } })).toBe(0);
		});

		it('media uploaded by another app of the corp is usable; expired media is not', async () => {
			const other = await tokenOf(emulator, OTHER_APP);
			const image = await uploadMedia(emulator, other, 'image');
			expect(await errcodeOf({ touser: 'zhangsan', msgtype: 'image', image: { media_id: image } })).toBe(0);
			emulator.advanceTime(3 * 24 * 3600);
			token = await tokenOf(emulator);
			expect(await errcodeOf({ touser: 'zhangsan', msgtype: 'image', image: { media_id: image } })).toBe(40007);
		});

		it('video: media_id of a video, title at most 128 bytes, description 512', async () => {
			const video = await uploadMedia(emulator, token, 'video');
			expect(await errcodeOf({ touser: 'zhangsan', msgtype: 'video', video: { media_id: video, title: 't', description: 'd' } })).toBe(0);
			expect(await errcodeOf({ touser: 'zhangsan', msgtype: 'video', video: { media_id: video, title: 'x'.repeat(129) } })).toBe(45002);
			expect(await errcodeOf({ touser: 'zhangsan', msgtype: 'video', video: { media_id: video, description: 'x'.repeat(513) } })).toBe(45002);
		});

		it('textcard: title (41016), description (41033), url (41010) required; btntxt at most 4 characters', async () => {
			const card = { title: '领奖通知', description: '<div class="gray">2016年9月26日</div>', url: 'https://example.com', btntxt: '更多详情' };
			const send = (textcard: Record<string, unknown>): Promise<unknown> => errcodeOf({ touser: 'zhangsan', msgtype: 'textcard', textcard });
			expect(await send(card)).toBe(0);
			expect(await send({ ...card, title: undefined })).toBe(41016);
			expect(await send({ ...card, description: '' })).toBe(41033);
			expect(await send({ ...card, url: undefined })).toBe(41010);
			expect(await send({ ...card, btntxt: '更多详情啊' })).toBe(40058);
		});

		it('news: 1 to 8 articles (45008), each with a title and a url unless it opens a mini program', async () => {
			const article = { title: 'Title', url: 'https://example.com', picurl: 'https://example.com/a.png' };
			const send = (articles: unknown): Promise<unknown> => errcodeOf({ touser: 'zhangsan', msgtype: 'news', news: { articles } });
			expect(await send([article])).toBe(0);
			expect(await send([])).toBe(45008);
			expect(await send(Array(9).fill(article))).toBe(45008);
			expect(await send([{ title: 'no url' }])).toBe(41010);
			expect(await send([{ title: 'mini program', appid: 'wx123', pagepath: 'index' }])).toBe(0);
			expect(await send([{ url: 'https://example.com' }])).toBe(41016);
		});

		it('mpnews: articles need title, an image thumb_media_id and content; a media_id alone passes', async () => {
			const thumb = await uploadMedia(emulator, token, 'image');
			const article = { title: 'T', thumb_media_id: thumb, content: '<p>body</p>', author: 'me' };
			const send = (mpnews: unknown): Promise<unknown> => errcodeOf({ touser: 'zhangsan', msgtype: 'mpnews', mpnews });
			expect(await send({ articles: [article] })).toBe(0);
			expect(await send({ articles: [{ ...article, thumb_media_id: undefined }] })).toBe(41006);
			expect(await send({ articles: [{ ...article, content: '' }] })).toBe(40058);
			expect(await send({ articles: [{ ...article, author: 'x'.repeat(65) }] })).toBe(45032);
			expect(await send({ media_id: 'permanent-mpnews-id' })).toBe(0);
		});

		it('miniprogram_notice: appid (90200) and title required, at most 10 content items (90201)', async () => {
			const notice = { appid: 'wx123', page: 'pages/index', title: '会议室预订成功', content_item: [{ key: '会议室', value: '402' }] };
			const send = (miniprogram_notice: unknown): Promise<unknown> => errcodeOf({ touser: 'zhangsan', msgtype: 'miniprogram_notice', miniprogram_notice });
			expect(await send(notice)).toBe(0);
			expect(await send({ ...notice, appid: undefined })).toBe(90200);
			expect(await send({ ...notice, title: '' })).toBe(41016);
			expect(await send({ ...notice, content_item: Array(11).fill({ key: 'k', value: 'v' }) })).toBe(90201);
		});
	});
});
