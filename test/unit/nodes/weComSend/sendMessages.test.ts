/** Every msgtype of WeCom Send, asserting the exact JSON (and multipart) that reached the emulator. */
import { useWeComFixture, pngBytes, APP } from '../wecomFixture';
import { binaryItem } from '../../../helpers/harness';

const fx = useWeComFixture();
const to = { resource: 'message', toUser: 'zhangsan|lisi' };
const base = { touser: 'zhangsan|lisi', agentid: APP.agentId };

test('text, with the output under stable names', async () => {
	const result = await fx.send({ ...to, operation: 'sendText', content: '你的快递已到' });
	expect(fx.sent()).toEqual([{ ...base, msgtype: 'text', text: { content: '你的快递已到' } }]);
	expect(result.items).toHaveLength(1);
	expect(Object.keys(result.items[0].json).sort()).toEqual(
		['invalidparty', 'invalidtag', 'invaliduser', 'msgid', 'partialDelivery', 'response_code', 'unlicenseduser'].sort(),
	);
	expect(result.items[0].json).toMatchObject({ invaliduser: '', partialDelivery: false, response_code: '' });
	expect(result.items[0].json.msgid).toMatch(/\S+/);
	expect(result.items[0].pairedItem).toEqual({ item: 0 });
});

test('recipients: lists, departments, tags, @all; options: safe, duplicate check, id translation, agent override', async () => {
	await fx.send({
		resource: 'message',
		operation: 'sendText',
		toUser: 'zhangsan, lisi',
		toParty: '1|2',
		toTag: '1',
		content: 'hi',
		options: { safe: 1, enableDuplicateCheck: true, duplicateCheckInterval: 600, enableIdTrans: true },
	});
	await fx.send({ resource: 'message', operation: 'sendText', toAll: true, content: 'all hands' });
	await fx.send(
		{ ...to, operation: 'sendText', content: 'other agent', options: { agentId: '1000005' } },
		{ credentials: fx.credentials({ corpId: 'ww_other_corp', corpSecret: 'other-corp-secret-987654', agentId: '1' }) },
	);
	expect(fx.sent()).toEqual([
		{
			touser: 'zhangsan|lisi',
			toparty: '1|2',
			totag: '1',
			agentid: APP.agentId,
			msgtype: 'text',
			text: { content: 'hi' },
			safe: 1,
			enable_id_trans: 1,
			enable_duplicate_check: 1,
			duplicate_check_interval: 600,
		},
		{ touser: '@all', agentid: APP.agentId, msgtype: 'text', text: { content: 'all hands' } },
		{ touser: 'zhangsan|lisi', agentid: 1000005, msgtype: 'text', text: { content: 'other agent' } },
	]);
});

test('markdown, textcard, news, miniprogram_notice', async () => {
	await fx.send({ ...to, operation: 'sendMarkdown', content: '**告警** <font color="warning">CPU 95%</font>' });
	await fx.send({
		...to,
		operation: 'sendTextCard',
		title: '领奖通知',
		description: '<div class="gray">2026年11月</div>',
		url: 'https://example.com/x',
		btntxt: '更多',
	});
	await fx.send({
		...to,
		operation: 'sendNews',
		articles: {
			article: [
				{
					title: '中秋节礼品领取',
					description: '今年中秋节公司有豪礼相送',
					url: 'https://example.com/a',
					picurl: 'https://example.com/a.png',
				},
				{ title: '小程序', appid: 'wx123', pagepath: 'pages/index' },
			],
		},
	});
	await fx.send({
		...to,
		operation: 'sendMiniProgramNotice',
		appid: 'wx123456',
		title: '会议室预订成功通知',
		page: 'pages/index',
		description: '4月27日 16:16',
		emphasisFirstItem: true,
		contentItems: {
			item: [
				{ key: '会议室', value: '402' },
				{ key: '时间', value: '16:00' },
			],
		},
	});
	expect(fx.sent()).toEqual([
		{ ...base, msgtype: 'markdown', markdown: { content: '**告警** <font color="warning">CPU 95%</font>' } },
		{
			...base,
			msgtype: 'textcard',
			textcard: {
				title: '领奖通知',
				description: '<div class="gray">2026年11月</div>',
				url: 'https://example.com/x',
				btntxt: '更多',
			},
		},
		{
			...base,
			msgtype: 'news',
			news: {
				articles: [
					{
						title: '中秋节礼品领取',
						description: '今年中秋节公司有豪礼相送',
						url: 'https://example.com/a',
						picurl: 'https://example.com/a.png',
					},
					{ title: '小程序', appid: 'wx123', pagepath: 'pages/index' },
				],
			},
		},
		{
			...base,
			msgtype: 'miniprogram_notice',
			miniprogram_notice: {
				appid: 'wx123456',
				title: '会议室预订成功通知',
				page: 'pages/index',
				description: '4月27日 16:16',
				emphasis_first_item: true,
				content_item: [
					{ key: '会议室', value: '402' },
					{ key: '时间', value: '16:00' },
				],
			},
		},
	]);
});

