/** WeChat OA Mass Send against the emulator: the seed-002 flow, every msgtype, safe retries, targeting, bad input. */
import { NodeOperationError } from 'n8n-workflow';
import type { INodeParameters } from 'n8n-workflow';
import { useOaFixture, FOLLOWERS } from '../oaFixture';
import { binaryItem } from '../../../helpers/harness';
import { WeChatOaMassSend } from '../../../../nodes/WeChatOaMassSend/WeChatOaMassSend.node';

const fx = useOaFixture();
const mass = (parameters: INodeParameters, options: Parameters<typeof fx.run>[2] = {}) =>
	fx.run(new WeChatOaMassSend(), parameters, options);
const jpeg = (size: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(size - 4, 1)]);
const png = (size: number) =>
	Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(size - 8, 2)]);
const withoutId = (body: unknown) => {
	const { clientmsgid, ...rest } = body as Record<string, unknown>;
	expect(typeof clientmsgid).toBe('string');
	return rest;
};

test('seed 002: upload an article image and a cover, upload the article, send to a tag, get the status', async () => {
	const image = await mass(
		{ resource: 'upload', operation: 'uploadImage', binaryPropertyName: 'data' },
		{ items: [binaryItem({}, { data: png(2000), fileName: 'body.png', mimeType: 'image/png' })] },
	);
	const url = String(image.items[0].json.url);
	expect(url).toMatch(/^https?:\/\//);
	const thumb = await mass(
		{ resource: 'upload', operation: 'uploadMedia', mediaType: 'thumb', binaryPropertyName: 'data' },
		{ items: [binaryItem({}, { data: jpeg(3000), fileName: 'cover.jpg', mimeType: 'image/jpeg' })] },
	);
	const thumbId = String(thumb.items[0].json.media_id);
	const news = await mass({
		resource: 'upload',
		operation: 'uploadNews',
		articles: {
			article: [
				{
					title: '双十一活动',
					thumbMediaId: thumbId,
					author: '小编',
					digest: '全场五折',
					content: `<p>活动详情</p><img src="${url}">`,
					contentSourceUrl: 'https://shop.example.com',
					showCoverPic: true,
				},
			],
		},
	});
	expect(fx.bodies('/cgi-bin/media/uploadnews')).toEqual([
		{
			articles: [
				{
					thumb_media_id: thumbId,
					title: '双十一活动',
					content: `<p>活动详情</p><img src="${url}">`,
					author: '小编',
					content_source_url: 'https://shop.example.com',
					digest: '全场五折',
					show_cover_pic: 1,
					need_open_comment: 0,
					only_fans_can_comment: 0,
				},
			],
		},
	]);
	const mediaId = String(news.items[0].json.media_id);
	const sent = await mass({
		resource: 'mass',
		operation: 'sendAll',
		audience: 'tag',
		tagId: 100,
		msgType: 'mpnews',
		mpnewsMediaId: mediaId,
		sendIgnoreReprint: true,
	});
	expect(fx.bodies('/cgi-bin/message/mass/sendall').map(withoutId)).toEqual([
		{
			filter: { is_to_all: false, tag_id: 100 },
			msgtype: 'mpnews',
			mpnews: { media_id: mediaId },
			send_ignore_reprint: 1,
		},
	]);
	expect(sent.items[0].json).toMatchObject({
		status: 'submitted',
		alreadySubmitted: false,
		msgtype: 'mpnews',
		note: expect.stringContaining('MASSSENDJOBFINISH'),
	});
	const status = await mass({ resource: 'mass', operation: 'getStatus', msgId: String(sent.items[0].json.msg_id) });
	expect(fx.bodies('/cgi-bin/message/mass/get')).toEqual([{ msg_id: Number(sent.items[0].json.msg_id) }]);
	expect(status.items[0].json).toEqual({ msg_id: String(sent.items[0].json.msg_id), msg_status: 'SEND_SUCCESS' });
	expect(fx.emulator.oaEvents().map((event) => event.Event)).toContain('MASSSENDJOBFINISH');
});

test('every msgtype to all followers, to a list, and as a preview', async () => {
	const voice = await mass(
		{ resource: 'upload', operation: 'uploadMedia', mediaType: 'voice', binaryPropertyName: 'data' },
		{
			items: [
				binaryItem(
					{},
					{ data: Buffer.concat([Buffer.from('#!AMR\n'), Buffer.alloc(80)]), fileName: 'v.amr', mimeType: 'audio/amr' },
				),
			],
		},
	);
	const image = await mass(
		{ resource: 'upload', operation: 'uploadMedia', mediaType: 'image', binaryPropertyName: 'data' },
		{ items: [binaryItem({}, { data: png(500), fileName: 'i.png', mimeType: 'image/png' })] },
	);
	const video = await mass(
		{
			resource: 'upload',
			operation: 'uploadVideo',
			mediaSource: 'binary',
			binaryPropertyName: 'data',
			title: '发布会',
			description: '回放',
		},
		{
			items: [
				binaryItem(
					{},
					{
						data: Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(100)]),
						fileName: 'v.mp4',
						mimeType: 'video/mp4',
					},
				),
			],
		},
	);
	const voiceId = String(voice.items[0].json.media_id);
	const imageId = String(image.items[0].json.media_id);
	const videoId = String(video.items[0].json.media_id);
	expect(fx.bodies('/cgi-bin/media/uploadvideo')).toEqual([
		{ media_id: video.items[0].json.source_media_id, title: '发布会', description: '回放' },
	]);

	// WeChat allows 4 sends to everyone a month: one to all, the rest to a tag.
	const tag = { resource: 'mass', operation: 'sendAll', audience: 'tag', tagId: 100 };
	await mass({ resource: 'mass', operation: 'sendAll', audience: 'all', msgType: 'text', content: '今晚八点直播' });
	await mass({ ...tag, msgType: 'voice', mediaSource: 'mediaId', mediaId: voiceId });
	await mass({
		...tag,
		msgType: 'image',
		imageSource: 'mediaIds',
		imageMediaIds: `${imageId}|${imageId}`,
		recommend: '新品',
		needOpenComment: true,
		onlyFansCanComment: true,
	});
	await mass({ ...tag, msgType: 'mpvideo', mpvideoMediaId: videoId });
	await mass({ ...tag, msgType: 'wxcard', cardId: 'pXch-card' });
	const byTag = { is_to_all: false, tag_id: 100 };
	expect(fx.bodies('/cgi-bin/message/mass/sendall').map(withoutId)).toEqual([
		{ filter: { is_to_all: true }, msgtype: 'text', text: { content: '今晚八点直播' } },
		{ filter: byTag, msgtype: 'voice', voice: { media_id: voiceId } },
		{
			filter: byTag,
			msgtype: 'image',
			images: { media_ids: [imageId, imageId], recommend: '新品', need_open_comment: 1, only_fans_can_comment: 1 },
		},
		{ filter: byTag, msgtype: 'mpvideo', mpvideo: { media_id: videoId } },
		{ filter: byTag, msgtype: 'wxcard', wxcard: { card_id: 'pXch-card' } },
	]);

	await mass({
		resource: 'mass',
		operation: 'send',
		openIds: FOLLOWERS.slice(0, 3).join('|'),
		msgType: 'mpvideo',
		mpvideoMediaId: videoId,
		videoTitle: '发布会',
		videoDescription: '回放',
	});
	expect(fx.bodies('/cgi-bin/message/mass/send').map(withoutId)).toEqual([
		{
			touser: FOLLOWERS.slice(0, 3),
			msgtype: 'mpvideo',
			mpvideo: { media_id: videoId, title: '发布会', description: '回放' },
		},
	]);
	await mass({
		resource: 'mass',
		operation: 'preview',
		previewTo: 'openid',
		previewRecipient: FOLLOWERS[0],
		msgType: 'text',
		content: '预览',
	});
	await mass({
		resource: 'mass',
		operation: 'preview',
		previewTo: 'wxname',
		previewRecipient: 'wx_tester',
		msgType: 'text',
		content: '预览',
	});
	expect(fx.bodies('/cgi-bin/message/mass/preview')).toEqual([
		{ touser: FOLLOWERS[0], msgtype: 'text', text: { content: '预览' } },
		{ towxname: 'wx_tester', msgtype: 'text', text: { content: '预览' } },
	]);
});

