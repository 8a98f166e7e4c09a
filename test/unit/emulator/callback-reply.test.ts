import { pushCallback, type PushOptions } from '../../emulator';
import { AES_KEY, CORP_ID, FakeTrigger, OA_APP_ID, OA_GH_ID, OA_TEXT, sealReply, textReply, TOKEN, WECOM_TEXT, type Answer } from './callback-fake-trigger';

/** wechatpy tests/test_crypto.py test_encrypt_message (random string mocked): the envelope byte for byte. */
const WECHATPY_REPLY = {
	token: '123456',
	encodingAesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
	receiveId: 'wx49f0ab532d5d035a',
	plaintext: '<xml>\n<MsgType><![CDATA[text]]></MsgType>\n<Content><![CDATA[test]]></Content>\n<FromUserName><![CDATA[wx49f0ab532d5d035a]]></FromUserName>\n<ToUserName><![CDATA[messense]]></ToUserName>\n<AgentID>1</AgentID>\n<CreateTime>1411525903</CreateTime>\n</xml>',
	envelope: '<xml>\n<Encrypt><![CDATA[9s4gMv99m88kKTh/H8IdkOiMg6bisoy3ypwy9H4hvSPe9nsGaqyw5hhSjdYbcrKk+j3nba4HMOTzHrluLBYqxgNcBqGsL8GqxlhZgURnAtObvesEl5nZ+uBE8bviY0LWke8Zy9V/QYKxNV2FqllNXcfmstttyIkMKCCmVbCFM2JTF5wY0nFhHZSjPUL2Q1qvSUCUld+/WIXrx0oyKQmpB6o8NRrrNrsDf03oxI1p9FxUgMnwKKZeOA/uu+2IEvEBtb7muXsVbwbgX05UPPJvFurDXafG0RQyPR+mf1nDnAtQmmNOuiR5MIkdQ39xn1vWwi1O5oazPoQJz0nTYjxxEE8kv3kFxtAGVRe3ypD3WeK2XeFYFMNMpatF9XiKzHo3]]></Encrypt>\n<MsgSignature><![CDATA[407518b7649e86ef23978113f92d27afa9296533]]></MsgSignature>\n<TimeStamp>1411525903</TimeStamp>\n<Nonce><![CDATA[461056294]]></Nonce>\n</xml>',
};

