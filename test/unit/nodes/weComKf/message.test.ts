/**
 * WeCom Customer Service → Message against the emulator: every msgtype's body on the wire (media from binary
 * uploaded first), Send on Event with a welcome_code, WeCom's refusals (95001 after 5 messages, 95018 while a
 * servicer has the session) with their hints, and bad input that sends nothing.
 */
import type { INodeParameters } from 'n8n-workflow';
import { useWeComFixture, pngBytes, APP } from '../wecomFixture';
import { binaryItem } from '../../../helpers/harness';
import { WeComKf } from '../../../../nodes/WeComKf/WeComKf.node';

const fx = useWeComFixture();
const KFID = 'wkMessageTestAccount';
const CUSTOMER = 'wmCustomerMessageTest';
const kf = () => fx.emulator.wecomKf;

beforeEach(() => {
	kf().addAccount(APP.corpId, { name: 'Support', open_kfid: KFID, servicers: ['zhangsan'] });
	kf().customerMessage(APP.corpId, KFID, CUSTOMER, 'text', { content: '在吗?' });
});

const send = (parameters: INodeParameters, options: Parameters<typeof fx.run>[2] = {}) =>
	fx.run(
		new WeComKf(),
		{ resource: 'message', operation: 'send', openKfid: KFID, externalUserId: CUSTOMER, ...parameters },
		options,
	);
const sent = () => fx.entries('/cgi-bin/kf/send_msg').map((entry) => entry.json);
/** What WeCom accepted (refused requests are in the log, not here). */
const accepted = () => fx.emulator.state.wecom.kf.find((corp) => corp.corpId === APP.corpId)?.sent ?? [];
const uploads = () => fx.entries('/cgi-bin/media/upload').map((entry) => entry.query.type);
const png = () => binaryItem({}, { data: pngBytes(), fileName: 'a.png', mimeType: 'image/png' });
const file = (data: Buffer, fileName: string, mimeType: string) => binaryItem({}, { data, fileName, mimeType });

test('text: the body WeCom documents, and the msgid it answers', async () => {
	const result = await send({ messageType: 'text', content: '您好，订单已发货', options: { msgid: 'order-42' } });
	expect(sent()).toEqual([
		{ touser: CUSTOMER, open_kfid: KFID, msgid: 'order-42', msgtype: 'text', text: { content: '您好，订单已发货' } },
	]);
	expect(result.items[0].json).toEqual({
		open_kfid: KFID,
		external_userid: CUSTOMER,
		msgtype: 'text',
		msgid: 'order-42',
		sent: true,
	});
});

test('image, voice, video and file from binary are uploaded as temporary media first', async () => {
	await send({ messageType: 'image', mediaSource: 'binary', binaryPropertyName: 'data' }, { items: [png()] });
	await send(
		{ messageType: 'voice', mediaSource: 'binary', binaryPropertyName: 'data' },
		{ items: [file(Buffer.concat([Buffer.from('#!AMR\n'), Buffer.alloc(64)]), 'v.amr', 'audio/amr')] },
	);
	await send(
		{ messageType: 'video', mediaSource: 'binary', binaryPropertyName: 'data' },
		{
			items: [
				file(
					Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypisom'), Buffer.alloc(64)]),
					'v.mp4',
					'video/mp4',
				),
			],
		},
	);
	await send(
		{ messageType: 'file', mediaSource: 'binary', binaryPropertyName: 'data' },
		{ items: [file(Buffer.from('%PDF-1.4 invoice'), 'invoice.pdf', 'application/pdf')] },
	);
	expect(uploads()).toEqual(['image', 'voice', 'video', 'file']);
	const mediaIds = fx
		.entries('/cgi-bin/media/upload')
		.map((entry) => (entry.response as { media_id: string }).media_id);
	expect(sent()).toEqual(
		['image', 'voice', 'video', 'file'].map((msgtype, index) => ({
			touser: CUSTOMER,
			open_kfid: KFID,
			msgtype,
			[msgtype]: { media_id: mediaIds[index] },
		})),
	);
});

test('link and mini program carry an uploaded thumbnail; location its coordinates', async () => {
	await send(
		{
			messageType: 'link',
			title: '退货说明',
			desc: '三步完成',
			url: 'https://example.com/return',
			mediaSource: 'binary',
			binaryPropertyName: 'data',
		},
		{ items: [png()] },
	);
	await send(
		{
			messageType: 'miniprogram',
			appid: 'wx_mini_0001',
			title: '查订单',
			pagepath: 'pages/order/index.html',
			mediaSource: 'binary',
			binaryPropertyName: 'data',
		},
		{ items: [png()] },
	);
	await send({ messageType: 'location', name: '总部', address: '深圳市南山区', latitude: 22.54, longitude: 113.93 });
	const [thumbA, thumbB] = fx
		.entries('/cgi-bin/media/upload')
		.map((entry) => (entry.response as { media_id: string }).media_id);
	expect(sent()).toEqual([
		{
			touser: CUSTOMER,
			open_kfid: KFID,
			msgtype: 'link',
			link: { title: '退货说明', desc: '三步完成', url: 'https://example.com/return', thumb_media_id: thumbA },
		},
		{
			touser: CUSTOMER,
			open_kfid: KFID,
			msgtype: 'miniprogram',
			miniprogram: {
				appid: 'wx_mini_0001',
				title: '查订单',
				thumb_media_id: thumbB,
				pagepath: 'pages/order/index.html',
			},
		},
		{
			touser: CUSTOMER,
			open_kfid: KFID,
			msgtype: 'location',
			location: { name: '总部', address: '深圳市南山区', latitude: 22.54, longitude: 113.93 },
		},
	]);
});