test('delete, speed get and set', async () => {
	const thumb = await mass(
		{ resource: 'upload', operation: 'uploadMedia', mediaType: 'thumb', binaryPropertyName: 'data' },
		{ items: [binaryItem({}, { data: jpeg(800), fileName: 'c.jpg', mimeType: 'image/jpeg' })] },
	);
	const news = await mass({
		resource: 'upload',
		operation: 'uploadNews',
		articles: {
			article: [{ title: '撤回测试', content: '<p>x</p>', thumbMediaId: String(thumb.items[0].json.media_id) }],
		},
	});
	const sent = await mass({
		resource: 'mass',
		operation: 'send',
		openIds: FOLLOWERS.slice(0, 2),
		msgType: 'mpnews',
		mpnewsMediaId: String(news.items[0].json.media_id),
	});
	const msgId = String(sent.items[0].json.msg_id);
	// The finish event lists each article's URL: deleting by URL uses that.
	const finished = fx.emulator
		.oaEvents()
		.find((event) => event.Event === 'MASSSENDJOBFINISH' && event.MsgID === msgId) as unknown as {
		ArticleUrlResult: { ResultList: { item: Array<{ ArticleUrl: string }> } };
	};
	const url = finished.ArticleUrlResult.ResultList.item[0].ArticleUrl;
	await mass({ resource: 'mass', operation: 'delete', msgId: '', articleUrl: url });
	await mass({ resource: 'mass', operation: 'delete', msgId, articleIdx: 1 });
	expect(fx.bodies('/cgi-bin/message/mass/delete')).toEqual([{ url }, { msg_id: Number(msgId), article_idx: 1 }]);
	await mass({ resource: 'mass', operation: 'setSpeed', speed: 3 });
	const speed = await mass({ resource: 'mass', operation: 'getSpeed' });
	expect(fx.bodies('/cgi-bin/message/mass/speed/set')).toEqual([{ speed: 3 }]);
	expect(speed.items[0].json).toMatchObject({ speed: 3, perMinute: 300_000 });
});