/** How the pusher judges a trigger's answer, as WeChat would: no reply, a valid passive reply, or a refusal. */
describe('emulator: callback pusher, judging the answer', () => {
	let trigger: FakeTrigger;

	beforeAll(async () => {
		trigger = await FakeTrigger.start();
	});
	afterAll(() => trigger.close());
	beforeEach(() => {
		trigger.received.length = 0;
	});

	const OA_SAFE: Omit<PushOptions, 'url'> = { platform: 'oa', mode: 'safe', token: TOKEN, encodingAesKey: AES_KEY, receiveId: OA_APP_ID, message: OA_TEXT };
	const WECOM: Omit<PushOptions, 'url'> = { platform: 'wecom', token: TOKEN, encodingAesKey: AES_KEY, receiveId: CORP_ID, message: WECOM_TEXT };
	const OA_REPLY = textReply('o_user_1', OA_GH_ID, '你好呀');

	const answerWith = async (answer: Answer, options: Omit<PushOptions, 'url'> = OA_SAFE): ReturnType<typeof pushCallback> => {
		trigger.responder = () => answer;
		return pushCallback({ ...options, url: trigger.url });
	};

	it('an empty body and "success" mean no reply, in every mode', async () => {
		expect((await answerWith({ body: '' })).answer).toEqual({ kind: 'empty', problems: [] });
		expect((await answerWith({ body: 'success' }, WECOM)).answer).toEqual({ kind: 'success', problems: [] });
		expect((await answerWith({ body: 'success' }, { ...OA_SAFE, mode: 'plain' })).answer.kind).toBe('success');
	});

	it('OA safe: an encrypted passive reply is verified, decrypted and parsed', async () => {
		const { answer } = await answerWith({ body: sealReply(OA_REPLY, OA_APP_ID) });
		expect(answer).toEqual({
			kind: 'reply',
			xml: OA_REPLY,
			reply: { ToUserName: 'o_user_1', FromUserName: OA_GH_ID, CreateTime: '1700000000', MsgType: 'text', Content: '你好呀' },
			encrypted: true,
			signatureValid: true,
			receiveIdValid: true,
			problems: [],
		});
	});

	it('WeCom: accepts the envelope exactly as wechatpy writes it (published vector)', async () => {
		const vector = WECHATPY_REPLY;
		const message = { ToUserName: vector.receiveId, FromUserName: 'messense', CreateTime: 1411525903, MsgType: 'text', Content: 'hi', MsgId: '1', AgentID: 1 };
		const options = { platform: 'wecom' as const, token: vector.token, encodingAesKey: vector.encodingAesKey, receiveId: vector.receiveId, message };
		const { answer } = await answerWith({ body: vector.envelope }, options);
		expect(answer).toMatchObject({ kind: 'reply', xml: vector.plaintext, signatureValid: true, receiveIdValid: true, problems: [] });
		expect(answer.reply).toMatchObject({ MsgType: 'text', Content: 'test', ToUserName: 'messense', AgentID: '1' });
	});

	it('plain mode: a plaintext reply; compatible mode: plaintext or encrypted', async () => {
		const plain = await answerWith({ body: OA_REPLY }, { ...OA_SAFE, mode: 'plain' });
		expect(plain.answer).toMatchObject({ kind: 'reply', xml: OA_REPLY, encrypted: false, reply: { Content: '你好呀' }, problems: [] });
		expect(plain.answer.signatureValid).toBeUndefined();
		expect((await answerWith({ body: OA_REPLY }, { ...OA_SAFE, mode: 'compatible' })).answer).toMatchObject({ kind: 'reply', encrypted: false });
		expect((await answerWith({ body: sealReply(OA_REPLY, OA_APP_ID) }, { ...OA_SAFE, mode: 'compatible' })).answer).toMatchObject({ kind: 'reply', encrypted: true, signatureValid: true });
	});

	it('keeps news items a list, even of one', async () => {
		const news =
			'<xml><ToUserName><![CDATA[o_user_1]]></ToUserName><FromUserName><![CDATA[gh_cb_oa]]></FromUserName><CreateTime>1700000000</CreateTime>' +
			'<MsgType><![CDATA[news]]></MsgType><ArticleCount>1</ArticleCount><Articles><item><Title><![CDATA[标题]]></Title><Url><![CDATA[https://a.example/?x=1&y=2]]></Url></item></Articles></xml>';
		const { answer } = await answerWith({ body: sealReply(news, OA_APP_ID) });
		expect(answer.reply?.Articles).toEqual({ item: [{ Title: '标题', Url: 'https://a.example/?x=1&y=2' }] });
	});

	it('a tampered reply: a bad MsgSignature is reported', async () => {
		const sealed = sealReply(OA_REPLY, OA_APP_ID, { token: 'someone-elses-token' });
		const { answer } = await answerWith({ body: sealed });
		expect(answer).toMatchObject({ kind: 'invalid', encrypted: true, signatureValid: false, receiveIdValid: true, xml: OA_REPLY });
		expect(answer.problems).toEqual(['MsgSignature does not match sha1(sort(token, TimeStamp, Nonce, Encrypt))']);
	});

	it('a tampered reply: encrypted for another receiveId is reported', async () => {
		const { answer } = await answerWith({ body: sealReply(textReply('zhangsan', CORP_ID, 'hi'), 'ww_another_corp') }, WECOM);
		expect(answer).toMatchObject({ kind: 'invalid', signatureValid: true, receiveIdValid: false });
		expect(answer.problems).toEqual(['the reply is encrypted for "ww_another_corp", not "ww_cb_corp"']);
	});

	it('a reply not addressed back to the sender, or without MsgType/CreateTime, is invalid', async () => {
		const wrong = '<xml><ToUserName><![CDATA[o_someone_else]]></ToUserName><FromUserName><![CDATA[gh_cb_oa]]></FromUserName><Content>x</Content></xml>';
		const { answer } = await answerWith({ body: sealReply(wrong, OA_APP_ID) });
		expect(answer.kind).toBe('invalid');
		expect(answer.problems).toEqual(['the reply has no MsgType', 'the reply has no integer CreateTime', 'the reply\'s ToUserName is "o_someone_else", not the sender "o_user_1"']);
	});

	it('answers WeChat treats as failures: not XML, wrong envelope, wrong mode, HTTP errors, DOCTYPE, garbage ciphertext', async () => {
		const problemsOf = async (answer: Answer, options?: Omit<PushOptions, 'url'>): Promise<string> => {
			const record = await answerWith(answer, options);
			expect(record.answer.kind).toBe('invalid');
			return record.answer.problems.join(' | ');
		};
		expect(await problemsOf({ body: 'ok' })).toContain('not XML');
		expect(await problemsOf({ body: '{"reply":"hi"}' })).toContain('not XML');
		expect(await problemsOf({ body: 'success\n' })).toContain('not XML');
		expect(await problemsOf({ body: '<reply><Content>x</Content></reply>' })).toContain('root element is <reply>');
		expect(await problemsOf({ body: OA_REPLY })).toContain('a plaintext reply where WeChat expects the encrypted envelope');
		expect(await problemsOf({ body: OA_REPLY }, WECOM)).toContain('encrypted envelope');
		expect(await problemsOf({ body: sealReply(OA_REPLY, OA_APP_ID) }, { ...OA_SAFE, mode: 'plain' })).toBe('an encrypted reply to a plaintext-mode message');
		expect(await problemsOf({ body: sealReply(OA_REPLY, OA_APP_ID).replace(/<Nonce>.*<\/Nonce>/, '') })).toBe('wrong envelope: no Nonce');
		expect(await problemsOf({ body: '<xml><Encrypt><![CDATA[abc]]></Encrypt><MsgSignature>x</MsgSignature><TimeStamp>1</TimeStamp><Nonce>1</Nonce></xml>' })).toContain('not a multiple of 32');
		expect(await problemsOf({ status: 500, body: 'Internal Server Error' })).toBe('HTTP 500: WeChat takes only a 200 as an answer');
		expect(await problemsOf({ status: 401, body: 'bad signature' })).toContain('HTTP 401');
		expect(await problemsOf({ body: '<!DOCTYPE xml [<!ENTITY e "x">]><xml><Content>&e;</Content></xml>' }, { ...OA_SAFE, mode: 'plain' })).toContain('DOCTYPE');
	});
});
