import { decrypt } from '@wecom/crypto';
import { pushCallback } from '../../emulator';
import { AES_KEY, CORP_ID, FakeTrigger, field, OA_APP_ID, OA_GH_ID, OA_TEXT, openEncrypted, sha1, TOKEN, WECOM_TEXT } from './callback-fake-trigger';

/** What arrives at a trigger in each mode: query, body, signatures, ciphertext (checked with node:crypto and @wecom/crypto). */
describe('emulator: callback pusher, what arrives', () => {
	let trigger: FakeTrigger;

	beforeAll(async () => {
		trigger = await FakeTrigger.start();
	});
	afterAll(() => trigger.close());
	beforeEach(() => {
		trigger.received.length = 0;
		trigger.responder = () => ({ body: 'success' });
	});

	const OA_PLAIN_XML =
		'<xml><ToUserName><![CDATA[gh_cb_oa]]></ToUserName><FromUserName><![CDATA[o_user_1]]></FromUserName><CreateTime>1700000000</CreateTime>' +
		'<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[你好]]></Content><MsgId>23456789012345678901</MsgId></xml>';

	it('OA plain: signature over (token, timestamp, nonce), openid = FromUserName, the XML as WeChat writes it', async () => {
		const record = await pushCallback({ url: trigger.url, platform: 'oa', mode: 'plain', token: TOKEN, message: OA_TEXT });
		const [request] = trigger.received;
		expect(request.method).toBe('POST');
		expect(request.headers['content-type']).toBe('text/xml');
		expect(Object.keys(request.query)).toEqual(['signature', 'timestamp', 'nonce', 'openid']);
		const { signature, timestamp, nonce, openid } = request.query;
		expect(signature).toBe(sha1(TOKEN, timestamp, nonce));
		expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(5);
		expect(nonce).toMatch(/^\d+$/);
		expect(openid).toBe('o_user_1');
		expect(request.body).toBe(OA_PLAIN_XML);
		expect(record).toMatchObject({ platform: 'oa', mode: 'plain', request: { body: OA_PLAIN_XML, plaintext: OA_PLAIN_XML }, answer: { kind: 'success', problems: [] } });
		expect(record.attempts).toEqual([{ status: 200, ms: expect.any(Number), body: 'success', timedOut: false }]);
	});

	it('OA plain: given timestamp and nonce give the published signature (wechatpy vector)', async () => {
		await pushCallback({ url: trigger.url, platform: 'oa', token: 'test', timestamp: 1410685589, nonce: 'test', message: OA_TEXT });
		expect(trigger.received[0].query).toMatchObject({ signature: 'f21891de399b4e33a1a93c9a7b8a8fffb5a443ff', timestamp: '1410685589', nonce: 'test' });
	});

	it('OA compatible: the plaintext fields and <Encrypt>, encrypt_type=aes and a msg_signature over Encrypt', async () => {
		await pushCallback({ url: trigger.url, platform: 'oa', mode: 'compatible', token: TOKEN, encodingAesKey: AES_KEY, receiveId: OA_APP_ID, message: OA_TEXT });
		const [request] = trigger.received;
		expect(Object.keys(request.query)).toEqual(['signature', 'timestamp', 'nonce', 'openid', 'encrypt_type', 'msg_signature']);
		expect(request.query.signature).toBe(sha1(TOKEN, request.query.timestamp, request.query.nonce));
		expect(request.query.encrypt_type).toBe('aes');
		expect(field(request.body, 'Content')).toBe('你好');
		expect(field(request.body, 'MsgId')).toBe('23456789012345678901');
		expect(request.body.startsWith(OA_PLAIN_XML.slice(0, -'</xml>'.length))).toBe(true);
		const opened = openEncrypted(request);
		expect(opened).toEqual({ signatureOk: true, message: OA_PLAIN_XML, id: OA_APP_ID });
	});

	it('OA safe: only ToUserName and Encrypt in the body; decrypts to the message for the appId', async () => {
		const record = await pushCallback({ url: trigger.url, platform: 'oa', mode: 'safe', token: TOKEN, encodingAesKey: AES_KEY, receiveId: OA_APP_ID, message: OA_TEXT });
		const [request] = trigger.received;
		expect(Object.keys(request.query)).toEqual(['signature', 'timestamp', 'nonce', 'openid', 'encrypt_type', 'msg_signature']);
		const ciphertext = field(request.body, 'Encrypt') ?? '';
		expect(request.body).toBe(`<xml><ToUserName><![CDATA[${OA_GH_ID}]]></ToUserName><Encrypt><![CDATA[${ciphertext}]]></Encrypt></xml>`);
		expect(Buffer.from(ciphertext, 'base64').length % 32).toBe(0);
		expect(openEncrypted(request)).toEqual({ signatureOk: true, message: OA_PLAIN_XML, id: OA_APP_ID });
		expect(record.request.plaintext).toBe(OA_PLAIN_XML);
	});

	it('WeCom: msg_signature, timestamp, nonce only; ToUserName, Encrypt and AgentID; decrypts for the corpId', async () => {
		await pushCallback({ url: trigger.url, platform: 'wecom', token: TOKEN, encodingAesKey: AES_KEY, receiveId: CORP_ID, message: WECOM_TEXT });
		const [request] = trigger.received;
		expect(Object.keys(request.query)).toEqual(['msg_signature', 'timestamp', 'nonce']);
		const ciphertext = field(request.body, 'Encrypt') ?? '';
		expect(request.body).toBe(`<xml><ToUserName><![CDATA[${CORP_ID}]]></ToUserName><Encrypt><![CDATA[${ciphertext}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`);
		const opened = openEncrypted(request);
		expect(opened.signatureOk).toBe(true);
		expect(opened.id).toBe(CORP_ID);
		expect(field(opened.message, 'Content')).toBe('请帮我查一下日报');
		expect(field(opened.message, 'AgentID')).toBe('1000002');
	});

	it('writes nested objects and lists as nested and repeated elements, and splits "]]>" inside CDATA', async () => {
		const message = {
			...OA_TEXT,
			MsgType: 'event',
			Event: 'pic_weixin',
			EventKey: 'k]]>x',
			SendPicsInfo: { Count: 2, PicList: { item: [{ PicMd5Sum: 'aaa' }, { PicMd5Sum: 'bbb' }] } },
			Content: undefined,
			MsgId: null,
		};
		const record = await pushCallback({ url: trigger.url, platform: 'oa', mode: 'safe', token: TOKEN, encodingAesKey: AES_KEY, receiveId: OA_APP_ID, message });
		const plaintext = decrypt(AES_KEY, field(trigger.received[0].body, 'Encrypt') ?? '').message;
		expect(plaintext).toBe(record.request.plaintext);
		expect(plaintext).toContain('<EventKey><![CDATA[k]]]]><![CDATA[>x]]></EventKey>');
		expect(plaintext).toContain('<SendPicsInfo><Count>2</Count><PicList><item><PicMd5Sum><![CDATA[aaa]]></PicMd5Sum></item><item><PicMd5Sum><![CDATA[bbb]]></PicMd5Sum></item></PicList></SendPicsInfo>');
		expect(plaintext).not.toContain('<Content>');
		expect(plaintext).not.toContain('<MsgId>');
	});

	it('sends a ready XML string as is (plain) or encrypted as is (safe), even a malformed one', async () => {
		const hostile = '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x "boom">]><xml><ToUserName>gh_cb_oa</ToUserName><Content>&x;</Content></xml>';
		await pushCallback({ url: trigger.url, platform: 'oa', token: TOKEN, message: hostile });
		expect(trigger.received[0].body).toBe(hostile);
		expect(trigger.received[0].query.openid).toBeUndefined();
		await pushCallback({ url: trigger.url, platform: 'wecom', token: TOKEN, encodingAesKey: AES_KEY, receiveId: CORP_ID, message: '<xml>not closed' });
		expect(field(trigger.received[1].body, 'ToUserName')).toBe(CORP_ID);
		expect(openEncrypted(trigger.received[1]).message).toBe('<xml>not closed');
	});

	it('refuses options WeChat could not have: another host, a plaintext WeCom mode, a bad key, no receiveId, tries out of range', async () => {
		const base = { platform: 'oa' as const, token: TOKEN, message: OA_TEXT };
		await expect(pushCallback({ ...base, url: 'http://example.com/webhook' })).rejects.toThrow('must point at this machine');
		await expect(pushCallback({ ...base, url: 'file:///etc/passwd' })).rejects.toThrow('http(s)');
		await expect(pushCallback({ url: trigger.url, platform: 'wecom', mode: 'compatible', token: TOKEN, encodingAesKey: AES_KEY, receiveId: CORP_ID, message: WECOM_TEXT })).rejects.toThrow('always encrypted');
		await expect(pushCallback({ ...base, url: trigger.url, mode: 'safe', encodingAesKey: 'short', receiveId: OA_APP_ID })).rejects.toThrow('43 base64');
		await expect(pushCallback({ ...base, url: trigger.url, mode: 'safe', encodingAesKey: AES_KEY })).rejects.toThrow('receiveId');
		await expect(pushCallback({ ...base, url: trigger.url, tries: 0 })).rejects.toThrow('tries');
		await expect(pushCallback({ ...base, url: trigger.url, tries: 11 })).rejects.toThrow('tries');
		expect(trigger.received).toHaveLength(0);
	});
});