test('a job retried after a reset keeps its clientmsgid and reports the job that went out', async () => {
	fx.emulator.faults.add({ kind: 'resetAfterApply', path: '/cgi-bin/message/mass/sendall' });
	// WeChat answers 45066 to the quick retry; the node waits out the minute (shortened here) and asks again.
	const advance = setInterval(() => {
		if (
			fx
				.entries('/cgi-bin/message/mass/sendall')
				.some((entry) => (entry.response as { errcode?: number }).errcode === 45066)
		) {
			fx.emulator.advanceTime(61);
			clearInterval(advance);
		}
	}, 20);
	const result = await mass({
		resource: 'mass',
		operation: 'sendAll',
		audience: 'all',
		msgType: 'text',
		content: '只发一次',
	}).finally(() => clearInterval(advance));
	const attempts = fx.entries('/cgi-bin/message/mass/sendall');
	expect(new Set(attempts.map((entry) => (entry.json as { clientmsgid: string }).clientmsgid)).size).toBe(1);
	expect(attempts.map((entry) => (entry.response as { errcode?: number }).errcode ?? 0)).toEqual([0, 45066, 45065]);
	expect(fx.emulator.state.oa.massJobs).toHaveLength(1);
	expect(result.items[0].json).toMatchObject({
		alreadySubmitted: true,
		msg_id: String(fx.emulator.state.oa.massJobs[0].msgId),
	});
});

describe('bad input: a clear error naming the field, nothing sent', () => {
	const refused = async (parameters: INodeParameters, message: string, options: Parameters<typeof fx.run>[2] = {}) => {
		const error = await mass(parameters, options).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe(message);
	};
	afterEach(() => {
		for (const path of [
			'/cgi-bin/message/mass/send',
			'/cgi-bin/message/mass/sendall',
			'/cgi-bin/media/uploadnews',
			'/cgi-bin/media/uploadimg',
		])
			expect(fx.entries(path)).toEqual([]);
	});

	test('one openid for send', () =>
		refused(
			{
				resource: 'mass',
				operation: 'send',
				openIds: `${FOLLOWERS[0]}|${FOLLOWERS[0]}`,
				msgType: 'text',
				content: 'x',
			},
			'OpenIDs: has 1 distinct openid',
		));
	test('nine articles', () =>
		refused(
			{
				resource: 'upload',
				operation: 'uploadNews',
				articles: { article: Array(9).fill({ title: 't', content: 'c', thumbMediaId: 'm' }) },
			},
			'Articles: has 9 articles',
		));
	test('a non-image for uploadimg', () =>
		refused(
			{ resource: 'upload', operation: 'uploadImage', binaryPropertyName: 'data' },
			'Input Binary Field: the image is not JPG or PNG (its content looks like another format)',
			{
				items: [
					binaryItem({}, { data: Buffer.from('%PDF-1.7 not an image'), fileName: 'a.png', mimeType: 'image/png' }),
				],
			},
		));
	test('an image of 1 MB or more for uploadimg', () =>
		refused(
			{ resource: 'upload', operation: 'uploadImage', binaryPropertyName: 'data' },
			"Input Binary Field: the image is 1.0 MB, over WeChat's 1 MB limit",
			{
				items: [binaryItem({}, { data: png(1024 * 1024 + 1), fileName: 'a.png', mimeType: 'image/png' })],
			},
		));
	test('no image media id', () =>
		refused(
			{
				resource: 'mass',
				operation: 'sendAll',
				audience: 'all',
				msgType: 'image',
				imageSource: 'mediaIds',
				imageMediaIds: '',
			},
			'Image Media IDs: is empty',
		));
});

test('targeting: tags, every follower page by page, the followers of a tag', async () => {
	fx.emulator.oa.configure({ userListPageSize: 2 });
	const tags = await mass({ resource: 'audience', operation: 'listTags' });
	expect(tags.items.map((item) => item.json)).toEqual([{ id: 100, name: '星标用户', count: 3 }]);
	const followers = await mass({ resource: 'audience', operation: 'listFollowers', output: 'openid' });
	expect(followers.items.map((item) => item.json.openid)).toEqual(FOLLOWERS);
	expect(fx.entries('/cgi-bin/user/get').map((entry) => entry.query.next_openid ?? '')).toEqual([
		'',
		FOLLOWERS[1],
		FOLLOWERS[3],
		FOLLOWERS[4],
	]);
	const pages = await mass({ resource: 'audience', operation: 'listFollowers', output: 'page' });
	expect(pages.items.map((item) => item.json.openids)).toEqual([
		FOLLOWERS.slice(0, 2),
		FOLLOWERS.slice(2, 4),
		FOLLOWERS.slice(4),
	]);
	const tagged = await mass({ resource: 'audience', operation: 'listTagFollowers', tagId: 100, output: 'openid' });
	expect(tagged.items.map((item) => item.json)).toEqual(
		FOLLOWERS.slice(0, 3).map((openid) => ({ tagid: 100, openid })),
	);
});