test('menu: every item type in the shape msgmenu takes', async () => {
	await send({
		messageType: 'msgmenu',
		headContent: '您对本次服务是否满意？',
		menuItems: {
			item: [
				{ type: 'click', id: '101', content: '满意' },
				{ type: 'view', url: 'https://example.com/survey', content: '填写问卷' },
				{ type: 'miniprogram', appid: 'wx_mini_0001', pagepath: 'pages/index.html', content: '打开小程序' },
				{ type: 'text', content: '谢谢', noNewline: true },
			],
		},
		tailContent: '欢迎再次光临',
	});
	expect(sent()[0]).toEqual({
		touser: CUSTOMER,
		open_kfid: KFID,
		msgtype: 'msgmenu',
		msgmenu: {
			head_content: '您对本次服务是否满意？',
			list: [
				{ type: 'click', click: { id: '101', content: '满意' } },
				{ type: 'view', view: { url: 'https://example.com/survey', content: '填写问卷' } },
				{
					type: 'miniprogram',
					miniprogram: { appid: 'wx_mini_0001', pagepath: 'pages/index.html', content: '打开小程序' },
				},
				{ type: 'text', text: { content: '谢谢', no_newline: 1 } },
			],
			tail_content: '欢迎再次光临',
		},
	});
});

test('a 6th message without the customer writing again is refused with 95001 and its hint', async () => {
	for (let index = 0; index < 5; index++) await send({ messageType: 'text', content: `reply ${index}` });
	await expect(send({ messageType: 'text', content: 'one too many' })).rejects.toMatchObject({
		message: expect.stringContaining('95001'),
		description: expect.stringContaining('5 messages within 48 hours'),
	});
	kf().customerMessage(APP.corpId, KFID, CUSTOMER, 'text', { content: '还有问题' });
	await send({ messageType: 'text', content: 'again allowed' });
	expect(sent()).toHaveLength(7);
	expect(accepted().map((body) => (body.text as { content: string }).content)).toEqual(
		[0, 1, 2, 3, 4].map((index) => `reply ${index}`).concat('again allowed'),
	);
});

test('while a servicer has the session, sending is refused with 95018', async () => {
	await fx.run(new WeComKf(), {
		resource: 'serviceState',
		operation: 'transfer',
		openKfid: KFID,
		externalUserId: CUSTOMER,
		serviceState: 3,
		servicerUserId: 'zhangsan',
	});
	await expect(send({ messageType: 'text', content: 'hi' })).rejects.toMatchObject({
		message: expect.stringContaining('95018'),
		description: expect.stringContaining('Service State'),
	});
});

test('send on event: the welcome message with the enter_session welcome_code, usable once', async () => {
	const { welcomeCode } = kf().enterSession(APP.corpId, KFID, 'wmNewcomer');
	const result = await fx.run(new WeComKf(), {
		resource: 'message',
		operation: 'sendOnEvent',
		code: welcomeCode,
		messageType: 'text',
		content: '欢迎咨询！',
	});
	expect(fx.entries('/cgi-bin/kf/send_msg_on_event').map((entry) => entry.json)).toEqual([
		{ code: welcomeCode, msgtype: 'text', text: { content: '欢迎咨询！' } },
	]);
	expect(result.items[0].json).toMatchObject({ msgtype: 'text', sent: true });
	await expect(
		fx.run(new WeComKf(), {
			resource: 'message',
			operation: 'sendOnEvent',
			code: welcomeCode,
			messageType: 'msgmenu',
			menuItems: { item: [{ type: 'click', content: '人工' }] },
		}),
	).rejects.toMatchObject({ message: expect.stringContaining('40058') });
});

test.each([
	[{ messageType: 'text', content: '' }, 'Content'],
	[{ messageType: 'text', content: 'hi', options: { msgid: 'has space' } }, 'Message ID'],
	[{ messageType: 'link', title: 't', url: 'ftp://x', mediaSource: 'mediaId', mediaId: 'm' }, 'URL'],
	[{ messageType: 'location', latitude: 95, longitude: 0 }, 'Latitude'],
	[{ messageType: 'msgmenu', menuItems: {} }, 'Menu Items'],
	[{ messageType: 'msgmenu', menuItems: { item: [{ type: 'view', content: 'x', url: '' }] } }, 'Menu Items 1: URL'],
	[{ messageType: 'text', content: 'hi', openKfid: '' }, 'Account ID'],
	[{ messageType: 'text', content: 'hi', externalUserId: ' ' }, 'Customer ID'],
])('bad input %j names %s and sends nothing', async (parameters, field) => {
	await expect(send(parameters as INodeParameters)).rejects.toMatchObject({ message: expect.stringContaining(field) });
	expect(sent()).toHaveLength(0);
});
