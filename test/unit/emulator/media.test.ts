import { createHash } from 'node:crypto';
import { FormData, request } from 'undici';
import { startEmulator, type Emulator } from '../../emulator';
import { APP, http, SAMPLES, tokenOf, upload } from './helpers';

const MB = 1024 * 1024;

describe('emulator: WeCom media', () => {
	let emulator: Emulator;
	let token: string;

	beforeAll(async () => {
		emulator = await startEmulator({ wecomApps: [APP, { corpId: 'ww_other_corp', corpSecret: 's', agentId: 1 }] });
	});
	afterAll(() => emulator.close());
	beforeEach(async () => {
		emulator.reset();
		token = await tokenOf(emulator);
	});

	const get = (mediaId: string, withToken = token): ReturnType<typeof http> =>
		http('GET', `${emulator.url}/cgi-bin/media/get?${new URLSearchParams({ access_token: withToken, media_id: mediaId }).toString()}`);
	const errcodeOf = async (type: string, data: Buffer, filename = 'f.bin'): Promise<unknown> => (await upload(emulator, token, type, [{ filename, data }])).json.errcode;

	describe('media/upload', () => {
		it('stores an image and serves it back from media/get with its name', async () => {
			const data = SAMPLES.png(1000);
			const { json } = await upload(emulator, token, 'image', [{ filename: 'chart.png', contentType: 'image/png', data, filelength: true }]);
			expect(json).toEqual({ errcode: 0, errmsg: 'ok', type: 'image', media_id: expect.any(String), created_at: expect.stringMatching(/^\d{10}$/) });
			const file = await get(String(json.media_id));
			expect(file.status).toBe(200);
			expect(file.headers['content-type']).toBe('image/png');
			expect(file.headers['content-disposition']).toBe('attachment; filename="chart.png"');
			expect(file.bytes.equals(data)).toBe(true);
			expect(emulator.log.entries({ path: '/cgi-bin/media/get' })[0].response).toEqual({ binary: true, size: 1000, contentType: 'image/png' });
		});

		it('logs the multipart body exactly as it arrived, filelength included', async () => {
			const data = SAMPLES.pdf(300);
			await upload(emulator, token, 'file', [
				{ filename: 'report.pdf', contentType: 'application/pdf', data, filelength: 123 },
				{ name: 'note', data: Buffer.from('plain field') },
			]);
			const [entry] = emulator.log.entries({ path: '/cgi-bin/media/upload' });
			expect(entry.query).toEqual({ access_token: token, type: 'file' });
			expect(entry.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
			expect(entry.multipart).toEqual([
				{ name: 'media', filename: 'report.pdf', contentType: 'application/pdf', filelength: 123, size: 300, sha256: createHash('sha256').update(data).digest('hex') },
				{ name: 'note', size: 11, sha256: expect.any(String), value: 'plain field' },
			]);
		});

		it('sends a non-ASCII filename back raw and as RFC 5987 filename*', async () => {
			const { json } = await upload(emulator, token, 'file', [{ filename: '季度报告 "终".pdf', data: SAMPLES.pdf() }]);
			const file = await get(String(json.media_id));
			expect(file.headers['content-disposition']).toBe(
				`attachment; filename="${Buffer.from('季度报告 \\"终\\".pdf').toString('latin1')}"; filename*=UTF-8''%E5%AD%A3%E5%BA%A6%E6%8A%A5%E5%91%8A%20%22%E7%BB%88%22.pdf`,
			);
			expect(emulator.state.media[0]).toMatchObject({ filename: '季度报告 "终".pdf', type: 'file', size: 200 });
		});

		it('accepts a body built by undici FormData', async () => {
			const form = new FormData();
			form.append('media', new Blob([SAMPLES.amr()], { type: 'audio/amr' }), 'voice.amr');
			const response = await request(`${emulator.url}/cgi-bin/media/upload?access_token=${token}&type=voice`, { method: 'POST', body: form });
			const json = (await response.body.json()) as Record<string, unknown>;
			expect(json).toMatchObject({ errcode: 0, type: 'voice' });
			expect(emulator.log.entries({ path: '/cgi-bin/media/upload' })[0].multipart).toEqual([expect.objectContaining({ name: 'media', filename: 'voice.amr', contentType: 'audio/amr', size: 200 })]);
		});

		it('answers 40004 for an unknown type and 44001 without a usable media part', async () => {
			expect(await errcodeOf('thumb', SAMPLES.png())).toBe(40004);
			expect((await upload(emulator, token, 'image', [{ name: 'file', filename: 'a.png', data: SAMPLES.png() }])).json.errcode).toBe(44001);
			expect((await upload(emulator, token, 'image', [{ data: SAMPLES.png() }])).json.errcode).toBe(44001);
			expect(await errcodeOf('file', Buffer.alloc(0))).toBe(44001);
			const notMultipart = await http('POST', `${emulator.url}/cgi-bin/media/upload?access_token=${token}&type=file`, SAMPLES.pdf(), { 'content-type': 'multipart/form-data' });
			expect(notMultipart.json.errcode).toBe(44001);
			const url = `${emulator.url}/cgi-bin/media/upload?access_token=${token}&type=file`;
			const truncated = await http('POST', url, '--b\r\nContent-Disposition: form-data; name="media"; filename="a"\r\n\r\ndata', { 'content-type': 'multipart/form-data; boundary=b' });
			expect(truncated.json.errcode).toBe(44001);
			expect(emulator.log.entries({ path: '/cgi-bin/media/upload' }).pop()?.multipartError).toBe('closing boundary missing');
		});

		it('refuses files of 5 bytes or less (40006) and content that does not match the type (40005)', async () => {
			expect(await errcodeOf('file', Buffer.from('12345'))).toBe(40006);
			expect(await errcodeOf('file', Buffer.from('123456'))).toBe(0);
			expect(await errcodeOf('image', SAMPLES.gif(), 'really.png')).toBe(40005);
			expect(await errcodeOf('image', SAMPLES.jpg())).toBe(0);
			expect(await errcodeOf('voice', SAMPLES.mp4())).toBe(40005);
			expect(await errcodeOf('video', SAMPLES.amr())).toBe(40005);
		});

		it('enforces the size limit of each type (image 10 MB, voice 2 MB, video 10 MB, file 20 MB)', async () => {
			expect(await errcodeOf('image', SAMPLES.png(10 * MB))).toBe(0);
			expect(await errcodeOf('image', SAMPLES.png(10 * MB + 1))).toBe(40009);
			expect(await errcodeOf('voice', SAMPLES.amr(2 * MB + 1))).toBe(40006);
			expect(await errcodeOf('video', SAMPLES.mp4(10 * MB + 1))).toBe(40011);
			expect(await errcodeOf('file', SAMPLES.pdf(20 * MB))).toBe(0);
			expect(await errcodeOf('file', SAMPLES.pdf(20 * MB + 1))).toBe(40006);
		});
	});

	describe('media/get', () => {
		it('answers JSON 41006 without media_id and 40007 for unknown, expired or another corp’s media', async () => {
			const missing = await http('GET', `${emulator.url}/cgi-bin/media/get?access_token=${token}`);
			expect(missing.json.errcode).toBe(41006);
			const unknown = await get('nope');
			expect(unknown.headers['content-type']).toBe('application/json; charset=UTF-8');
			expect(unknown.json.errcode).toBe(40007);
			const { json } = await upload(emulator, token, 'file', [{ filename: 'a.pdf', data: SAMPLES.pdf() }]);
			expect((await get(String(json.media_id), await tokenOf(emulator, { corpId: 'ww_other_corp', corpSecret: 's', agentId: 1 }))).json.errcode).toBe(40007);
			emulator.advanceTime(3 * 24 * 3600);
			expect((await get(String(json.media_id), await tokenOf(emulator))).json.errcode).toBe(40007);
		});
	});

	describe('media/uploadimg', () => {
		it('answers a CDN url for a JPG/PNG up to 2 MB', async () => {
			const { json } = await upload(emulator, token, '', [{ filename: 'inline.jpg', data: SAMPLES.jpg() }], '/cgi-bin/media/uploadimg');
			expect(json).toEqual({ errcode: 0, errmsg: 'ok', url: expect.stringMatching(/^https:\/\/wework\.qpic\.cn\/wwpic\/[\w-]+\/0$/) });
			const mediaId = String(json.url).split('/')[4];
			expect((await get(mediaId)).json.errcode).toBe(40007);
		});

		it('refuses other formats (40005) and images over 2 MB (40009)', async () => {
			const uploadimg = async (data: Buffer): Promise<unknown> => (await upload(emulator, token, '', [{ filename: 'x', data }], '/cgi-bin/media/uploadimg')).json.errcode;
			expect(await uploadimg(SAMPLES.gif())).toBe(40005);
			expect(await uploadimg(SAMPLES.png(2 * MB + 1))).toBe(40009);
		});
	});
});
