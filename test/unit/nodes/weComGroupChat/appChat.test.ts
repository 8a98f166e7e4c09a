/** App group chats against the emulator: the seed-000 story, every msgtype, and bad input that sends nothing. */
import { NodeApiError, NodeOperationError } from 'n8n-workflow';
import type { INodeParameters } from 'n8n-workflow';
import { useWeComFixture, pngBytes, SIBLING_APP } from '../wecomFixture';
import { binaryItem } from '../../../helpers/harness';
import { WeComGroupChat } from '../../../../nodes/WeComGroupChat/WeComGroupChat.node';

const fx = useWeComFixture();
const chat = (parameters: INodeParameters, options: Parameters<typeof fx.run>[2] = {}) =>
	fx.run(new WeComGroupChat(), { resource: 'appChat', ...parameters }, options);
const bodies = (path: string) => fx.entries(path).map((entry) => entry.json);

test('seed 000: create a group, rename it, add a member, read it back, post 你的快递已到', async () => {
	const created = await chat({
		operation: 'create',
		name: '快递通知群',
		userList: 'zhangsan|lisi',
		owner: 'zhangsan',
		chatId: 'kuaidi2026',
	});
	expect(created.items[0].json).toEqual({
		chatid: 'kuaidi2026',
		name: '快递通知群',
		owner: 'zhangsan',
		userlist: ['zhangsan', 'lisi'],
	});
	await chat({ operation: 'update', chatId: 'kuaidi2026', changes: { name: '快递到了', addUserList: 'wangwu' } });
	const read = await chat({ operation: 'get', chatId: 'kuaidi2026' });
	expect(read.items[0].json).toEqual({
		chatid: 'kuaidi2026',
		name: '快递到了',
		owner: 'zhangsan',
		userlist: ['zhangsan', 'lisi', 'wangwu'],
		chat_type: 0,
	});
	await chat({ operation: 'sendText', chatId: 'kuaidi2026', content: '你的快递已到' });

	expect(bodies('/cgi-bin/appchat/create')).toEqual([
		{ userlist: ['zhangsan', 'lisi'], name: '快递通知群', owner: 'zhangsan', chatid: 'kuaidi2026' },
	]);
	expect(bodies('/cgi-bin/appchat/update')).toEqual([
		{ chatid: 'kuaidi2026', name: '快递到了', add_user_list: ['wangwu'] },
	]);
	expect(fx.entries('/cgi-bin/appchat/get')[0].query.chatid).toBe('kuaidi2026');
	expect(bodies('/cgi-bin/appchat/send')).toEqual([
		{ chatid: 'kuaidi2026', msgtype: 'text', text: { content: '你的快递已到' } },
	]);
	expect(fx.emulator.state.wecom.chats[0].messages.map((m) => m.msgtype)).toEqual(['text']);
});

test('create without a chat ID returns the generated one, and every msgtype posts into it', async () => {
	const created = await chat({ operation: 'create', userList: 'zhangsan, lisi' });
	const chatId = String(created.items[0].json.chatid);
	expect(chatId).toMatch(/^[0-9A-Za-z]+$/);
	const image = binaryItem({}, { data: pngBytes(), fileName: 'a.png', mimeType: 'image/png' });
	await chat({ operation: 'sendMarkdown', chatId, content: '**到货**' });
	await chat(
		{ operation: 'sendImage', chatId, mediaSource: 'binary', binaryPropertyName: 'data', options: { safe: 1 } },
		{ items: [image] },
	);
	await chat({ operation: 'sendTextCard', chatId, title: '快递', description: '已到', url: 'https://example.com' });
	await chat({
		operation: 'sendNews',
		chatId,
		articles: { article: [{ title: '公告', url: 'https://example.com/n' }] },
	});
	await chat(
		{
			operation: 'sendMpNews',
			chatId,
			mpArticles: {
				article: [{ title: '周报', thumbSource: 'binary', thumbBinaryPropertyName: 'data', content: '<p>x</p>' }],
			},
		},
		{ items: [image] },
	);
	const file = await fx.send(
		{ resource: 'media', operation: 'uploadMedia', mediaType: 'file' },
		{ items: [binaryItem({}, { data: Buffer.from('report body'), fileName: 'r.txt', mimeType: 'text/plain' })] },
	);
	await chat({ operation: 'sendFile', chatId, mediaSource: 'mediaId', mediaId: String(file.items[0].json.media_id) });
	const uploads = fx.entries('/cgi-bin/media/upload').map((entry) => (entry.response as { media_id: string }).media_id);
	expect(bodies('/cgi-bin/appchat/send')).toEqual([
		{ chatid: chatId, msgtype: 'markdown', markdown: { content: '**到货**' } },
		{ chatid: chatId, msgtype: 'image', image: { media_id: uploads[0] }, safe: 1 },
		{
			chatid: chatId,
			msgtype: 'textcard',
			textcard: { title: '快递', description: '已到', url: 'https://example.com' },
		},
		{ chatid: chatId, msgtype: 'news', news: { articles: [{ title: '公告', url: 'https://example.com/n' }] } },
		{
			chatid: chatId,
			msgtype: 'mpnews',
			mpnews: { articles: [{ title: '周报', thumb_media_id: uploads[1], content: '<p>x</p>' }] },
		},
		{ chatid: chatId, msgtype: 'file', file: { media_id: uploads[2] } },
	]);
});

