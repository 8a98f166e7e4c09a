import { startEmulator, type Emulator } from '../../emulator';
import { http, SAMPLES } from './helpers';
import { jpg, OA, oaCall, oaGet, oaMedia, oaToken, oaUpload, OTHER_OA } from './oa-helpers';

const KB = 1024;
const MB = 1024 * KB;
const UPLOAD = '/cgi-bin/media/upload';

describe('emulator: OA media', () => {
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

	const errcodeOf = async (type: string, data: Buffer): Promise<unknown> => (await oaUpload(emulator, token, UPLOAD, [{ filename: 'file', data }], type)).json.errcode;

	describe('media/upload (temporary media)', () => {
		it('answers {type, media_id, created_at: number} without errcode, and media/get serves the file', async () => {
			const data = SAMPLES.png(500);
			const { json } = await oaUpload(emulator, token, UPLOAD, [{ filename: 'chart.png', contentType: 'image/png', data }], 'image');
			expect(json).toEqual({ type: 'image', media_id: expect.any(String), created_at: expect.any(Number), item: [] });
			expect(Math.abs(Number(json.created_at) - emulator.state.now / 1000)).toBeLessThan(2);
			const file = await oaGet(emulator, '/cgi-bin/media/get', token, { media_id: String(json.media_id) });
			expect(file.headers['content-type']).toBe('image/png');
			expect(file.headers['content-disposition']).toBe('attachment; filename="chart.png"');
			expect(file.bytes.equals(data)).toBe(true);
		});

		it('accepts each type’s formats: image png/jpg/gif, voice amr/mp3, video mp4, thumb jpg', async () => {
			const mp3 = Buffer.concat([Buffer.from('ID3'), Buffer.alloc(200, 0x41)]);
			const frames = Buffer.concat([Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(200)]);
			for (const [type, data] of [
				['image', SAMPLES.png()],
				['image', SAMPLES.jpg()],
				['image', SAMPLES.gif()],
				['voice', SAMPLES.amr()],
				['voice', mp3],
				['voice', frames],
				['video', SAMPLES.mp4()],
				['thumb', jpg()],
			] as const) {
				expect([type, await errcodeOf(type, data)]).toEqual([type, undefined]);
			}
		});

		it('40004 unknown type, 40005 wrong format, 41005 no media part, 44001 empty file', async () => {
			expect(await errcodeOf('file', SAMPLES.pdf())).toBe(40004);
			expect(await errcodeOf('image', SAMPLES.pdf())).toBe(40005);
			expect(await errcodeOf('thumb', SAMPLES.png())).toBe(40005);
			expect(await errcodeOf('voice', SAMPLES.mp4())).toBe(40005);
			expect(await errcodeOf('video', SAMPLES.amr())).toBe(40005);
			expect((await oaUpload(emulator, token, UPLOAD, [{ name: 'file', filename: 'a.png', data: SAMPLES.png() }], 'image')).json.errcode).toBe(41005);
			expect((await oaUpload(emulator, token, UPLOAD, [{ data: SAMPLES.png() }], 'image')).json.errcode).toBe(41005);
			expect(await errcodeOf('image', Buffer.alloc(0))).toBe(44001);
		});

		it('size limits: image 10 MB (40009), voice 2 MB (40010), video 10 MB (40011), thumb 64 KB (40012)', async () => {
			expect(await errcodeOf('image', SAMPLES.png(10 * MB))).toBeUndefined();
			expect(await errcodeOf('image', SAMPLES.png(10 * MB + 1))).toBe(40009);
			expect(await errcodeOf('voice', SAMPLES.amr(2 * MB))).toBeUndefined();
			expect(await errcodeOf('voice', SAMPLES.amr(2 * MB + 1))).toBe(40010);
			expect(await errcodeOf('video', SAMPLES.mp4(10 * MB + 1))).toBe(40011);
			expect(await errcodeOf('thumb', jpg(64 * KB))).toBeUndefined();
			expect(await errcodeOf('thumb', jpg(64 * KB + 1))).toBe(40012);
		});
	});

	describe('media/get', () => {
		it('a video answers JSON {video_url}; 41006 without media_id; 40007 for unknown, foreign, expired or article-only media', async () => {
			const video = await oaMedia(emulator, token, 'video');
			const got = await oaGet(emulator, '/cgi-bin/media/get', token, { media_id: video });
			expect(got.json).toEqual({ video_url: expect.stringMatching(/^http:\/\//) });
			expect((await http('GET', `${emulator.url}/cgi-bin/media/get?access_token=${token}`)).json.errcode).toBe(41006);
			expect((await oaGet(emulator, '/cgi-bin/media/get', token, { media_id: 'nope' })).json.errcode).toBe(40007);
			const image = await oaMedia(emulator, token, 'image');
			expect((await oaGet(emulator, '/cgi-bin/media/get', await oaToken(emulator, OTHER_OA), { media_id: image })).json.errcode).toBe(40007);
			const inline = await oaUpload(emulator, token, '/cgi-bin/media/uploadimg', [{ filename: 'a.jpg', data: SAMPLES.jpg() }]);
			const inlineId = String(inline.json.url).split('/')[4];
			expect((await oaGet(emulator, '/cgi-bin/media/get', token, { media_id: inlineId })).json.errcode).toBe(40007);
			emulator.advanceTime(3 * 24 * 3600);
			const fresh = await oaToken(emulator);
			expect((await oaGet(emulator, '/cgi-bin/media/get', fresh, { media_id: image })).json.errcode).toBe(40007);
		});
	});

	describe('media/uploadimg', () => {
		it('takes JPG/PNG under 1 MB (40009 at 1 MB, 40005 for GIF), answering only {url}', async () => {
			const uploadimg = async (data: Buffer): Promise<Record<string, unknown>> => (await oaUpload(emulator, token, '/cgi-bin/media/uploadimg', [{ filename: 'x', data }])).json;
			expect(await uploadimg(SAMPLES.jpg(MB - 1))).toEqual({ url: expect.stringMatching(/^http:\/\/mmbiz\.qpic\.cn\/mmbiz_jpg\//) });
			expect((await uploadimg(SAMPLES.jpg(MB))).errcode).toBe(40009);
			expect((await uploadimg(SAMPLES.gif())).errcode).toBe(40005);
			expect(emulator.state.media.filter((media) => media.type === 'uploadimg')).toEqual([expect.objectContaining({ expiresAt: null })]);
		});
	});

	describe('media/uploadnews', () => {
		it('checks 1..8 articles, their covers, titles and bodies', async () => {
			const thumb = await oaMedia(emulator, token, 'thumb');
			const image = await oaMedia(emulator, token, 'image');
			const article = { thumb_media_id: thumb, title: '标题', content: '<p>正文</p>' };
			const news = async (articles: unknown): Promise<unknown> => (await oaCall(emulator, '/cgi-bin/media/uploadnews', token, { articles })).json.errcode;
			expect(await news([{ ...article, thumb_media_id: image }])).toBeUndefined();
			expect(await news(Array.from({ length: 8 }, () => article))).toBeUndefined();
			expect(await news([])).toBe(44003);
			expect(await news(undefined)).toBe(44003);
			expect(await news(Array.from({ length: 9 }, () => article))).toBe(45008);
			expect(await news([{ ...article, thumb_media_id: undefined }])).toBe(41006);
			expect(await news([{ ...article, thumb_media_id: 'nope' }])).toBe(40007);
			expect(await news([{ ...article, title: '' }])).toBe(47001);
			expect(await news([{ ...article, title: 'x'.repeat(65) }])).toBe(45003);
			expect(await news([{ ...article, content: undefined }])).toBe(47001);
			expect(await news([{ ...article, show_cover_pic: 2 }])).toBe(47001);
		});
	});
});
