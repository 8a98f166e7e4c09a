import { startEmulator, type Emulator } from '../../emulator';
import { FakeTrigger, field, TOKEN } from './callback-fake-trigger';
import { jpg, OA, oaCall, oaGet, oaToken, oaUpload } from './oa-helpers';

/** The OA content area on its own: draft limits, the publish job and its PUBLISHJOBFINISH push, material. */
describe('emulator: drafts, publishing, permanent material', () => {
	let emulator: Emulator;
	let trigger: FakeTrigger;
	let token: string;

	beforeAll(async () => {
		emulator = await startEmulator({ oaAccounts: [OA], oaSettings: { publishJobDelaySeconds: 0.1 } });
		trigger = await FakeTrigger.start();
	});
	afterAll(async () => {
		await emulator.close();
		await trigger.close();
	});
	beforeEach(async () => {
		emulator.reset();
		emulator.callbacks.configureOa(OA.appId, null);
		trigger.received.length = 0;
		token = await oaToken(emulator);
	});

	const cover = async (): Promise<string> => {
		const { json } = await oaUpload(
			emulator,
			token,
			'/cgi-bin/material/add_material',
			[{ filename: 'c.jpg', data: jpg(300) }],
			'image',
		);
		return String(json.media_id);
	};
	const article = (thumb: string, extra: Record<string, unknown> = {}) => ({
		title: '标题',
		content: '<p>正文</p>',
		thumb_media_id: thumb,
		...extra,
	});

	it('refuses what draft_add refuses, with its errcodes', async () => {
		const thumb = await cover();
		const temporary = await oaUpload(
			emulator,
			token,
			'/cgi-bin/media/upload',
			[{ filename: 't.jpg', data: jpg(300) }],
			'thumb',
		);
		const add = async (articles: unknown) =>
			(await oaCall(emulator, '/cgi-bin/draft/add', token, { articles })).json.errcode;
		expect(await add([])).toBe(44003);
		expect(await add(Array.from({ length: 9 }, () => article(thumb)))).toBe(45008);
		expect(await add([article(thumb, { title: '长'.repeat(33) })])).toBe(45003);
		expect(await add([article(thumb, { content: 'x'.repeat(20_000) })])).toBe(45166);
		expect(await add([article(thumb, { content_source_url: 'javascript:alert(1)' })])).toBe(41039);
		expect(await add([article(String(temporary.json.media_id))])).toBe(40007);
		expect(await add([article(thumb, { author: '作'.repeat(17) })])).toBe(40097);
		expect(await add([article(thumb)])).toBeUndefined();
		expect(emulator.state.oa.drafts).toHaveLength(1);
	});

	it('a publish job stays publishing, then succeeds and is pushed as PUBLISHJOBFINISH; 48001 for an unverified account', async () => {
		emulator.callbacks.configureOa(OA.appId, { url: trigger.url, token: TOKEN });
		const thumb = await cover();
		const { json: draft } = await oaCall(emulator, '/cgi-bin/draft/add', token, {
			articles: [article(thumb), article(thumb, { title: '第二篇' })],
		});
		emulator.oa.updateAccount({ appId: OA.appId, verified: false });
		expect(
			(await oaCall(emulator, '/cgi-bin/freepublish/submit', token, { media_id: draft.media_id })).json.errcode,
		).toBe(48001);
		emulator.oa.updateAccount({ appId: OA.appId, verified: true });
		const { json: submitted } = await oaCall(emulator, '/cgi-bin/freepublish/submit', token, {
			media_id: draft.media_id,
		});
		expect(submitted).toMatchObject({
			errcode: 0,
			publish_id: expect.stringMatching(/^\d+$/),
			msg_data_id: expect.stringMatching(/^\d+$/),
		});
		expect((await oaGet(emulator, '/cgi-bin/draft/count', token)).json).toEqual({ total_count: 0 });
		expect(
			(await oaCall(emulator, '/cgi-bin/freepublish/get', token, { publish_id: submitted.publish_id })).json,
		).toEqual({
			publish_id: submitted.publish_id,
			publish_status: 1,
			fail_idx: [],
		});
		await new Promise((resolve) => setTimeout(resolve, 200));
		await emulator.callbacks.idle();
		const [request] = trigger.received;
		expect(field(request.body, 'Event')).toBe('PUBLISHJOBFINISH');
		expect(field(request.body, 'FromUserName')).toBe('mphelper');
		expect(request.body).toMatch(
			new RegExp(
				`<PublishEventInfo><publish_id>${String(submitted.publish_id)}</publish_id><publish_status>0</publish_status><article_id><!\\[CDATA\\[[^\\]]+\\]\\]></article_id><article_detail><count>2</count><item><idx>1</idx>`,
			),
		);
		const { json: status } = await oaCall(emulator, '/cgi-bin/freepublish/get', token, {
			publish_id: submitted.publish_id,
		});
		expect(status).toMatchObject({ publish_status: 0, article_detail: { count: 2 } });
		expect(
			(await oaCall(emulator, '/cgi-bin/freepublish/getarticle', token, { article_id: 'nope' })).json.errcode,
		).toBe(53600);
		expect(
			(await oaCall(emulator, '/cgi-bin/freepublish/delete', token, { article_id: status.article_id, index: 3 })).json
				.errcode,
		).toBe(40060);
	});

	it('a failed publish is pushed with one fail_idx element per failed article', async () => {
		emulator.oa.configure({ publishJobDelaySeconds: 60 });
		emulator.callbacks.configureOa(OA.appId, { url: trigger.url, token: TOKEN });
		const { json: draft } = await oaCall(emulator, '/cgi-bin/draft/add', token, { articles: [article(await cover())] });
		const { json: submitted } = await oaCall(emulator, '/cgi-bin/freepublish/submit', token, {
			media_id: draft.media_id,
		});
		emulator.oa.finishPublishJob(String(submitted.publish_id), 4, [1]);
		// Listeners hear of events after the current task (never inside the call that produced them).
		await new Promise((resolve) => setImmediate(resolve));
		await emulator.callbacks.idle();
		expect(trigger.received[0].body).toContain(
			'<publish_status>4</publish_status><fail_idx>1</fail_idx></PublishEventInfo>',
		);
	});

	it('material: a video needs its description; get answers a file or the video JSON; counts and lists', async () => {
		const video = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(64)]);
		const bare = await oaUpload(
			emulator,
			token,
			'/cgi-bin/material/add_material',
			[{ filename: 'v.mp4', data: video }],
			'video',
		);
		expect(bare.json.errcode).toBe(47001);
		const thumb = await cover();
		const got = await oaCall(emulator, '/cgi-bin/material/get_material', token, { media_id: thumb });
		expect(got.headers['content-disposition']).toBe('attachment; filename="c.jpg"');
		expect(got.bytes).toEqual(jpg(300));
		expect((await oaGet(emulator, '/cgi-bin/material/get_materialcount', token)).json).toEqual({
			voice_count: 0,
			video_count: 0,
			image_count: 1,
			news_count: 0,
		});
		expect(
			(await oaCall(emulator, '/cgi-bin/material/batchget_material', token, { type: 'image', offset: 0, count: 21 }))
				.json.errcode,
		).toBe(40097);
		expect(
			(await oaCall(emulator, '/cgi-bin/material/batchget_material', token, { type: 'file', offset: 0, count: 1 })).json
				.errcode,
		).toBe(40004);
		expect((await oaCall(emulator, '/cgi-bin/material/del_material', token, { media_id: thumb })).json.errcode).toBe(0);
		expect((await oaCall(emulator, '/cgi-bin/material/get_material', token, { media_id: thumb })).json.errcode).toBe(
			40007,
		);
	});
});