test('image from a binary property: uploaded first (multipart), then sent by media_id', async () => {
	const data = pngBytes(300);
	const result = await fx.send(
		{ ...to, operation: 'sendImage', mediaSource: 'binary', binaryPropertyName: 'photo' },
		{ items: [binaryItem({}, { data, fileName: '截图.png', mimeType: 'image/png' }, 'photo')] },
	);
	const [upload] = fx.entries('/cgi-bin/media/upload');
	expect(upload.query.type).toBe('image');
	expect(upload.multipart).toEqual([
		expect.objectContaining({
			name: 'media',
			filename: '截图.png',
			contentType: 'image/png',
			filelength: 300,
			size: 300,
		}),
	]);
	const mediaId = (upload.response as { media_id: string }).media_id;
	expect(fx.sent()).toEqual([{ ...base, msgtype: 'image', image: { media_id: mediaId } }]);
	expect(result.items[0].json.msgid).toBeTruthy();
});

test('voice, video and file by media_id; video title and description', async () => {
	const upload = async (type: string, data: Buffer, fileName: string, mimeType: string) => {
		const result = await fx.send(
			{ resource: 'media', operation: 'uploadMedia', mediaType: type },
			{ items: [binaryItem({}, { data, fileName, mimeType })] },
		);
		return String(result.items[0].json.media_id);
	};
	const voice = await upload('voice', Buffer.concat([Buffer.from('#!AMR\n'), Buffer.alloc(100)]), 'a.amr', 'audio/amr');
	const video = await upload(
		'video',
		Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypmp42'), Buffer.alloc(100)]),
		'v.mp4',
		'video/mp4',
	);
	const file = await upload('file', Buffer.from('hello world, a report'), 'report.txt', 'text/plain');
	await fx.send({ ...to, operation: 'sendVoice', mediaSource: 'mediaId', mediaId: voice });
	await fx.send({
		...to,
		operation: 'sendVideo',
		mediaSource: 'mediaId',
		mediaId: video,
		title: '培训视频',
		description: '第一课',
	});
	await fx.send({ ...to, operation: 'sendFile', mediaSource: 'mediaId', mediaId: file, options: { safe: 1 } });
	expect(fx.sent()).toEqual([
		{ ...base, msgtype: 'voice', voice: { media_id: voice } },
		{ ...base, msgtype: 'video', video: { media_id: video, title: '培训视频', description: '第一课' } },
		{ ...base, msgtype: 'file', file: { media_id: file }, safe: 1 },
	]);
});

test('mpnews with a thumbnail uploaded from binary', async () => {
	await fx.send(
		{
			...to,
			operation: 'sendMpNews',
			mpArticles: {
				article: [
					{
						title: '地球一小时',
						thumbSource: 'binary',
						thumbBinaryPropertyName: 'data',
						content: '<p>内容</p>',
						author: 'Art',
						digest: '摘要',
						content_source_url: 'https://example.com',
					},
				],
			},
			options: { safe: 2 },
		},
		{ items: [binaryItem({}, { data: pngBytes(), fileName: 'cover.png', mimeType: 'image/png' })] },
	);
	const thumb = (fx.entries('/cgi-bin/media/upload')[0].response as { media_id: string }).media_id;
	expect(fx.sent()).toEqual([
		{
			...base,
			msgtype: 'mpnews',
			mpnews: {
				articles: [
					{
						title: '地球一小时',
						thumb_media_id: thumb,
						content: '<p>内容</p>',
						author: 'Art',
						content_source_url: 'https://example.com',
						digest: '摘要',
					},
				],
			},
			safe: 2,
		},
	]);
});

