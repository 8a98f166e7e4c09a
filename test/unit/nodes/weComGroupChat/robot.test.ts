/** Group robots against the emulator: every msgtype, pacing to the rate limit, and the key kept secret. */
import { createHash } from 'node:crypto';
import { NodeOperationError } from 'n8n-workflow';
import type { INodeParameters } from 'n8n-workflow';
import { useWeComFixture, pngBytes, ROBOT_KEY, OTHER_ROBOT_KEY } from '../wecomFixture';
import { binaryItem } from '../../../helpers/harness';
import { WeComGroupChat } from '../../../../nodes/WeComGroupChat/WeComGroupChat.node';
import { resetProcessState, timings } from '../../../../nodes/shared/testSeam';

const fx = useWeComFixture();
const robot = (parameters: INodeParameters, options: Parameters<typeof fx.run>[2] = {}) =>
	fx.run(new WeComGroupChat(), { resource: 'robot', ...parameters }, { credentialType: 'weComRobotApi', ...options });
const sent = () => fx.entries('/cgi-bin/webhook/send').map((entry) => entry.json);

beforeEach(() => {
	resetProcessState();
	timings.robotMax = 20;
	timings.robotWindowMs = 60_000;
	fx.emulator.setRobotRateLimit({ max: 20, windowMs: 60_000 });
});

test('text with mentions, markdown, news and a notice card, exactly as sent', async () => {
	await robot({
		operation: 'sendText',
		content: '服务器告警',
		mentionedList: 'zhangsan|@all',
		mentionedMobileList: '13800001111',
	});
	await robot({ operation: 'sendMarkdown', content: '## 告警\n> <font color="warning">CPU 95%</font>' });
	await robot({
		operation: 'sendNews',
		articles: {
			article: [
				{ title: '周报', description: '本周', url: 'https://example.com/w', picurl: 'https://example.com/p.png' },
			],
		},
	});
	await robot({
		operation: 'sendTemplateCard',
		cardInput: 'form',
		cardType: 'text_notice',
		mainTitle: '部署完成',
		cardActionType: 1,
		cardActionUrl: 'https://ci.example.com',
	});
	expect(sent()).toEqual([
		{
			msgtype: 'text',
			text: { content: '服务器告警', mentioned_list: ['zhangsan', '@all'], mentioned_mobile_list: ['13800001111'] },
		},
		{ msgtype: 'markdown', markdown: { content: '## 告警\n> <font color="warning">CPU 95%</font>' } },
		{
			msgtype: 'news',
			news: {
				articles: [
					{ title: '周报', description: '本周', url: 'https://example.com/w', picurl: 'https://example.com/p.png' },
				],
			},
		},
		{
			msgtype: 'template_card',
			template_card: {
				card_type: 'text_notice',
				main_title: { title: '部署完成' },
				card_action: { type: 1, url: 'https://ci.example.com' },
			},
		},
	]);
	expect(fx.entries('/cgi-bin/webhook/send').every((entry) => entry.query.key === ROBOT_KEY)).toBe(true);
});

test('image: base64 and md5 computed by the node', async () => {
	const data = pngBytes(1000);
	await robot(
		{ operation: 'sendImage', binaryPropertyName: 'data' },
		{ items: [binaryItem({}, { data, fileName: 'chart.png', mimeType: 'image/png' })] },
	);
	expect(sent()).toEqual([
		{ msgtype: 'image', image: { base64: data.toString('base64'), md5: createHash('md5').update(data).digest('hex') } },
	]);
	expect(fx.emulator.state.wecom.robotMessages).toHaveLength(1);
});

test('file and voice are uploaded with upload_media first, then sent', async () => {
	const file = binaryItem({}, { data: Buffer.from('quarterly numbers'), fileName: '报表.csv', mimeType: 'text/csv' });
	const voice = binaryItem(
		{},
		{ data: Buffer.concat([Buffer.from('#!AMR\n'), Buffer.alloc(64)]), fileName: 'v.amr', mimeType: 'audio/amr' },
	);
	await robot({ operation: 'sendFile', mediaSource: 'binary', binaryPropertyName: 'data' }, { items: [file] });
	await robot({ operation: 'sendVoice', mediaSource: 'binary', binaryPropertyName: 'data' }, { items: [voice] });
	const uploads = fx.entries('/cgi-bin/webhook/upload_media');
	expect(uploads.map((entry) => [entry.query.type, entry.multipart?.[0].filename])).toEqual([
		['file', '报表.csv'],
		['voice', 'v.amr'],
	]);
	const ids = uploads.map((entry) => (entry.response as { media_id: string }).media_id);
	expect(sent()).toEqual([
		{ msgtype: 'file', file: { media_id: ids[0] } },
		{ msgtype: 'voice', voice: { media_id: ids[1] } },
	]);
});

test('a media_id of another robot is refused by WeCom', async () => {
	const uploaded = await robot(
		{ operation: 'uploadMedia', mediaType: 'file' },
		{ items: [binaryItem({}, { data: Buffer.from('shared?'), fileName: 'a.txt', mimeType: 'text/plain' })] },
	);
	await expect(
		robot(
			{ operation: 'sendFile', mediaSource: 'mediaId', mediaId: String(uploaded.items[0].json.media_id) },
			{ credentials: fx.robotCredentials({ webhookKey: OTHER_ROBOT_KEY }) },
		),
	).rejects.toMatchObject({ message: expect.stringMatching(/errcode 40007/) });
});

