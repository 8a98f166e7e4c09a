/**
 * WeChat OA: Draft, Publish and Permanent Material against the emulator: bodies on the wire, covers and body
 * images uploaded first, pagination, the publish job waited out, errors with hints, bad input with nothing sent.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NodeApiError, NodeOperationError, type INodeParameters } from 'n8n-workflow';
import { useOaFixture, OA } from '../oaFixture';
import { binaryItem } from '../../../helpers/harness';
import { WeChatOa } from '../../../../nodes/WeChatOa/WeChatOa.node';
import { WeChatOaMassSend } from '../../../../nodes/WeChatOaMassSend/WeChatOaMassSend.node';

const fx = useOaFixture();
const oa = (parameters: INodeParameters, options: Parameters<typeof fx.run>[2] = {}) =>
	fx.run(new WeChatOa(), parameters, options);
const jpeg = (size: number, fill = 1) =>
	Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, fill)]);
const png = (size: number, fill = 2) =>
	Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(size - 8, fill)]);
const mp4 = () => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(100)]);
const failure = (promise: Promise<unknown>) =>
	promise.then(
		() => undefined,
		(error: unknown) => error as Error & { description?: string },
	);

/** A web server on loopback that serves one PNG, standing in for an image host of an earlier node. */
let imageHost: Server;
let imageUrl = '';
beforeAll(async () => {
	imageHost = createServer((req, res) => {
		if (req.url === '/pics/chart.png') {
			res.writeHead(200, { 'content-type': 'image/png' });
			res.end(png(3000, 9));
		} else if (req.url === '/pics/poster.jpg') {
			res.writeHead(200, { 'content-type': 'image/jpeg' });
			res.end(jpeg(1536 * 1024));
		} else {
			res.writeHead(404);
			res.end();
		}
	});
	await new Promise<void>((resolve) => imageHost.listen(0, '127.0.0.1', resolve));
	imageUrl = `http://127.0.0.1:${(imageHost.address() as AddressInfo).port}/pics/chart.png`;
});
afterAll(async () => await new Promise((resolve) => imageHost.close(resolve)));

async function uploadCover(): Promise<string> {
	const result = await oa(
		{ resource: 'material', operation: 'upload', materialType: 'image', binaryPropertyName: 'data' },
		{ items: [binaryItem({}, { data: jpeg(5000), fileName: 'cover.jpg', mimeType: 'image/jpeg' })] },
	);
	return String(result.items[0].json.media_id);
}

async function createDraft(title = '新品发布', cover?: string): Promise<string> {
	const thumbMediaId = cover ?? (await uploadCover());
	const result = await oa({
		resource: 'draft',
		operation: 'create',
		articles: { article: [{ title, content: '<p>正文</p>', thumbMediaId }] },
	});
	return String(result.items[0].json.media_id);
}

