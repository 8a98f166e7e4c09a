/** Passive reply XML for every kind, its limits, and the encrypted envelope checked with Tencent's own code. */
import * as tencent from '@wecom/crypto';
import { buildReplyXml, encryptReply, ReplyError, type ReplyContext } from '../../../nodes/shared/callback/reply';
import { inbound } from '../../../nodes/shared/callback/inbound';
import { parseMessage } from '../../../nodes/shared/callback/normalize';
import { CORP_ID, ENCODING_AES_KEY, KEY, NONCE, TIMESTAMP, TOKEN } from './fixtures';

const OA: ReplyContext = { platform: 'oa', toUser: 'oUser', fromUser: 'gh_123', createTime: 1700000000 };
const WECOM: ReplyContext = { platform: 'wecom', toUser: 'zhangsan', fromUser: CORP_ID, createTime: 1700000000 };
const header = (context: ReplyContext, type: string) =>
	`<xml><ToUserName><![CDATA[${context.toUser}]]></ToUserName><FromUserName><![CDATA[${context.fromUser}]]></FromUserName>` +
	`<CreateTime>1700000000</CreateTime><MsgType><![CDATA[${type}]]></MsgType>`;

describe('buildReplyXml', () => {
	test('text, with ]]> split across CDATA sections', () => {
		expect(buildReplyXml('text', { content: '你好 ]]> <a href="x">link</a>' }, OA)).toBe(
			`${header(OA, 'text')}<Content><![CDATA[你好 ]]]]><![CDATA[> <a href="x">link</a>]]></Content></xml>`,
		);
	});

	test('image and voice', () => {
		expect(buildReplyXml('image', { mediaId: 'm1' }, WECOM)).toBe(
			`${header(WECOM, 'image')}<Image><MediaId><![CDATA[m1]]></MediaId></Image></xml>`,
		);
		expect(buildReplyXml('voice', { mediaId: 'm2' }, OA)).toBe(
			`${header(OA, 'voice')}<Voice><MediaId><![CDATA[m2]]></MediaId></Voice></xml>`,
		);
	});

	test('video, with and without its optional title and description', () => {
		expect(buildReplyXml('video', { mediaId: 'v', title: 't', description: 'd' }, OA)).toBe(
			`${header(OA, 'video')}<Video><MediaId><![CDATA[v]]></MediaId><Title><![CDATA[t]]></Title><Description><![CDATA[d]]></Description></Video></xml>`,
		);
		expect(buildReplyXml('video', { mediaId: 'v' }, WECOM)).toBe(
			`${header(WECOM, 'video')}<Video><MediaId><![CDATA[v]]></MediaId></Video></xml>`,
		);
	});

	test('music (OA)', () => {
		expect(
			buildReplyXml(
				'music',
				{ title: 't', description: 'd', musicUrl: 'http://m', hqMusicUrl: 'http://hq', thumbMediaId: 'th' },
				OA,
			),
		).toBe(
			`${header(OA, 'music')}<Music><Title><![CDATA[t]]></Title><Description><![CDATA[d]]></Description><MusicUrl><![CDATA[http://m]]></MusicUrl>` +
				'<HQMusicUrl><![CDATA[http://hq]]></HQMusicUrl><ThumbMediaId><![CDATA[th]]></ThumbMediaId></Music></xml>',
		);
	});

	test('news: ArticleCount bare, Articles.item repeated', () => {
		const articles = [
			{ title: 'A', description: 'a', picUrl: 'http://p/a', url: 'http://u/a' },
			{ title: 'B', url: 'http://u/b' },
		];
		const xml = buildReplyXml('news', { articles }, WECOM);
		expect(xml).toBe(
			`${header(WECOM, 'news')}<ArticleCount>2</ArticleCount><Articles>` +
				'<item><Title><![CDATA[A]]></Title><Description><![CDATA[a]]></Description><PicUrl><![CDATA[http://p/a]]></PicUrl><Url><![CDATA[http://u/a]]></Url></item>' +
				'<item><Title><![CDATA[B]]></Title><Url><![CDATA[http://u/b]]></Url></item></Articles></xml>',
		);
		expect(parseMessage(xml, 65_536).Articles).toEqual({
			item: [
				{ Title: 'A', Description: 'a', PicUrl: 'http://p/a', Url: 'http://u/a' },
				{ Title: 'B', Url: 'http://u/b' },
			],
		});
	});

	test('news limits: OA 1 article to a user message, 8 to an event; WeCom 8', () => {
		const articles = (count: number) => Array.from({ length: count }, (_, i) => ({ title: `t${i}` }));
		expect(() => buildReplyXml('news', { articles: articles(2) }, { ...OA, incomingMsgType: 'text' })).toThrow(
			/only 1 article/,
		);
		expect(() => buildReplyXml('news', { articles: articles(2) }, OA)).toThrow(/only 1 article/);
		expect(buildReplyXml('news', { articles: articles(1) }, OA)).toContain('<ArticleCount>1</ArticleCount>');
		expect(buildReplyXml('news', { articles: articles(8) }, { ...OA, incomingMsgType: 'event' })).toContain(
			'<ArticleCount>8</ArticleCount>',
		);
		expect(() => buildReplyXml('news', { articles: articles(9) }, { ...OA, incomingMsgType: 'event' })).toThrow(
			/at most 8/,
		);
		expect(buildReplyXml('news', { articles: articles(8) }, WECOM)).toContain('<ArticleCount>8</ArticleCount>');
		expect(() => buildReplyXml('news', { articles: articles(9) }, WECOM)).toThrow(/at most 8/);
		expect(() => buildReplyXml('news', { articles: [] }, WECOM)).toThrow(/needs an article/);
	});

	test('transfer_customer_service (OA), to anyone or to one account', () => {
		expect(buildReplyXml('transfer_customer_service', {}, OA)).toBe(`${header(OA, 'transfer_customer_service')}</xml>`);
		expect(buildReplyXml('transfer_customer_service', { kfAccount: 'test1@test' }, OA)).toBe(
			`${header(OA, 'transfer_customer_service')}<TransInfo><KfAccount><![CDATA[test1@test]]></KfAccount></TransInfo></xml>`,
		);
	});

	test('update_button (WeCom)', () => {
		expect(buildReplyXml('update_button', { replaceName: '已处理' }, WECOM)).toBe(
			`${header(WECOM, 'update_button')}<Button><ReplaceName><![CDATA[已处理]]></ReplaceName></Button></xml>`,
		);
	});

	test.each<[string, () => string, RegExp]>([
		['music on WeCom', () => buildReplyXml('music', { thumbMediaId: 'x' }, WECOM), /Official Accounts only/],
		[
			'transfer_customer_service on WeCom',
			() => buildReplyXml('transfer_customer_service', {}, WECOM),
			/Official Accounts only/,
		],
		['update_button on an OA', () => buildReplyXml('update_button', { replaceName: 'x' }, OA), /WeCom only/],
		['empty text', () => buildReplyXml('text', { content: '  ' }, OA), /content is required/],
		['WeCom text over 2048 bytes', () => buildReplyXml('text', { content: '中'.repeat(683) }, WECOM), /2048 bytes/],
		['an image without mediaId', () => buildReplyXml('image', { mediaId: '' }, OA), /mediaId/],
		['music without thumbMediaId', () => buildReplyXml('music', { thumbMediaId: '' }, OA), /thumbMediaId/],
		['an article without title', () => buildReplyXml('news', { articles: [{ title: '' }] }, OA), /article title/],
		['no toUser', () => buildReplyXml('text', { content: 'x' }, { ...OA, toUser: '' }), /toUser/],
		[
			'a fractional createTime',
			() => buildReplyXml('text', { content: 'x' }, { ...OA, createTime: 1.5 }),
			/createTime/,
		],
		['an unknown kind', () => buildReplyXml('toString' as 'text', { content: 'x' }, OA), /unknown reply type/],
	])('refuses %s', (_label, build, message) => {
		expect(build).toThrow(ReplyError);
		expect(build).toThrow(message);
	});

	test('a refusal names the reply field at fault and how to fix it', () => {
		const refusal = (build: () => string) => {
			try {
				build();
			} catch (error) {
				return error instanceof ReplyError ? { field: error.field, fix: error.fix } : undefined;
			}
			return undefined;
		};
		const two = [{ title: 'a' }, { title: 'b' }];
		expect(refusal(() => buildReplyXml('news', { articles: two }, { ...OA, incomingMsgType: 'text' }))).toEqual({
			field: 'articles',
			fix: expect.stringMatching(/one article/),
		});
		expect(refusal(() => buildReplyXml('text', { content: '中'.repeat(683) }, WECOM))).toEqual({
			field: 'content',
			fix: expect.stringMatching(/Shorten/),
		});
		expect(refusal(() => buildReplyXml('news', { articles: [{ title: '' }] }, OA))?.field).toBe('articles');
		expect(refusal(() => buildReplyXml('image', { mediaId: '' }, OA))?.field).toBe('mediaId');
	});

	test('WeCom text of exactly 2048 bytes is fine', () => {
		expect(buildReplyXml('text', { content: '中'.repeat(682) + 'ab' }, WECOM)).toContain('<Content>');
	});
});