test('the whole webhook URL works as the key', async () => {
	await robot(
		{ operation: 'sendText', content: 'x' },
		{
			credentials: fx.robotCredentials({
				webhookKey: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${ROBOT_KEY}`,
			}),
		},
	);
	expect(fx.entries('/cgi-bin/webhook/send')[0].query.key).toBe(ROBOT_KEY);
});

describe('bad input: named field, nothing sent', () => {
	afterEach(() => expect(fx.entries('/cgi-bin/webhook/send')).toEqual([]));

	test('an image over 2 MB', async () => {
		const error = await robot(
			{ operation: 'sendImage', binaryPropertyName: 'data' },
			{ items: [binaryItem({}, { data: pngBytes(2 * 1024 * 1024 + 10), fileName: 'big.png', mimeType: 'image/png' })] },
		).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe("Input Binary Field: the image is 2.0 MB, over WeChat's 2 MB limit");
	});

	test('a wrong binary property', async () => {
		await expect(robot({ operation: 'sendImage', binaryPropertyName: 'chart' })).rejects.toMatchObject({
			message: 'Input Binary Field: the input item has no binary property "chart"',
		});
	});

	test('an interactive card, which robots do not take', async () => {
		await expect(
			robot({
				operation: 'sendTemplateCard',
				cardInput: 'json',
				cardJson: JSON.stringify({
					card_type: 'button_interaction',
					task_id: 't',
					main_title: { title: 'x' },
					button_list: [{ text: 'a', key: 'b' }],
				}),
			}),
		).rejects.toMatchObject({
			message: expect.stringContaining('is not accepted here; use text_notice or news_notice'),
		});
	});

	test('nine news articles', async () => {
		const article = { title: 't', url: 'https://example.com' };
		await expect(robot({ operation: 'sendNews', articles: { article: Array(9).fill(article) } })).rejects.toMatchObject(
			{ message: 'Articles: has 9 articles' },
		);
	});
});

test('a bad key is errcode 93000, and the key appears in no error or output', async () => {
	const result = await robot(
		{ operation: 'sendText', content: 'x' },
		{ continueOnFail: true, credentials: fx.robotCredentials({ webhookKey: 'wrong-secret-key-123' }) },
	);
	expect(result.items[0].json.error).toMatch(/errcode 93000/);
	expect(result.items[0].json.description).toMatch(/Webhook地址/);
	expect(JSON.stringify(result.items)).not.toContain('wrong-secret-key-123');
});

test('a batch of 50 is paced to the limit and arrives complete and in order', async () => {
	timings.robotMax = 10;
	timings.robotWindowMs = 300;
	fx.emulator.setRobotRateLimit({ max: 10, windowMs: 300 });
	const items = Array.from({ length: 50 }, (_, index) => ({ json: { index } }));
	const started = Date.now();
	const result = await robot({ operation: 'sendText', content: '={{ "第 " + $json.index + " 条" }}' }, { items });
	expect(Date.now() - started).toBeGreaterThanOrEqual(4 * 300);
	expect(result.items.map((item) => item.json.sent)).toEqual(Array(50).fill(true));
	expect(
		fx.emulator.state.wecom.robotMessages.map((m) => (m.body as { text: { content: string } }).text.content),
	).toEqual(items.map((item) => `第 ${item.json.index} 条`));
	expect(
		fx.entries('/cgi-bin/webhook/send').filter((entry) => (entry.response as { errcode: number }).errcode !== 0),
	).toEqual([]);
});

test('another sender using the same robot: a 45009 is waited out and nothing is lost', async () => {
	timings.robotMax = 10;
	timings.robotWindowMs = 300;
	fx.emulator.setRobotRateLimit({ max: 3, windowMs: 300 }); // the robot has less room than we believe
	const items = Array.from({ length: 6 }, (_, index) => ({ json: { index } }));
	await robot({ operation: 'sendText', content: '={{ String($json.index) }}' }, { items });
	expect(
		fx.emulator.state.wecom.robotMessages.map((m) => (m.body as { text: { content: string } }).text.content),
	).toEqual(['0', '1', '2', '3', '4', '5']);
});

test('"fail" mode: over the limit is errcode 45009 with a hint to choose Wait', async () => {
	fx.emulator.setRobotRateLimit({ max: 2, windowMs: 60_000 });
	const items = Array.from({ length: 3 }, (_, index) => ({ json: { index } }));
	const result = await robot(
		{ operation: 'sendText', content: 'x', options: { rateLimit: 'fail' } },
		{ items, continueOnFail: true },
	);
	expect(result.items.map((item) => item.json.sent ?? item.json.error)).toEqual([
		true,
		true,
		expect.stringMatching(/errcode 45009/),
	]);
	expect(result.items[2].json.description).toMatch(/When Rate-Limited to Wait/);
});
