import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startEmulator, type Emulator } from '../../emulator';
import { APP, http, multipart, postJson, SAMPLES, tokenOf, uploadMedia, type FilePart, type HttpResult } from './helpers';

const ROBOT = 'robot-key-a';
const OTHER_ROBOT = 'robot-key-b';

describe('emulator: WeCom group robot (webhook)', () => {
	let emulator: Emulator;

	beforeAll(async () => {
		emulator = await startEmulator({ wecomApps: [APP], robots: [{ key: ROBOT, name: 'Alerts' }, { key: OTHER_ROBOT }] });
	});
	afterAll(() => emulator.close());
	beforeEach(() => {
		emulator.reset();
		emulator.setRobotRateLimit({ max: 20, windowMs: 60_000 });
	});

	const send = (body: unknown, key = ROBOT): Promise<HttpResult> => postJson(emulator, `/cgi-bin/webhook/send?key=${encodeURIComponent(key)}`, body);
	const errcode = async (body: unknown, key = ROBOT): Promise<unknown> => (await send(body, key)).json.errcode;
	const upload = (type: string, parts: FilePart[], key = ROBOT): Promise<HttpResult> => {
		const { body, contentType } = multipart(parts);
		return http('POST', `${emulator.url}/cgi-bin/webhook/upload_media?${new URLSearchParams({ key, type }).toString()}`, body, { 'content-type': contentType });
	};
	const uploadFile = async (type: 'file' | 'voice', key = ROBOT): Promise<string> => {
		const { json } = await upload(type, [{ filename: `sample.${type === 'file' ? 'pdf' : 'amr'}`, data: type === 'file' ? SAMPLES.pdf() : SAMPLES.amr() }], key);
		if (typeof json.media_id !== 'string') throw new Error(`upload_media failed: ${JSON.stringify(json)}`);
		return json.media_id;
	};
	const imagePayload = (bytes: Buffer, md5 = createHash('md5').update(bytes).digest('hex')): Record<string, unknown> => ({
		msgtype: 'image',
		image: { base64: bytes.toString('base64'), md5 },
	});
	const noticeCard = { card_type: 'text_notice', main_title: { title: '告警' }, card_action: { type: 1, url: 'https://example.com' } };

	describe('send', () => {
		it('delivers a text message without an access_token and records it with its robot', async () => {
			const body = { msgtype: 'text', text: { content: '构建失败 <@zhangsan>', mentioned_list: ['zhangsan', '@all'], mentioned_mobile_list: ['13800001111'] } };
			expect((await send(body)).json).toEqual({ errcode: 0, errmsg: 'ok' });
			expect(emulator.state.wecom.robotMessages).toEqual([{ robotKey: ROBOT, msgtype: 'text', body, sentAt: expect.any(Number) }]);
			expect(emulator.log.entries({ path: '/cgi-bin/webhook/send' })[0]).toMatchObject({ query: { key: ROBOT }, json: body, response: { errcode: 0 } });
		});

		it('answers 93000 "invalid webhook url" for a missing or unknown key', async () => {
			const { json } = await send({ msgtype: 'text', text: { content: 'x' } }, 'no-such-key');
			expect(json.errcode).toBe(93000);
			expect(json.errmsg).toMatch(/^invalid webhook url, hint: \[.+\], from ip: 127\.0\.0\.1, more info at https:\/\/open\.work\.weixin\.qq\.com\/devtool\/query\?e=93000$/);
			expect((await postJson(emulator, '/cgi-bin/webhook/send', { msgtype: 'text', text: { content: 'x' } })).json.errcode).toBe(93000);
			expect(emulator.state.wecom.robotMessages).toEqual([]);
		});

		it('answers 47001 for a body that is not a JSON object and 40008 for an unknown msgtype', async () => {
			expect((await http('POST', `${emulator.url}/cgi-bin/webhook/send?key=${ROBOT}`, '{"msgtype":')).json.errcode).toBe(47001);
			expect(await errcode({ msgtype: 'textcard', textcard: { title: 't', description: 'd', url: 'https://example.com' } })).toBe(40008);
			expect(await errcode({ text: { content: 'x' } })).toBe(40008);
		});

		it('text: 44004 empty, 45002 over 2048 bytes, 40058 for mention lists that are not string arrays', async () => {
			expect(await errcode({ msgtype: 'text', text: { content: '' } })).toBe(44004);
			expect(await errcode({ msgtype: 'text', text: { content: '字'.repeat(682) + 'xx' } })).toBe(0);
			expect(await errcode({ msgtype: 'text', text: { content: '字'.repeat(683) } })).toBe(45002);
			expect(await errcode({ msgtype: 'text', text: { content: 'x', mentioned_list: 'zhangsan' } })).toBe(40058);
			expect(await errcode({ msgtype: 'text', text: { content: 'x', mentioned_mobile_list: [13800001111] } })).toBe(40058);
		});

		it('markdown and markdown_v2: at most 4096 bytes', async () => {
			for (const msgtype of ['markdown', 'markdown_v2']) {
				expect(await errcode({ msgtype, [msgtype]: { content: 'x'.repeat(4096) } })).toBe(0);
				expect(await errcode({ msgtype, [msgtype]: { content: 'x'.repeat(4097) } })).toBe(45002);
				expect(await errcode({ msgtype, [msgtype]: {} })).toBe(44004);
			}
		});

		it('image: accepts JPG/PNG whose md5 matches; 301019 on md5 mismatch, 40009 over 2 MB, 40005 not JPG/PNG, 40058 missing or bad fields', async () => {
			expect(await errcode(imagePayload(SAMPLES.png()))).toBe(0);
			const jpg = SAMPLES.jpg(2 * 1024 * 1024);
			expect(await errcode(imagePayload(jpg, createHash('md5').update(jpg).digest('hex').toUpperCase()))).toBe(0);

			const mismatch = await send(imagePayload(SAMPLES.png(), createHash('md5').update(SAMPLES.png(201)).digest('hex')));
			expect(mismatch.json.errcode).toBe(301019);
			expect(mismatch.json.errmsg).toMatch(/^media md5 not match/);
			// A base64 cut short (a forgotten encoder flush) no longer matches the md5 of the whole file.
			const png = SAMPLES.png(300);
			const truncated = { msgtype: 'image', image: { base64: png.subarray(0, 297).toString('base64'), md5: createHash('md5').update(png).digest('hex') } };
			expect(await errcode(truncated)).toBe(301019);

			expect(await errcode(imagePayload(SAMPLES.png(2 * 1024 * 1024 + 1)))).toBe(40009);
			expect(await errcode(imagePayload(SAMPLES.gif()))).toBe(40005);
			expect(await errcode({ msgtype: 'image', image: { md5: 'abc' } })).toBe(40058);
			expect(await errcode({ msgtype: 'image', image: { base64: SAMPLES.png().toString('base64') } })).toBe(40058);
			expect(await errcode({ msgtype: 'image', image: { base64: 'not base64!', md5: 'abc' } })).toBe(40058);
			expect(emulator.state.wecom.robotMessages).toHaveLength(2);
		});

		it('news: 1 to 8 articles (45008), each with a title (41016) and a url (41010)', async () => {
			const article = { title: '发布完成', description: 'v1.2.3', url: 'https://example.com', picurl: 'https://example.com/a.png' };
			expect(await errcode({ msgtype: 'news', news: { articles: [article] } })).toBe(0);
			expect(await errcode({ msgtype: 'news', news: { articles: Array.from({ length: 8 }, () => article) } })).toBe(0);
			expect(await errcode({ msgtype: 'news', news: { articles: [] } })).toBe(45008);
			expect(await errcode({ msgtype: 'news', news: { articles: Array.from({ length: 9 }, () => article) } })).toBe(45008);
			expect(await errcode({ msgtype: 'news', news: { articles: [{ ...article, title: undefined }] } })).toBe(41016);
			expect(await errcode({ msgtype: 'news', news: { articles: [{ title: 't', appid: 'wx123' }] } })).toBe(41010);
		});

		it('template_card: text_notice and news_notice only, validated like message/send cards (40058)', async () => {
			expect(await errcode({ msgtype: 'template_card', template_card: noticeCard })).toBe(0);
			const news = { card_type: 'news_notice', main_title: { title: 't' }, card_action: { type: 1, url: 'https://example.com' }, card_image: { url: 'https://example.com/a.png' } };
			expect(await errcode({ msgtype: 'template_card', template_card: news })).toBe(0);
			const buttons = { card_type: 'button_interaction', task_id: 't1', main_title: { title: 't' }, button_list: [{ text: 'ok', key: 'ok' }] };
			const { json } = await send({ msgtype: 'template_card', template_card: buttons });
			expect(json.errcode).toBe(40058);
			expect(json.errmsg).toContain('template_card.card_type');
			expect(await errcode({ msgtype: 'template_card', template_card: { ...news, card_image: undefined } })).toBe(40058);
			expect(await errcode({ msgtype: 'template_card', template_card: { ...noticeCard, card_action: undefined } })).toBe(40058);
		});

		it('file and voice: media_id from this robot\'s upload_media; 41006 missing, 40007 unknown or of the wrong type', async () => {
			const file = await uploadFile('file');
			const voice = await uploadFile('voice');
			expect(await errcode({ msgtype: 'file', file: { media_id: file } })).toBe(0);
			expect(await errcode({ msgtype: 'voice', voice: { media_id: voice } })).toBe(0);
			expect(await errcode({ msgtype: 'file', file: {} })).toBe(41006);
			expect(await errcode({ msgtype: 'voice', voice: { media_id: file } })).toBe(40007);
			expect(await errcode({ msgtype: 'file', file: { media_id: 'made-up' } })).toBe(40007);
		});

		it('media is scoped: another robot, or an app upload, cannot be sent by a robot (40007); robot media expires after 3 days', async () => {
			const file = await uploadFile('file', ROBOT);
			expect(await errcode({ msgtype: 'file', file: { media_id: file } }, OTHER_ROBOT)).toBe(40007);
			const appFile = await uploadMedia(emulator, await tokenOf(emulator), 'file');
			expect(await errcode({ msgtype: 'file', file: { media_id: appFile } })).toBe(40007);
			expect(emulator.state.media.find((item) => item.mediaId === file)?.scope).toBe(`wecom-robot:${ROBOT}`);
			emulator.advanceTime(3 * 24 * 3600);
			expect(await errcode({ msgtype: 'file', file: { media_id: file } })).toBe(40007);
		});
	});

	describe('upload_media', () => {
		it('answers {type, media_id, created_at} for a file and a voice', async () => {
			const { json } = await upload('file', [{ filename: '报告.pdf', data: SAMPLES.pdf(), filelength: true, contentType: 'application/pdf' }]);
			expect(json).toEqual({ errcode: 0, errmsg: 'ok', type: 'file', media_id: expect.any(String), created_at: expect.stringMatching(/^\d{10}$/) });
			expect((await upload('voice', [{ filename: 'a.amr', data: SAMPLES.amr() }])).json).toMatchObject({ errcode: 0, type: 'voice' });
		});

		it('refuses: 93000 unknown key, 40004 a type other than file/voice, 44001 no media part, 40006 too small or large, 40005 voice not AMR', async () => {
			const pdf = [{ filename: 'a.pdf', data: SAMPLES.pdf() }];
			expect((await upload('file', pdf, 'no-such-key')).json.errcode).toBe(93000);
			expect((await upload('image', [{ filename: 'a.png', data: SAMPLES.png() }])).json.errcode).toBe(40004);
			expect((await upload('file', [{ name: 'file', filename: 'a.pdf', data: SAMPLES.pdf() }])).json.errcode).toBe(44001);
			expect((await upload('file', [{ filename: 'a.txt', data: Buffer.from('12345') }])).json.errcode).toBe(40006);
			expect((await upload('file', [{ filename: 'a.txt', data: Buffer.from('123456') }])).json.errcode).toBe(0);
			expect((await upload('voice', [{ filename: 'a.mp3', data: SAMPLES.pdf() }])).json.errcode).toBe(40005);
			expect((await upload('voice', [{ filename: 'a.amr', data: SAMPLES.amr(2 * 1024 * 1024 + 1) }])).json.errcode).toBe(40006);
			expect((await upload('file', [{ filename: 'big.bin', data: Buffer.alloc(20 * 1024 * 1024 + 1) }])).json.errcode).toBe(40006);
		});
	});

	describe('rate limit', () => {
		const text = (content: string): Record<string, unknown> => ({ msgtype: 'text', text: { content } });

		it('answers 45009 beyond 20 messages a minute per robot, by default, until the minute has passed', async () => {
			for (let i = 0; i < 20; i++) expect(await errcode(text(`#${i}`))).toBe(0);
			const { json } = await send(text('#20'));
			expect(json.errcode).toBe(45009);
			expect(json.errmsg).toMatch(/^api freq out of limit/);
			expect(await errcode(text('other robot'), OTHER_ROBOT)).toBe(0);
			emulator.advanceTime(60);
			expect(await errcode(text('#21'))).toBe(0);
			expect(emulator.state.wecom.robotMessages.filter((message) => message.robotKey === ROBOT)).toHaveLength(21);
		});

		it('uses a shortened window set in-process, and refused calls do not use up the quota', async () => {
			emulator.setRobotRateLimit({ max: 3, windowMs: 300 });
			expect(await errcode({ msgtype: 'text', text: { content: '' } })).toBe(44004);
			for (let i = 0; i < 3; i++) expect(await errcode(text(`#${i}`))).toBe(0);
			expect(await errcode(text('#3'))).toBe(45009);
			await sleep(350);
			expect(await errcode(text('#4'))).toBe(0);
			expect(emulator.state.wecom.robotRateLimit).toEqual({ max: 3, windowMs: 300 });
			expect(() => emulator.setRobotRateLimit({ max: 0, windowMs: 300 })).toThrow('max must be');
		});

		it('a batch of 50 within the limit arrives complete and in arrival order', async () => {
			emulator.setRobotRateLimit({ max: 50, windowMs: 60_000 });
			const results = await Promise.all(Array.from({ length: 50 }, (_, i) => send(text(`#${i}`))));
			expect(results.map((result) => result.json.errcode)).toEqual(Array(50).fill(0));
			const arrived = emulator.log.entries({ path: '/cgi-bin/webhook/send' }).map((entry) => (entry.json as { text: { content: string } }).text.content);
			const recorded = emulator.state.wecom.robotMessages.map((message) => (message.body as { text: { content: string } }).text.content);
			expect(recorded).toEqual(arrived);
			expect([...recorded].sort()).toEqual(Array.from({ length: 50 }, (_, i) => `#${i}`).sort());
			expect(await errcode(text('#50'))).toBe(45009);

			emulator.reset();
			for (let i = 0; i < 50; i++) await send(text(`#${i}`));
			expect(emulator.state.wecom.robotMessages.map((message) => (message.body as { text: { content: string } }).text.content)).toEqual(Array.from({ length: 50 }, (_, i) => `#${i}`));
		});
	});

	describe('control API and lifecycle', () => {
		const control = (path: string, body: unknown): Promise<HttpResult> => postJson(emulator, `/__emulator/${path}`, body);

		it('POST wecom/robots adds a robot; POST wecom/robots/rate_limit sets the limit; bad input is 400', async () => {
			expect((await control('wecom/robots', { key: 'added-key' })).json).toEqual({ key: 'added-key', name: 'Group Robot' });
			expect(await errcode({ msgtype: 'text', text: { content: 'hi' } }, 'added-key')).toBe(0);
			expect((await control('wecom/robots', { key: '' })).status).toBe(400);
			expect((await control('wecom/robots', { key: 'k', name: 3 })).status).toBe(400);

			expect((await control('wecom/robots/rate_limit', { max: 1, windowMs: 1000 })).json).toEqual({ max: 1, windowMs: 1000 });
			expect(await errcode({ msgtype: 'text', text: { content: 'hi' } }, 'added-key')).toBe(45009);
			expect((await control('wecom/robots/rate_limit', { max: 1 })).status).toBe(400);
			expect((await control('wecom/robots/rate_limit', { max: 1.5, windowMs: 10 })).status).toBe(400);
			const state = (await http('GET', `${emulator.url}/__emulator/state`)).json as { wecom: { robots: unknown[]; robotRateLimit: unknown } };
			expect(state.wecom.robots).toEqual(expect.arrayContaining([{ key: ROBOT, name: 'Alerts' }, { key: 'added-key', name: 'Group Robot' }]));
			expect(state.wecom.robotRateLimit).toEqual({ max: 1, windowMs: 1000 });
		});

		it('addRobot() works in-process; reset clears robot messages and windows but keeps robots and the limit', async () => {
			expect(emulator.addRobot({ key: 'in-process', name: 'Ops' })).toEqual({ key: 'in-process', name: 'Ops' });
			emulator.setRobotRateLimit({ max: 1, windowMs: 60_000 });
			expect(await errcode({ msgtype: 'text', text: { content: 'hi' } }, 'in-process')).toBe(0);
			expect(await errcode({ msgtype: 'text', text: { content: 'hi' } }, 'in-process')).toBe(45009);
			emulator.reset();
			expect(emulator.state.wecom.robotMessages).toEqual([]);
			expect(emulator.state.wecom.robotRateLimit).toEqual({ max: 1, windowMs: 60_000 });
			expect(await errcode({ msgtype: 'text', text: { content: 'hi' } }, 'in-process')).toBe(0);
		});

		it('startEmulator refuses an invalid robotRateLimit', async () => {
			await expect(startEmulator({ robotRateLimit: { max: 20, windowMs: 0 } })).rejects.toThrow('windowMs must be');
		});

		it('an injected fault applies to webhook/send like any API path', async () => {
			emulator.faults.add({ kind: 'errcode', errcode: 45009, path: '/cgi-bin/webhook/send' });
			const { json } = await send({ msgtype: 'text', text: { content: 'x' } });
			expect(json.errcode).toBe(45009);
			expect(emulator.state.wecom.robotMessages).toEqual([]);
		});
	});

	it('the CLI (main.ts) seeds the demo robot demo-robot-key', async () => {
		const child = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', join(__dirname, '../../emulator/main.ts')], {
			env: { ...process.env, EMULATOR_PORT: '0' },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		try {
			const [line] = (await once(child.stdout, 'data')) as [Buffer];
			const url = /http:\/\/127\.0\.0\.1:\d+/.exec(line.toString())?.[0];
			const result = await http('POST', `${url}/cgi-bin/webhook/send?key=demo-robot-key`, JSON.stringify({ msgtype: 'text', text: { content: 'hello' } }), {
				'content-type': 'application/json',
			});
			expect(result.json).toEqual({ errcode: 0, errmsg: 'ok' });
		} finally {
			child.kill('SIGTERM');
		}
		await once(child, 'exit');
	});
});