describe('template card, all five types', () => {
	const common = {
		...to,
		operation: 'sendTemplateCard',
		cardInput: 'form',
		mainTitle: '审批',
		mainTitleDesc: '请处理',
	};

	test('text_notice (form) with additional fields', async () => {
		await fx.send({
			...common,
			cardType: 'text_notice',
			cardActionType: 1,
			cardActionUrl: 'https://example.com/approve',
			emphasisTitle: '100',
			emphasisDesc: '核心数据',
			cardFields: {
				sourceDesc: 'OA系统',
				sourceDescColor: 1,
				subTitleText: '详情',
				horizontalContent: '申请人=张三\n金额=100元',
				jumpLinks: '查看=https://example.com/v',
			},
		});
		expect(fx.sent()).toEqual([
			{
				...base,
				msgtype: 'template_card',
				template_card: {
					card_type: 'text_notice',
					main_title: { title: '审批', desc: '请处理' },
					card_action: { type: 1, url: 'https://example.com/approve' },
					source: { icon_url: '', desc: 'OA系统', desc_color: 1 },
					sub_title_text: '详情',
					horizontal_content_list: [
						{ keyname: '申请人', value: '张三' },
						{ keyname: '金额', value: '100元' },
					],
					jump_list: [{ type: 1, title: '查看', url: 'https://example.com/v' }],
					emphasis_content: { title: '100', desc: '核心数据' },
				},
			},
		]);
	});

	test('news_notice', async () => {
		await fx.send({
			...common,
			cardType: 'news_notice',
			cardActionType: 1,
			cardActionUrl: 'https://example.com',
			cardImageUrl: 'https://example.com/i.png',
			cardImageAspectRatio: 1.3,
		});
		expect((fx.sent()[0] as { template_card: unknown }).template_card).toEqual({
			card_type: 'news_notice',
			main_title: { title: '审批', desc: '请处理' },
			card_action: { type: 1, url: 'https://example.com' },
			card_image: { url: 'https://example.com/i.png', aspect_ratio: 1.3 },
		});
	});

	test('button_interaction returns a response_code', async () => {
		const result = await fx.send({
			...common,
			cardType: 'button_interaction',
			taskId: 'task-001',
			cardActionType: 0,
			buttons: {
				button: [
					{ text: '同意', key: 'yes', style: 1 },
					{ text: '驳回', key: 'no', style: 3 },
				],
			},
		});
		expect((fx.sent()[0] as { template_card: unknown }).template_card).toEqual({
			card_type: 'button_interaction',
			task_id: 'task-001',
			main_title: { title: '审批', desc: '请处理' },
			card_action: { type: 0 },
			button_list: [
				{ text: '同意', style: 1, key: 'yes' },
				{ text: '驳回', style: 3, key: 'no' },
			],
		});
		expect(result.items[0].json.response_code).toMatch(/\S+/);
	});

	test('vote_interaction and multiple_interaction', async () => {
		await fx.send({
			...common,
			cardType: 'vote_interaction',
			taskId: 'vote-1',
			cardActionType: 0,
			questionKey: 'q1',
			voteOptions: 'a=周五\nb=周六',
			voteMultiple: true,
			submitText: '投票',
			submitKey: 'go',
		});
		await fx.send({
			...common,
			cardType: 'multiple_interaction',
			taskId: 'multi-1',
			cardActionType: 0,
			selects: { select: [{ questionKey: 'city', title: '城市', options: 'sh=上海\nbj=北京', selectedId: 'sh' }] },
			submitText: '提交',
			submitKey: 'submit',
		});
		const cards = fx.sent().map((body) => (body as { template_card: unknown }).template_card);
		expect(cards).toEqual([
			{
				card_type: 'vote_interaction',
				task_id: 'vote-1',
				main_title: { title: '审批', desc: '请处理' },
				card_action: { type: 0 },
				checkbox: {
					question_key: 'q1',
					mode: 1,
					option_list: [
						{ id: 'a', text: '周五', is_checked: false },
						{ id: 'b', text: '周六', is_checked: false },
					],
				},
				submit_button: { text: '投票', key: 'go' },
			},
			{
				card_type: 'multiple_interaction',
				task_id: 'multi-1',
				main_title: { title: '审批', desc: '请处理' },
				card_action: { type: 0 },
				select_list: [
					{
						question_key: 'city',
						title: '城市',
						selected_id: 'sh',
						option_list: [
							{ id: 'sh', text: '上海' },
							{ id: 'bj', text: '北京' },
						],
					},
				],
				submit_button: { text: '提交', key: 'submit' },
			},
		]);
	});

	test('JSON mode sends the card as written', async () => {
		const card = {
			card_type: 'text_notice',
			main_title: { title: 'JSON 卡片' },
			card_action: { type: 1, url: 'https://example.com' },
		};
		await fx.send({ ...to, operation: 'sendTemplateCard', cardInput: 'json', cardJson: JSON.stringify(card) });
		expect(fx.sent()).toEqual([{ ...base, msgtype: 'template_card', template_card: card }]);
	});
});

test('partial delivery is shown, and an error when asked', async () => {
	const params = {
		resource: 'message',
		operation: 'sendText',
		toUser: 'zhangsan|ghost|zhaoliu',
		toParty: '99',
		content: 'x',
	};
	const shown = await fx.send(params);
	expect(shown.items[0].json).toMatchObject({
		invaliduser: 'ghost',
		invalidparty: '99',
		unlicenseduser: 'zhaoliu',
		partialDelivery: true,
	});
	await expect(fx.send({ ...params, options: { failOnPartialDelivery: true } })).rejects.toMatchObject({
		message: 'WeCom did not deliver to every recipient: members ghost; departments 99; unlicensed members zhaoliu',
	});
});

test('items run with bounded concurrency and come out in input order, each paired', async () => {
	const input = Array.from({ length: 12 }, (_, index) => ({ json: { name: `第${index}条` } }));
	const result = await fx.send(
		{ ...to, operation: 'sendText', content: '={{ $json.name }}', options: { concurrency: 4 } },
		{ items: input },
	);
	expect(result.items.map((item) => item.pairedItem)).toEqual(input.map((_, index) => ({ item: index })));
	const contents = fx
		.sent()
		.map((body) => (body as { text: { content: string } }).text.content)
		.sort();
	expect(contents).toEqual(input.map((item) => item.json.name).sort());
	const msgids = result.items.map((item) => item.json.msgid);
	const byContent = new Map(
		fx.emulator.state.wecom.messages.map((m) => [(m.body as { text: { content: string } }).text.content, m.msgid]),
	);
	expect(msgids).toEqual(input.map((item) => byContent.get(String(item.json.name))));
});