describe('encryptReply', () => {
	const reply = buildReplyXml('text', { content: '收到 ]]> 🎉' }, WECOM);

	test('Tencent verifies the signature and decrypts the reply', () => {
		const envelope = parseMessage(
			encryptReply(reply, { token: TOKEN, key: KEY, receiveId: CORP_ID, timestamp: TIMESTAMP, nonce: NONCE }),
			65_536,
		);
		expect(Object.keys(envelope)).toEqual(['Encrypt', 'MsgSignature', 'TimeStamp', 'Nonce']);
		expect(envelope).toMatchObject({ TimeStamp: TIMESTAMP, Nonce: NONCE });
		const encrypt = envelope.Encrypt as string;
		expect(envelope.MsgSignature).toBe(tencent.getSignature(TOKEN, TIMESTAMP, NONCE, encrypt));
		expect(tencent.decrypt(ENCODING_AES_KEY, encrypt)).toMatchObject({ message: reply, id: CORP_ID });
	});

	test('our own inbound accepts it as a WeCom message (the same rules both ways)', () => {
		const xml = encryptReply(reply, { token: TOKEN, key: KEY, receiveId: CORP_ID, timestamp: TIMESTAMP, nonce: NONCE });
		const envelope = parseMessage(xml, 65_536);
		const result = inbound({
			platform: 'wecom',
			query: { msg_signature: envelope.MsgSignature, timestamp: TIMESTAMP, nonce: NONCE },
			rawBody: Buffer.from(xml),
			token: TOKEN,
			encodingAesKey: ENCODING_AES_KEY,
			receiveId: CORP_ID,
			timestampWindowSeconds: 0,
		});
		expect(result).toMatchObject({ ok: true, message: { Content: '收到 ]]> 🎉', MsgType: 'text' } });
	});

	test('the timestamp must be canonical whole seconds, since WeChat signs the digits it reads', () => {
		const options = { token: TOKEN, key: KEY, receiveId: CORP_ID, nonce: NONCE };
		for (const timestamp of ['0123', '12.5', '-1', '', '1e9', 1.5]) {
			expect(() => encryptReply(reply, { ...options, timestamp })).toThrow(/whole seconds/);
		}
		expect(() => encryptReply(reply, { ...options, timestamp: TIMESTAMP, nonce: '' })).toThrow(/nonce/);
	});
});