describe('Permanent Material', () => {
	test('upload an image, a thumbnail and a video (with its description), count, list, get, delete', async () => {
		const image = await oa(
			{ resource: 'material', operation: 'upload', materialType: 'image', binaryPropertyName: 'data' },
			{ items: [binaryItem({}, { data: jpeg(5000), fileName: '封面.jpg', mimeType: 'image/jpeg' })] },
		);
		expect(image.items[0].json).toMatchObject({ type: 'image', fileName: '封面.jpg', size: 5000 });
		expect(String(image.items[0].json.url)).toMatch(/^http:\/\/mmbiz\.qpic\.cn\//);
		await oa(
			{ resource: 'material', operation: 'upload', materialType: 'thumb', binaryPropertyName: 'data' },
			{ items: [binaryItem({}, { data: jpeg(3000), fileName: 't.jpg', mimeType: 'image/jpeg' })] },
		);
		const video = await oa(
			{
				resource: 'material',
				operation: 'upload',
				materialType: 'video',
				binaryPropertyName: 'data',
				videoTitle: '发布会',
				videoIntroduction: '全程回放',
			},
			{ items: [binaryItem({}, { data: mp4(), fileName: 'v.mp4', mimeType: 'video/mp4' })] },
		);
		const uploads = fx.entries('/cgi-bin/material/add_material');
		expect(uploads.map((entry) => entry.query.type)).toEqual(['image', 'thumb', 'video']);
		expect(uploads[2].multipart?.map((part) => [part.name, part.value ?? part.filename])).toEqual([
			['description', JSON.stringify({ title: '发布会', introduction: '全程回放' })],
			['media', 'v.mp4'],
		]);

		const count = await oa({ resource: 'material', operation: 'count' });
		expect(count.items[0].json).toEqual({ image_count: 2, voice_count: 0, video_count: 1, news_count: 0 });

		const imageId = String(image.items[0].json.media_id);
		const got = await oa({ resource: 'material', operation: 'get', mediaId: imageId });
		expect(got.items[0].json).toMatchObject({ fileName: '封面.jpg', mimeType: 'image/jpeg', size: 5000 });
		expect(await got.binary(0)).toEqual(jpeg(5000));
		expect(fx.bodies('/cgi-bin/material/get_material')).toEqual([{ media_id: imageId }]);
		const gotVideo = await oa({
			resource: 'material',
			operation: 'get',
			mediaId: String(video.items[0].json.media_id),
		});
		expect(gotVideo.items[0].json).toMatchObject({ title: '发布会', description: '全程回放' });
		expect(gotVideo.items[0].binary).toBeUndefined();

		await oa({ resource: 'material', operation: 'delete', mediaId: imageId });
		const gone = await failure(oa({ resource: 'material', operation: 'get', mediaId: imageId }));
		expect(gone).toBeInstanceOf(NodeApiError);
		expect(gone?.message).toMatch(/errcode 40007/);
	});

	test('List reads every page (20 a call) or the one asked for', async () => {
		const files = Array.from({ length: 23 }, (_, index) =>
			binaryItem({}, { data: jpeg(200 + index), fileName: `p${index}.jpg`, mimeType: 'image/jpeg' }),
		);
		await oa(
			{ resource: 'material', operation: 'upload', materialType: 'image', binaryPropertyName: 'data' },
			{ items: files },
		);
		fx.emulator.log.clear();
		const all = await oa({ resource: 'material', operation: 'list', listType: 'image' });
		expect(all.items).toHaveLength(23);
		expect(fx.bodies('/cgi-bin/material/batchget_material')).toEqual([
			{ type: 'image', offset: 0, count: 20 },
			{ type: 'image', offset: 20, count: 20 },
		]);
		expect(new Set(all.items.map((item) => item.json.media_id)).size).toBe(23);
		fx.emulator.log.clear();
		const one = await oa({
			resource: 'material',
			operation: 'list',
			listType: 'image',
			returnAll: false,
			offset: 20,
			count: 5,
		});
		expect(one.items.map((item) => item.json.total_count)).toEqual([23, 23, 23]);
		expect(fx.bodies('/cgi-bin/material/batchget_material')).toEqual([{ type: 'image', offset: 20, count: 5 }]);
	});

	test('a file WeChat would refuse is refused before sending, naming the field', async () => {
		const error = await failure(
			oa(
				{ resource: 'material', operation: 'upload', materialType: 'thumb', binaryPropertyName: 'data' },
				{ items: [binaryItem({}, { data: png(3000), fileName: 't.png', mimeType: 'image/png' })] },
			),
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toMatch(/^Input Binary Field: the thumbnail is not JPG/);
		const noTitle = await failure(
			oa(
				{
					resource: 'material',
					operation: 'upload',
					materialType: 'video',
					binaryPropertyName: 'data',
					videoTitle: ' ',
				},
				{ items: [binaryItem({}, { data: mp4(), fileName: 'v.mp4', mimeType: 'video/mp4' })] },
			),
		);
		expect(noTitle?.message).toBe('Video Title: is empty');
		expect(fx.entries('/cgi-bin/material/add_material')).toEqual([]);
	});
});

describe('Draft', () => {
	test('Create: the cover uploaded first as permanent material, body images uploaded and rewritten', async () => {
		const html =
			'<h1>季度报告</h1><p><img src="binary:chart1" alt="a"></p>' +
			`<p><img class="wide" src="${imageUrl}"></p><img src='binary:chart1'>` +
			'<img src="http://mmbiz.qpic.cn/mmbiz_png/kept/0">';
		const item = binaryItem({}, { data: jpeg(4000), fileName: 'cover.jpg', mimeType: 'image/jpeg' }, 'cover');
		item.binary!.chart1 = (
			binaryItem({}, { data: png(2000), fileName: 'chart1.png', mimeType: 'image/png' }, 'chart1').binary ?? {}
		).chart1;
		const result = await oa(
			{
				resource: 'draft',
				operation: 'create',
				articles: {
					article: [
						{
							title: '季度报告',
							author: '编辑部',
							digest: '三季度回顾',
							content: html,
							contentSourceUrl: 'https://example.com/report',
							thumbBinaryPropertyName: 'cover',
							needOpenComment: true,
							picCrop2351: '0.1945_0_1_0.5236',
						},
					],
				},
				options: { uploadContentImages: true },
			},
			{ items: [item] },
		);
		expect(fx.entries('/cgi-bin/material/add_material').map((entry) => entry.query.type)).toEqual(['image']);
		const images = fx.entries('/cgi-bin/media/uploadimg');
		expect(images.map((entry) => entry.multipart?.[0].filename)).toEqual(['chart1.png', 'chart.png']);
		const [first, second] = images.map((entry) => String((entry.response as { url: string }).url));
		const cover = String((fx.entries('/cgi-bin/material/add_material')[0].response as { media_id: string }).media_id);
		expect(fx.bodies('/cgi-bin/draft/add')).toEqual([
			{
				articles: [
					{
						article_type: 'news',
						title: '季度报告',
						author: '编辑部',
						digest: '三季度回顾',
						content:
							`<h1>季度报告</h1><p><img src="${first}" alt="a"></p>` +
							`<p><img class="wide" src="${second}"></p><img src='${first}'>` +
							'<img src="http://mmbiz.qpic.cn/mmbiz_png/kept/0">',
						content_source_url: 'https://example.com/report',
						thumb_media_id: cover,
						need_open_comment: 1,
						only_fans_can_comment: 0,
						pic_crop_235_1: '0.1945_0_1_0.5236',
					},
				],
			},
		]);
		const mediaId = String(result.items[0].json.media_id);
		expect(result.items[0].json).toEqual({
			media_id: mediaId,
			articles: [{ title: '季度报告', thumb_media_id: cover }],
		});
		const got = await oa({ resource: 'draft', operation: 'get', mediaId });
		expect(got.items[0].json.news_item).toEqual([
			expect.objectContaining({ title: '季度报告', thumb_media_id: cover }),
		]);
	});

	test('Update replaces one article; Count, List (all pages and one), Delete', async () => {
		const cover = await uploadCover();
		const drafts: string[] = [];
		for (let index = 0; index < 22; index++) drafts.push(await createDraft(`草稿${index}`, cover));
		await oa({
			resource: 'draft',
			operation: 'update',
			mediaId: drafts[0],
			index: 0,
			article: {
				fields: { title: '改过的标题', content: '<p>新正文</p>', thumbMediaId: cover, onlyFansCanComment: true },
			},
		});
		expect(fx.bodies('/cgi-bin/draft/update')).toEqual([
			{
				media_id: drafts[0],
				index: 0,
				articles: {
					article_type: 'news',
					title: '改过的标题',
					content: '<p>新正文</p>',
					thumb_media_id: cover,
					need_open_comment: 0,
					only_fans_can_comment: 1,
				},
			},
		]);
		const count = await oa({ resource: 'draft', operation: 'count' });
		expect(count.items[0].json).toEqual({ total_count: 22 });
		fx.emulator.log.clear();
		const all = await oa({ resource: 'draft', operation: 'list', noContent: true });
		expect(all.items).toHaveLength(22);
		expect(fx.bodies('/cgi-bin/draft/batchget')).toEqual([
			{ offset: 0, count: 20, no_content: 1 },
			{ offset: 20, count: 20, no_content: 1 },
		]);
		// Newest first: the first draft is the last item.
		expect(all.items[21].json).toMatchObject({ media_id: drafts[0] });
		const page = await oa({ resource: 'draft', operation: 'list', returnAll: false, offset: 0, count: 2 });
		expect(page.items.map((item) => item.json.media_id)).toEqual([drafts[21], drafts[20]]);

		const badIndex = await failure(
			oa({
				resource: 'draft',
				operation: 'update',
				mediaId: drafts[1],
				index: 3,
				article: { fields: { title: 't', content: 'c', thumbMediaId: cover } },
			}),
		);
		expect(badIndex).toBeInstanceOf(NodeApiError);
		expect(badIndex?.message).toMatch(/draft\/update failed with errcode 40114/);
		expect(badIndex?.description).toMatch(/counts from 0/);

		await oa({ resource: 'draft', operation: 'delete', mediaId: drafts[5] });
		expect(fx.bodies('/cgi-bin/draft/delete')).toEqual([{ media_id: drafts[5] }]);
		expect((await oa({ resource: 'draft', operation: 'count' })).items[0].json).toEqual({ total_count: 21 });
	});

	test('bad input is refused before anything is uploaded or sent', async () => {
		const article = { title: '标题', content: '<p>x</p>', thumbMediaId: 'm' };
		const cases: Array<[INodeParameters, string]> = [
			[{ articles: { article: [] } }, 'Articles: has 0 articles'],
			[{ articles: { article: Array.from({ length: 9 }, () => article) } }, 'Articles: has 9 articles'],
			[
				{ articles: { article: [article, { ...article, title: '标'.repeat(33) }] } },
				"Articles › Article 2 › Title: is 33 characters, over WeChat's 32",
			],
			[{ articles: { article: [{ ...article, content: ' ' }] } }, 'Articles › Article 1 › Content (HTML): is empty'],
			[
				{ articles: { article: [{ ...article, thumbMediaId: '' }] } },
				'Articles › Article 1 › Cover Media ID: is empty',
			],
			[
				{ articles: { article: [{ ...article, picCrop11: '0.5_0.5_2_1' }] } },
				'Articles › Article 1 › Cover Crop 1:1: "0.5_0.5_2_1" is not X1_Y1_X2_Y2',
			],
			[
				{ articles: { article: [{ ...article, author: '作'.repeat(17) }] } },
				"Articles › Article 1 › Author: is 17 characters, over WeChat's 16",
			],
			[
				{
					articles: { article: [{ ...article, content: '<img src="data:image/png;base64,AAAA">' }] },
					options: { uploadContentImages: true },
				},
				'Articles › Article 1 › Content (HTML): the image source "data:image/png;base64,AAAA" is neither an http(s) URL nor "binary:<property>"',
			],
			[
				{
					articles: { article: [{ ...article, content: '<img src="binary:missing">' }] },
					options: { uploadContentImages: true },
				},
				'Articles › Article 1 › Content (HTML): the input item has no binary property "missing"',
			],
		];
		for (const [parameters, message] of cases) {
			const error = await failure(oa({ resource: 'draft', operation: 'create', ...parameters }));
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error?.message).toBe(message);
		}
		for (const path of ['/cgi-bin/draft/add', '/cgi-bin/media/uploadimg', '/cgi-bin/material/add_material'])
			expect(fx.entries(path)).toEqual([]);
	});

	test('an image URL that cannot be fetched, or is over 1 MB, names the article and the URL; nothing is uploaded', async () => {
		const cover = await uploadCover();
		const error = await failure(
			oa({
				resource: 'draft',
				operation: 'create',
				articles: { article: [{ title: 't', content: `<img src="${imageUrl}.missing">`, thumbMediaId: cover }] },
				options: { uploadContentImages: true },
			}),
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error?.message).toBe(
			`Articles › Article 1 › Content (HTML): the image ${imageUrl}.missing answered HTTP 404`,
		);
		const poster = imageUrl.replace('chart.png', 'poster.jpg');
		const tooBig = await failure(
			oa({
				resource: 'draft',
				operation: 'create',
				articles: { article: [{ title: 't', content: `<img src="${poster}">`, thumbMediaId: cover }] },
				options: { uploadContentImages: true },
			}),
		);
		expect(tooBig?.message).toBe(
			`Articles › Article 1 › Content (HTML): the image ${poster} is over WeChat's 1 MB for pictures in articles`,
		);
		expect(fx.entries('/cgi-bin/media/uploadimg')).toEqual([]);
		expect(fx.entries('/cgi-bin/draft/add')).toEqual([]);
	});

	test('a cover that is not permanent material is WeChat 40007, reported with errcode and hint', async () => {
		const error = await failure(
			oa({
				resource: 'draft',
				operation: 'create',
				articles: { article: [{ title: 't', content: 'c', thumbMediaId: 'not-a-material' }] },
			}),
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect(error?.message).toMatch(/draft\/add failed with errcode 40007/);
	});
});

describe('Publish', () => {
	test('Submit, Get Status waiting until published, Get Article, List, Delete', async () => {
		fx.emulator.oa.configure({ publishJobDelaySeconds: 0.3 });
		const draft = await createDraft('发布测试');
		const submitted = await oa({ resource: 'publish', operation: 'submit', mediaId: draft });
		expect(fx.bodies('/cgi-bin/freepublish/submit')).toEqual([{ media_id: draft }]);
		const publishId = String(submitted.items[0].json.publish_id);
		expect(submitted.items[0].json).toMatchObject({
			publish_id: publishId,
			note: expect.stringContaining('PUBLISHJOBFINISH'),
		});
		// The draft left the draft box.
		expect((await oa({ resource: 'draft', operation: 'count' })).items[0].json).toEqual({ total_count: 0 });

		const now = await oa({ resource: 'publish', operation: 'getStatus', publishId });
		expect(now.items[0].json).toMatchObject({
			publish_id: publishId,
			publish_status: 1,
			status: 'publishing',
			article_url: '',
		});
		fx.emulator.log.clear();
		const waited = await oa({ resource: 'publish', operation: 'getStatus', publishId, wait: true, maxWaitSeconds: 60 });
		const polls = fx.bodies('/cgi-bin/freepublish/get');
		expect(polls.length).toBeGreaterThan(1);
		expect(new Set(polls.map((body) => JSON.stringify(body)))).toEqual(
			new Set([JSON.stringify({ publish_id: publishId })]),
		);
		const status = waited.items[0].json;
		expect(status).toMatchObject({ publish_status: 0, status: 'success', finished: true, fail_idx: [] });
		expect(String(status.article_url)).toMatch(/^https:\/\/mp\.weixin\.qq\.com\/s\?/);
		expect(fx.emulator.oaEvents(OA.appId).filter((event) => event.Event === 'PUBLISHJOBFINISH')).toEqual([
			expect.objectContaining({
				PublishEventInfo: expect.objectContaining({
					publish_id: publishId,
					publish_status: 0,
					article_id: status.article_id,
				}),
			}),
		]);

		const articleId = String(status.article_id);
		const article = await oa({ resource: 'publish', operation: 'getArticle', articleId });
		expect(article.items[0].json.news_item).toEqual([
			expect.objectContaining({ title: '发布测试', url: status.article_url, is_deleted: false }),
		]);
		const list = await oa({ resource: 'publish', operation: 'list' });
		expect(list.items.map((item) => item.json.article_id)).toEqual([articleId]);
		await oa({ resource: 'publish', operation: 'delete', articleId, index: 1 });
		expect(fx.bodies('/cgi-bin/freepublish/delete')).toEqual([{ article_id: articleId, index: 1 }]);
		const deleted = await oa({ resource: 'publish', operation: 'getArticle', articleId });
		expect(deleted.items[0].json.news_item).toEqual([expect.objectContaining({ is_deleted: true })]);
	});

	test('waiting gives up at the limit and says so', async () => {
		fx.emulator.oa.configure({ publishJobDelaySeconds: 3600 });
		const draft = await createDraft();
		const publishId = String(
			(await oa({ resource: 'publish', operation: 'submit', mediaId: draft })).items[0].json.publish_id,
		);
		const waited = await oa({ resource: 'publish', operation: 'getStatus', publishId, wait: true, maxWaitSeconds: 5 });
		expect(waited.items[0].json).toMatchObject({ publish_status: 1, status: 'publishing', finished: false });
		const failed = fx.emulator.oa.finishPublishJob(publishId, 2, [1]);
		expect(failed.status).toBe(2);
		const after = await oa({ resource: 'publish', operation: 'getStatus', publishId });
		expect(after.items[0].json).toMatchObject({ publish_status: 2, status: 'originalCheckFailed', fail_idx: [1] });
	});

	test('an unverified account gets 48001 with the fix; a draft whose cover was deleted fails the check (53503)', async () => {
		const cover = await uploadCover();
		const draft = await createDraft('x', cover);
		fx.emulator.oa.updateAccount({ appId: OA.appId, verified: false });
		const denied = await failure(oa({ resource: 'publish', operation: 'submit', mediaId: draft }));
		expect(denied).toBeInstanceOf(NodeApiError);
		expect(denied?.message).toMatch(/freepublish\/submit failed with errcode 48001/);
		expect(denied?.description).toMatch(/verified account \(微信认证\)/);
		fx.emulator.oa.updateAccount({ appId: OA.appId, verified: true });
		await oa({ resource: 'material', operation: 'delete', mediaId: cover });
		const unchecked = await failure(oa({ resource: 'publish', operation: 'submit', mediaId: draft }));
		expect(unchecked?.message).toMatch(/errcode 53503/);
		expect(unchecked?.description).toMatch(/cover that is still in the permanent material/);
	});

	test('bad input is refused before sending', async () => {
		const cases: Array<[INodeParameters, string]> = [
			[{ operation: 'submit', mediaId: ' ' }, 'Draft Media ID: is empty'],
			[{ operation: 'getStatus', publishId: 'abc' }, 'Publish ID: "abc" is not a publish_id'],
			[{ operation: 'getArticle', articleId: ' ' }, 'Article ID: is empty'],
			[{ operation: 'delete', articleId: 'a', index: 9 }, 'Article Number: "9" is not 0 to 8'],
			[{ operation: 'list', returnAll: false, count: 21 }, 'Count: "21" is not between 1 and 20'],
		];
		for (const [parameters, message] of cases) {
			const error = await failure(oa({ resource: 'publish', ...parameters }));
			expect(error).toBeInstanceOf(NodeOperationError);
			expect(error?.message).toBe(message);
		}
		expect(fx.emulator.log.entries().filter((entry) => entry.path.startsWith('/cgi-bin/freepublish'))).toEqual([]);
	});
});

test('Mass Send takes a draft as mpnews, for a preview and a send; the send takes it out of the draft box', async () => {
	const field = new WeChatOaMassSend().description.properties.find((property) => property.name === 'mpnewsMediaId');
	expect(field?.hint).toMatch(/draft's media_id \(WeChat OA → Draft: Create\)/);
	const draft = await createDraft('群发草稿');
	const massSend = (parameters: INodeParameters) => fx.run(new WeChatOaMassSend(), parameters);
	await massSend({
		resource: 'mass',
		operation: 'preview',
		previewTo: 'openid',
		previewRecipient: OA.followers?.[0],
		msgType: 'mpnews',
		mpnewsMediaId: draft,
	});
	expect(fx.bodies('/cgi-bin/message/mass/preview')).toEqual([
		expect.objectContaining({ msgtype: 'mpnews', mpnews: { media_id: draft } }),
	]);
	const sent = await massSend({
		resource: 'mass',
		operation: 'sendAll',
		audience: 'all',
		msgType: 'mpnews',
		mpnewsMediaId: draft,
	});
	expect(sent.items[0].json).toMatchObject({ msgtype: 'mpnews' });
	expect(fx.emulator.state.oa.massJobs[0].articles.map((article) => article.title)).toEqual(['群发草稿']);
	expect((await oa({ resource: 'draft', operation: 'count' })).items[0].json).toEqual({ total_count: 0 });
});