test('voice and video by media_id', async () => {
	await chat({ operation: 'create', userList: 'zhangsan|lisi', chatId: 'media01' });
	const upload = async (type: string, data: Buffer, fileName: string) =>
		String(
			(
				await fx.send(
					{ resource: 'media', operation: 'uploadMedia', mediaType: type },
					{ items: [binaryItem({}, { data, fileName, mimeType: 'application/octet-stream' })] },
				)
			).items[0].json.media_id,
		);
	const voice = await upload('voice', Buffer.concat([Buffer.from('#!AMR\n'), Buffer.alloc(50)]), 'v.amr');
	const video = await upload(
		'video',
		Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(50)]),
		'v.mp4',
	);
	await chat({ operation: 'sendVoice', chatId: 'media01', mediaSource: 'mediaId', mediaId: voice });
	await chat({ operation: 'sendVideo', chatId: 'media01', mediaSource: 'mediaId', mediaId: video, title: '回放' });
	expect(bodies('/cgi-bin/appchat/send')).toEqual([
		{ chatid: 'media01', msgtype: 'voice', voice: { media_id: voice } },
		{ chatid: 'media01', msgtype: 'video', video: { media_id: video, title: '回放' } },
	]);
});

describe('bad input: a clear error naming the field, and nothing sent', () => {
	afterEach(() => {
		expect(fx.entries('/cgi-bin/appchat/create')).toEqual([]);
		expect(fx.entries('/cgi-bin/appchat/send')).toEqual([]);
	});

	test.each([
		[{ operation: 'create', userList: 'zhangsan' }, 'Members: has 1 member'],
		[
			{ operation: 'create', userList: 'zhangsan|lisi', chatId: 'bad-id!' },
			'Chat ID: "bad-id!" is not a valid chat ID',
		],
		[
			{ operation: 'create', userList: 'zhangsan|lisi', chatId: 'x'.repeat(33) },
			`Chat ID: "${'x'.repeat(33)}" is not a valid chat ID`,
		],
		[{ operation: 'create', userList: 'zhangsan|lisi', owner: 'wangwu' }, 'Owner: "wangwu" is not one of the members'],
		[{ operation: 'sendText', chatId: '={{ $json.chat }}', content: 'hi' }, 'Chat ID: is empty'],
		[{ operation: 'update', chatId: 'abc' }, 'Changes: nothing to change'],
	])('%j', async (parameters, message) => {
		const error = await chat(parameters).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(NodeOperationError);
		expect((error as Error).message).toBe(message);
	});

	test('unknown binary property', async () => {
		await expect(
			chat({ operation: 'sendImage', chatId: 'abc', mediaSource: 'binary', binaryPropertyName: 'nope' }),
		).rejects.toMatchObject({
			message: 'Image (Input Binary Field): the input item has no binary property "nope"',
		});
	});
});

test('a chat created by another app of the company cannot be used: a plain hint', async () => {
	await chat({ operation: 'create', userList: 'zhangsan|lisi', chatId: 'ownedbyapp1' });
	const error = (await chat(
		{ operation: 'sendText', chatId: 'ownedbyapp1', content: 'hi' },
		{ credentials: fx.credentials({ corpSecret: SIBLING_APP.corpSecret, agentId: String(SIBLING_APP.agentId) }) },
	).then(
		() => undefined,
		(e: unknown) => e,
	)) as NodeApiError;
	expect(error).toBeInstanceOf(NodeApiError);
	expect(error.message).toMatch(/errcode 86008/);
	expect(error.description).toMatch(/only be used by the app that created it/);
});

test('an unknown chat gets a hint that points at group robots', async () => {
	await expect(chat({ operation: 'sendText', chatId: 'nosuchchat', content: 'hi' })).rejects.toMatchObject({
		message: expect.stringMatching(/errcode 86003/),
		description: expect.stringMatching(/group robot/),
	});
});

test('an app not visible to the whole company gets the visibility hint', async () => {
	fx.emulator.addWeComApp({ ...SIBLING_APP, users: ['zhangsan', 'lisi'], visibleToAll: false });
	try {
		await expect(
			chat(
				{ operation: 'create', userList: 'zhangsan|lisi' },
				{ credentials: fx.credentials({ corpSecret: SIBLING_APP.corpSecret, agentId: String(SIBLING_APP.agentId) }) },
			),
		).rejects.toMatchObject({
			message: expect.stringMatching(/errcode 60011/),
			description: expect.stringMatching(/whole company/),
		});
	} finally {
		fx.emulator.addWeComApp({ ...SIBLING_APP, users: ['zhangsan', 'lisi', 'wangwu'] });
	}
});
