import { startEmulator, type Emulator, type MassSendJobFinishEvent, type OaEvent } from '../../emulator';
import { SAMPLES } from './helpers';
import { FOLLOWERS, jpg, OA, oaCall, oaMedia, oaNews, oaToken, oaUpload, OTHER_OA, text, toChinaMonthStart, toChinaMorning } from './oa-helpers';

const SENDALL = '/cgi-bin/message/mass/sendall';
const SEND = '/cgi-bin/message/mass/send';
const GET = '/cgi-bin/message/mass/get';

describe('emulator: OA mass send', () => {
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

	const toTag = (body: Record<string, unknown>): ReturnType<typeof oaCall> => oaCall(emulator, SENDALL, token, { filter: { is_to_all: false, tag_id: 100 }, ...body });
	const toList = (body: Record<string, unknown>, touser = FOLLOWERS.slice(0, 2)): ReturnType<typeof oaCall> => oaCall(emulator, SEND, token, { touser, ...body });
	const status = async (msgId: unknown): Promise<unknown> => (await oaCall(emulator, GET, token, { msg_id: msgId })).json.msg_status;
	const massEvents = (): MassSendJobFinishEvent[] => emulator.oaEvents(OA.appId).filter((event: OaEvent): event is MassSendJobFinishEvent => event.Event === 'MASSSENDJOBFINISH');

	it('seed 002: uploadimg, upload thumb, uploadnews, sendall to a tag, get the status, the finish event', async () => {
		const image = await oaUpload(emulator, token, '/cgi-bin/media/uploadimg', [{ filename: 'inline.png', data: SAMPLES.png() }]);
		expect(image.json).toEqual({ url: expect.stringMatching(/^http:\/\/mmbiz\.qpic\.cn\/mmbiz_png\/[\w-]+\/0$/) });
		const thumb = await oaUpload(emulator, token, '/cgi-bin/media/upload', [{ filename: 'cover.jpg', data: jpg() }], 'thumb');
		expect(thumb.json).toEqual({ type: 'thumb', thumb_media_id: expect.any(String), media_id: thumb.json.thumb_media_id, created_at: expect.any(Number), item: [] });
		const news = await oaCall(emulator, '/cgi-bin/media/uploadnews', token, {
			articles: [
				{ thumb_media_id: thumb.json.thumb_media_id, author: '编辑部', title: '本周更新', content_source_url: 'https://example.com', content: `<p><img src="${String(image.json.url)}"></p>`, digest: '摘要', show_cover_pic: 1 },
			],
		});
		expect(news.json).toEqual({ type: 'news', media_id: expect.any(String), created_at: expect.any(Number) });
		const sent = await toTag({ mpnews: { media_id: news.json.media_id }, msgtype: 'mpnews', send_ignore_reprint: 0 });
		expect(sent.json).toEqual({ errcode: 0, errmsg: 'send job submission success', msg_id: expect.any(Number), msg_data_id: expect.any(Number) });
		expect((await oaCall(emulator, GET, token, { msg_id: sent.json.msg_id })).json).toEqual({ msg_id: sent.json.msg_id, msg_status: 'SEND_SUCCESS' });
		expect(massEvents()).toEqual([
			{
				ToUserName: 'gh_test_oa',
				FromUserName: expect.any(String),
				CreateTime: expect.any(Number),
				MsgType: 'event',
				Event: 'MASSSENDJOBFINISH',
				MsgID: String(sent.json.msg_id),
				Status: 'send success',
				TotalCount: 3,
				FilterCount: 3,
				SentCount: 3,
				ErrorCount: 0,
				CopyrightCheckResult: { Count: 0, ResultList: { item: [] }, CheckState: 1 },
				ArticleUrlResult: { Count: 1, ResultList: { item: [{ ArticleIdx: 1, ArticleUrl: expect.stringContaining(`mid=${String(sent.json.msg_data_id)}&idx=1`) }] } },
			},
		]);
		expect(emulator.state.oa.massJobs[0]).toMatchObject({ api: 'sendall', tagId: 100, isToAll: false, recipients: FOLLOWERS.slice(0, 3), status: 'SEND_SUCCESS' });
	});

	describe('job status', () => {
		it('stays SENDING for the configured delay, then SEND_SUCCESS with its event', async () => {
			emulator.oa.configure({ massJobDelaySeconds: 60 });
			const { json } = await toList(text('稍后完成'));
			expect(await status(json.msg_id)).toBe('SENDING');
			expect(massEvents()).toEqual([]);
			emulator.advanceTime(60);
			expect(await status(String(json.msg_id))).toBe('SEND_SUCCESS');
			expect(massEvents()).toHaveLength(1);
		});

		it('finishes on its own in wall time too, telling an event listener', async () => {
			emulator.oa.configure({ massJobDelaySeconds: 0.2 });
			const heard = new Promise<OaEvent>((resolve) => {
				const stop = emulator.oa.onEvent((_appId, event) => {
					stop();
					resolve(event);
				});
			});
			const { json } = await toList(text('自动完成'));
			expect(await heard).toMatchObject({ Event: 'MASSSENDJOBFINISH', MsgID: String(json.msg_id), Status: 'send success' });
		});

		it('a test can end a job with "send fail" or "err(N)"', async () => {
			emulator.oa.configure({ massJobDelaySeconds: 3600 });
			const failed = await toList(text('失败'));
			const checked = await toList(text('违规'));
			expect(emulator.oa.finishMassJob(Number(failed.json.msg_id), 'send fail')).toMatchObject({ status: 'SEND_FAIL', sentCount: 0, errorCount: 2 });
			emulator.oa.finishMassJob(Number(checked.json.msg_id), 'err(20013)');
			expect(await status(failed.json.msg_id)).toBe('SEND_FAIL');
			expect(massEvents().map((event) => [event.Status, event.FilterCount, event.SentCount, event.ErrorCount])).toEqual([
				['send fail', 2, 0, 2],
				['err(20013)', 0, 0, 0],
			]);
			expect(() => emulator.oa.finishMassJob(Number(failed.json.msg_id))).toThrow('not SENDING');
		});

		it('mass/get of an unknown msg_id is 40097; a missing one 47001', async () => {
			expect((await oaCall(emulator, GET, token, { msg_id: 123 })).json.errcode).toBe(40097);
			expect((await oaCall(emulator, GET, token, {})).json.errcode).toBe(47001);
		});
	});

	describe('clientmsgid', () => {
		it('a retry within a minute is 45066; later within 24 h 45065 carrying the first msg_id; then a new job', async () => {
			const first = await toTag({ ...text('通知'), clientmsgid: 'campaign-1' });
			expect(first.json.errcode).toBe(0);
			expect((await toTag({ ...text('通知'), clientmsgid: 'campaign-1' })).json.errcode).toBe(45066);
			emulator.advanceTime(61);
			token = await oaToken(emulator);
			const duplicate = await toTag({ ...text('别的内容也一样'), clientmsgid: 'campaign-1' });
			expect(duplicate.json).toEqual({ errcode: 45065, errmsg: expect.stringMatching(/^clientmsgid exist rid: /), msg_id: first.json.msg_id });
			expect(emulator.state.oa.massJobs).toHaveLength(1);
			emulator.advanceTime(24 * 3600);
			token = await oaToken(emulator);
			expect((await toTag({ ...text('通知'), clientmsgid: 'campaign-1' })).json.msg_id).not.toBe(first.json.msg_id);
		});

		it('45067 beyond 64 bytes; without clientmsgid the same target and content count as a duplicate', async () => {
			expect((await toTag({ ...text('x'), clientmsgid: 'a'.repeat(65) })).json.errcode).toBe(45067);
			expect((await toTag({ ...text('x'), clientmsgid: '中'.repeat(21) })).json.errcode).toBe(0);
			expect((await toTag(text('same'))).json.errcode).toBe(0);
			expect((await toTag(text('same'))).json.errcode).toBe(45066);
			expect((await toTag(text('different'))).json.errcode).toBe(0);
			expect((await toList(text('same'))).json.errcode).toBe(0);
		});
	});

	describe('targets and limits', () => {
		it('mass/send: 40130 for fewer than 2 openids; non-followers are filtered out', async () => {
			expect((await toList(text('x'), [FOLLOWERS[0]])).json.errcode).toBe(40130);
			expect((await toList(text('x'), 'o_follower_1' as unknown as string[])).json.errcode).toBe(47001);
			const { json } = await toList(text('部分'), [FOLLOWERS[0], 'o_stranger', 'o_other_1']);
			expect(json.errcode).toBe(0);
			expect(massEvents()[0]).toMatchObject({ TotalCount: 3, FilterCount: 1, SentCount: 1 });
		});

		it('sendall: is_to_all reaches every follower; 45159 for an unknown tag; 47001 without filter or tag_id', async () => {
			expect((await oaCall(emulator, SENDALL, token, { filter: { is_to_all: true }, ...text('全体') })).json.errcode).toBe(0);
			expect(massEvents()[0]).toMatchObject({ TotalCount: 5, SentCount: 5 });
			expect((await oaCall(emulator, SENDALL, token, { filter: { is_to_all: false, tag_id: 7 }, ...text('x') })).json.errcode).toBe(45159);
			expect((await oaCall(emulator, SENDALL, token, text('x'))).json.errcode).toBe(47001);
			expect((await oaCall(emulator, SENDALL, token, { filter: { is_to_all: false }, ...text('x') })).json.errcode).toBe(47001);
		});

		it('each follower receives at most 4 mass messages a month; the rest are filtered out', async () => {
			toChinaMonthStart(emulator);
			token = await oaToken(emulator);
			for (let i = 1; i <= 4; i++) expect((await toList(text(`第${i}条`))).json.errcode).toBe(0);
			expect((await toList(text('第5条'), FOLLOWERS.slice(0, 3))).json.errcode).toBe(0);
			expect(massEvents().at(-1)).toMatchObject({ TotalCount: 3, FilterCount: 1, SentCount: 1 });
			expect(emulator.state.oa.massJobs.at(-1)?.recipients).toEqual([FOLLOWERS[2]]);
			toChinaMonthStart(emulator);
			token = await oaToken(emulator);
			expect((await toList(text('下个月'))).json.errcode).toBe(0);
			expect(massEvents().at(-1)).toMatchObject({ FilterCount: 2 });
		});

		it('quotas: 60 calls a minute (45011), 100 a day (45009), is_to_all 4 a month (45028)', async () => {
			toChinaMorning(emulator);
			token = await oaToken(emulator);
			for (let i = 0; i < 60; i++) expect((await toList({ ...text(`m${i}`), clientmsgid: `m${i}` })).json.errcode).toBe(0);
			expect((await toList({ ...text('m60'), clientmsgid: 'm60' })).json.errcode).toBe(45011);
			emulator.advanceTime(60);
			for (let i = 60; i < 100; i++) expect((await toList({ ...text(`m${i}`), clientmsgid: `m${i}` })).json.errcode).toBe(0);
			expect((await toList({ ...text('m100'), clientmsgid: 'm100' })).json.errcode).toBe(45009);

			emulator.reset();
			toChinaMonthStart(emulator);
			token = await oaToken(emulator);
			const toAll = async (i: number): Promise<unknown> => (await oaCall(emulator, SENDALL, token, { filter: { is_to_all: true }, ...text(`全体${i}`) })).json.errcode;
			for (let i = 0; i < 4; i++) expect(await toAll(i)).toBe(0);
			expect(await toAll(4)).toBe(45028);
		});

		it('a verified subscription account sends once a day (45028); an unverified account gets 48001', async () => {
			toChinaMorning(emulator);
			token = await oaToken(emulator);
			emulator.oa.updateAccount({ appId: OA.appId, serviceAccount: false });
			expect((await toTag(text('今天'))).json.errcode).toBe(0);
			expect((await toTag(text('今天第二条'))).json.errcode).toBe(45028);
			emulator.advanceTime(24 * 3600);
			token = await oaToken(emulator);
			expect((await toTag(text('明天'))).json.errcode).toBe(0);
			emulator.oa.updateAccount({ appId: OA.appId, verified: false });
			expect((await toTag(text('未认证'))).json.errcode).toBe(48001);
		});
	});

	describe('message types', () => {
		it('accepts text, voice, image (new and old style), mpvideo from uploadvideo and wxcard', async () => {
			const voice = await oaMedia(emulator, token, 'voice');
			const image = await oaMedia(emulator, token, 'image');
			const video = await oaMedia(emulator, token, 'video');
			const mpvideo = await oaCall(emulator, '/cgi-bin/media/uploadvideo', token, { media_id: video, title: '视频', description: '介绍' });
			expect(mpvideo.json).toEqual({ type: 'video', media_id: expect.any(String), created_at: expect.any(Number) });
			const bodies = [
				text('文本'),
				{ msgtype: 'voice', voice: { media_id: voice } },
				{ msgtype: 'image', images: { media_ids: [image], recommend: '推荐语', need_open_comment: 1, only_fans_can_comment: 0 } },
				{ msgtype: 'image', image: { media_id: image } },
				{ msgtype: 'mpvideo', mpvideo: { media_id: mpvideo.json.media_id } },
				{ msgtype: 'wxcard', wxcard: { card_id: 'pFS7Fjg8kV1IdDz01r4SQwMkuCKc' } },
			];
			for (const body of bodies) expect((await toList(body)).json).toMatchObject({ errcode: 0, msg_id: expect.any(Number) });
			expect(emulator.state.oa.massJobs.map((job) => [job.msgtype, job.msgDataId])).toEqual([
				['text', undefined],
				['voice', undefined],
				['image', undefined],
				['image', undefined],
				['mpvideo', undefined],
				['wxcard', undefined],
			]);
		});

		it('40008 unknown msgtype, 44004 empty text, 41006 / 40007 missing or wrong media', async () => {
			const image = await oaMedia(emulator, token, 'image');
			const video = await oaMedia(emulator, token, 'video');
			const errcode = async (body: Record<string, unknown>): Promise<unknown> => (await toList(body)).json.errcode;
			expect(await errcode({ msgtype: 'markdown', markdown: { content: 'x' } })).toBe(40008);
			expect(await errcode(text(''))).toBe(44004);
			expect(await errcode({ msgtype: 'voice', voice: {} })).toBe(41006);
			expect(await errcode({ msgtype: 'voice', voice: { media_id: image } })).toBe(40007);
			expect(await errcode({ msgtype: 'mpnews', mpnews: { media_id: image } })).toBe(40007);
			expect(await errcode({ msgtype: 'mpvideo', mpvideo: { media_id: video } })).toBe(40007);
			expect(await errcode({ msgtype: 'image', images: { media_ids: [] } })).toBe(41006);
			expect((await oaCall(emulator, '/cgi-bin/media/uploadvideo', token, { media_id: image })).json.errcode).toBe(40007);
			const other = await oaToken(emulator, OTHER_OA);
			const foreign = await oaMedia(emulator, other, 'image');
			expect(await errcode({ msgtype: 'image', image: { media_id: foreign } })).toBe(40007);
		});
	});

	describe('preview, delete, speed', () => {
		it('preview to an openid or a WeChat ID (towxname wins); 40132, 43004; no job, no event', async () => {
			const byOpenid = await oaCall(emulator, '/cgi-bin/message/mass/preview', token, { touser: FOLLOWERS[0], ...text('预览') });
			expect(byOpenid.json).toEqual({ errcode: 0, errmsg: 'preview success', msg_id: expect.any(Number) });
			await oaCall(emulator, '/cgi-bin/message/mass/preview', token, { touser: FOLLOWERS[0], towxname: 'wx_tester', ...text('预览') });
			expect(emulator.state.oa.massPreviews.map((preview) => preview.touser)).toEqual([FOLLOWERS[0], FOLLOWERS[1]]);
			expect((await oaCall(emulator, '/cgi-bin/message/mass/preview', token, { towxname: 'nobody', ...text('x') })).json.errcode).toBe(40132);
			expect((await oaCall(emulator, '/cgi-bin/message/mass/preview', token, { touser: 'o_stranger', ...text('x') })).json.errcode).toBe(43004);
			expect(emulator.state.oa.massJobs).toEqual([]);
			expect(emulator.oaEvents()).toEqual([]);
		});

		it("preview takes one image as image.media_id; the send APIs' images.media_ids is 41006 there, nothing previewed", async () => {
			const image = await oaMedia(emulator, token, 'image');
			const preview = (body: Record<string, unknown>): ReturnType<typeof oaCall> => oaCall(emulator, '/cgi-bin/message/mass/preview', token, { touser: FOLLOWERS[0], msgtype: 'image', ...body });
			expect((await preview({ images: { media_ids: [image] } })).json.errcode).toBe(41006);
			expect(emulator.state.oa.massPreviews).toEqual([]);
			expect((await preview({ image: { media_id: image } })).json.errcode).toBe(0);
			expect(emulator.state.oa.massPreviews.map((entry) => entry.msgtype)).toEqual(['image']);
		});

		it('delete: a whole mpnews (DELETE), one article by article_idx, by url; 40060; only mpnews/mpvideo; 40059 for none left', async () => {
			const news = await oaNews(emulator, token, ['第一篇', '第二篇']);
			const first = await toTag({ msgtype: 'mpnews', mpnews: { media_id: news } });
			const second = await toTag({ msgtype: 'mpnews', mpnews: { media_id: news }, clientmsgid: 'again' });
			const del = async (body: Record<string, unknown>): Promise<unknown> => (await oaCall(emulator, '/cgi-bin/message/mass/delete', token, body)).json.errcode;
			expect(await del({ msg_id: first.json.msg_id, article_idx: 3 })).toBe(40060);
			expect(await del({ msg_id: first.json.msg_id, article_idx: 2 })).toBe(0);
			expect(await status(first.json.msg_id)).toBe('SEND_SUCCESS');
			expect(await del({ msg_id: first.json.msg_id, article_idx: 0 })).toBe(0);
			expect(await status(first.json.msg_id)).toBe('DELETE');
			expect(await del({ msg_id: first.json.msg_id })).toBe(40059); // already deleted: what a replay gets
			const url = emulator.state.oa.massJobs[1].articles[0].url;
			expect(await del({ url })).toBe(0);
			expect(await status(second.json.msg_id)).toBe('DELETE');
			const plain = await toList(text('文本'));
			expect(await del({ msg_id: plain.json.msg_id })).toBe(40097);
			expect(await del({ msg_id: 1 })).toBe(40059);
		});

		it('speed/get and speed/set (0..4)', async () => {
			expect((await oaCall(emulator, '/cgi-bin/message/mass/speed/get', token, {})).json).toEqual({ speed: 0, realspeed: 80 });
			expect((await oaCall(emulator, '/cgi-bin/message/mass/speed/set', token, { speed: 3 })).json).toEqual({ errcode: 0, errmsg: 'ok' });
			expect((await oaCall(emulator, '/cgi-bin/message/mass/speed/get', token, {})).json).toEqual({ speed: 3, realspeed: 30 });
			expect((await oaCall(emulator, '/cgi-bin/message/mass/speed/set', token, { speed: 5 })).json.errcode).toBe(40097);
		});
	});
});
