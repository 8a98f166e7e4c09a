import { startEmulator, type Emulator, type LoggedPush } from '../../emulator';
import { AES_KEY, CORP_ID, FakeTrigger, field, OA_TEXT, openEncrypted, sha1, TOKEN, WECOM_TEXT } from './callback-fake-trigger';
import { http, postJson } from './helpers';
import { FOLLOWERS, OA, oaCall, oaNews, oaToken, OTHER_OA, sendTemplate } from './oa-helpers';

/** OA events pushed to a configured callback target, and the control routes the out-of-process suites use. */
describe('emulator: callback pushes of OA events, control routes', () => {
	let emulator: Emulator;
	let trigger: FakeTrigger;
	let token: string;

	beforeAll(async () => {
		emulator = await startEmulator({ oaAccounts: [OA, OTHER_OA] });
		trigger = await FakeTrigger.start();
	});
	afterAll(async () => {
		await emulator.close();
		await trigger.close();
	});
	beforeEach(async () => {
		emulator.reset();
		emulator.callbacks.configureOa(OA.appId, null);
		emulator.callbacks.configureOa(OTHER_OA.appId, null);
		trigger.received.length = 0;
		trigger.responder = () => ({ body: 'success' });
		token = await oaToken(emulator);
	});

	const control = (path: string, body?: unknown): ReturnType<typeof http> =>
		body === undefined ? http('POST', `${emulator.url}/__emulator/${path}`) : postJson(emulator, `/__emulator/${path}`, body);
	const getJson = async (path: string): Promise<unknown> => JSON.parse((await http('GET', `${emulator.url}/__emulator/${path}`)).bytes.toString('utf8')) as unknown;

	it('a template send with a safe-mode target configured results in a TEMPLATESENDJOBFINISH push, without delaying the API answer', async () => {
		emulator.callbacks.configureOa(OA.appId, { url: trigger.url, token: TOKEN, encodingAesKey: AES_KEY, mode: 'safe' });
		trigger.responder = () => ({ body: 'success', delayMs: 300 });
		const sent = await sendTemplate(emulator, token);
		expect(sent.json.errcode).toBe(0);
		// The API has answered while the trigger is still sitting on the push.
		expect(emulator.callbacks.log()).toEqual([]);
		await emulator.callbacks.idle();
		const [request] = trigger.received;
		expect(request.query).toMatchObject({ openid: FOLLOWERS[0], encrypt_type: 'aes' });
		expect(field(request.body, 'ToUserName')).toBe('gh_test_oa');
		const opened = openEncrypted(request);
		expect(opened).toMatchObject({ signatureOk: true, id: OA.appId });
		expect(field(opened.message, 'Event')).toBe('TEMPLATESENDJOBFINISH');
		expect(field(opened.message, 'MsgID')).toBe(String(sent.json.msgid));
		expect(field(opened.message, 'Status')).toBe('success');
		expect(field(opened.message, 'FromUserName')).toBe(FOLLOWERS[0]);
		const log = emulator.callbacks.log();
		expect(log).toEqual([expect.objectContaining({ seq: expect.any(Number), source: 'event', appId: OA.appId, event: 'TEMPLATESENDJOBFINISH', mode: 'safe', answer: { kind: 'success', problems: [] } })]);
	});

	it('a finished mpnews mass job is pushed as MASSSENDJOBFINISH with its nested result lists (plain mode by default)', async () => {
		emulator.callbacks.configureOa(OA.appId, { url: trigger.url, token: TOKEN });
		const news = await oaNews(emulator, token, ['第一篇', '第二篇']);
		const sent = await oaCall(emulator, '/cgi-bin/message/mass/sendall', token, { filter: { is_to_all: true }, msgtype: 'mpnews', mpnews: { media_id: news }, send_ignore_reprint: 0 });
		expect(sent.json.errcode).toBe(0);
		await emulator.callbacks.idle();
		const [request] = trigger.received;
		expect(request.query.signature).toBe(sha1(TOKEN, request.query.timestamp, request.query.nonce));
		expect(request.query.encrypt_type).toBeUndefined();
		expect(field(request.body, 'Event')).toBe('MASSSENDJOBFINISH');
		expect(field(request.body, 'MsgID')).toBe(String(sent.json.msg_id));
		expect(request.body).toMatch(/<ArticleUrlResult><Count>2<\/Count><ResultList><item><ArticleIdx>1<\/ArticleIdx><ArticleUrl><!\[CDATA\[[^\]]+\]\]><\/ArticleUrl><\/item><item><ArticleIdx>2<\/ArticleIdx>/);
		expect(request.body).toContain('<CopyrightCheckResult><Count>');
	});

	it('pushes nothing without a target, only the configured account\'s events, and stops when removed', async () => {
		await sendTemplate(emulator, token);
		emulator.callbacks.configureOa(OTHER_OA.appId, { url: trigger.url, token: TOKEN });
		await sendTemplate(emulator, token);
		emulator.callbacks.configureOa(OA.appId, { url: trigger.url, token: TOKEN });
		await sendTemplate(emulator, token);
		emulator.callbacks.configureOa(OA.appId, null);
		await sendTemplate(emulator, token);
		await emulator.callbacks.idle();
		expect(trigger.received).toHaveLength(1);
		expect(emulator.oaEvents(OA.appId)).toHaveLength(4);
	});

	it('records a trigger\'s refusal or silence in the log, and reset() clears the log but keeps the target', async () => {
		emulator.callbacks.configureOa(OA.appId, { url: trigger.url, token: TOKEN, timeoutMs: 100, tries: 2 });
		trigger.responder = () => ({ body: 'late', delayMs: 300 });
		await sendTemplate(emulator, token);
		await emulator.callbacks.idle();
		const [record] = emulator.callbacks.log({ appId: OA.appId });
		expect(record.attempts.map((attempt) => attempt.timedOut)).toEqual([true, true]);
		expect(record.answer.kind).toBe('invalid');
		emulator.reset();
		expect(emulator.callbacks.log()).toEqual([]);
		expect(emulator.callbacks.oaTargets()).toEqual([{ appId: OA.appId, url: trigger.url, mode: 'plain', timeoutMs: 100, tries: 2 }]);
	});

	it('refuses a target that could not work: another host, a safe mode without key', () => {
		expect(() => emulator.callbacks.configureOa(OA.appId, { url: 'http://10.0.0.1/hook', token: TOKEN })).toThrow('this machine');
		expect(() => emulator.callbacks.configureOa(OA.appId, { url: trigger.url, token: TOKEN, mode: 'safe' })).toThrow('encodingAesKey');
		expect(emulator.callbacks.oaTargets()).toEqual([]);
	});

	it('control: POST callbacks/oa configures (400 on bad input), GET callbacks/oa lists without secrets, url null removes', async () => {
		const configured = await control('callbacks/oa', { appId: OA.appId, url: trigger.url, token: TOKEN, encodingAesKey: AES_KEY, mode: 'compatible' });
		expect(configured.status).toBe(200);
		expect(await getJson('callbacks/oa')).toEqual([{ appId: OA.appId, url: trigger.url, mode: 'compatible' }]);
		await sendTemplate(emulator, token);
		expect((await control('callbacks/idle')).status).toBe(200);
		expect(trigger.received).toHaveLength(1);
		expect(openEncrypted(trigger.received[0]).id).toBe(OA.appId);
		const logged = (await getJson('callbacks/log?source=event')) as LoggedPush[];
		expect(logged).toHaveLength(1);
		expect(logged[0]).toMatchObject({ source: 'event', event: 'TEMPLATESENDJOBFINISH', answer: { kind: 'success' } });
		expect((await control('callbacks/oa', { appId: OA.appId, url: trigger.url, token: TOKEN, mode: 'loud' })).json.error).toContain('mode must be one of');
		expect((await control('callbacks/oa', { appId: OA.appId, url: 'http://192.168.1.2/', token: TOKEN })).status).toBe(400);
		expect((await control('callbacks/oa', { url: trigger.url })).status).toBe(400);
		expect((await control('callbacks/oa', { appId: OA.appId, url: null })).status).toBe(200);
		expect(await getJson('callbacks/oa')).toEqual([]);
		expect((await control('callbacks/log/clear')).status).toBe(200);
		expect(await getJson('callbacks/log')).toEqual([]);
	});

	it('control: POST callbacks/push answers the push record once the trigger has answered', async () => {
		trigger.responder = () => ({ body: 'success', delayMs: 100 });
		const pushed = await control('callbacks/push', { platform: 'wecom', url: trigger.url, token: TOKEN, encodingAesKey: AES_KEY, receiveId: CORP_ID, message: WECOM_TEXT, timeoutMs: 2000 });
		expect(pushed.status).toBe(200);
		expect(pushed.json).toMatchObject({ seq: expect.any(Number), source: 'push', platform: 'wecom', mode: 'safe', answer: { kind: 'success', problems: [] } });
		expect(pushed.json.attempts).toEqual([{ status: 200, ms: expect.any(Number), body: 'success', timedOut: false }]);
		expect(openEncrypted(trigger.received[0])).toMatchObject({ signatureOk: true, id: CORP_ID });
		expect(((await getJson('callbacks/log?source=push')) as LoggedPush[]).map((record) => record.seq)).toEqual([pushed.json.seq]);
		const xml = await control('callbacks/push', { platform: 'oa', url: trigger.url, token: TOKEN, message: '<xml><Content>raw</Content></xml>', tries: 1 });
		expect(xml.json).toMatchObject({ mode: 'plain', request: { body: '<xml><Content>raw</Content></xml>' } });
		expect((await control('callbacks/push', { platform: 'oa', url: trigger.url, token: TOKEN, message: OA_TEXT, tries: 'three' })).json.error).toBe('tries must be an integer');
		expect((await control('callbacks/push', { platform: 'oa', url: trigger.url, token: TOKEN })).json.error).toContain('message must be');
		expect((await control('callbacks/push', { platform: 'wecom', url: trigger.url, token: TOKEN, message: WECOM_TEXT })).json.error).toContain('encodingAesKey');
		expect((await control('callbacks/push', { platform: 'qq', url: trigger.url, token: TOKEN, message: OA_TEXT })).status).toBe(400);
	});

	it('control: POST callbacks/verify runs the URL verification', async () => {
		trigger.responder = ({ query }) => ({ body: query.echostr });
		const verified = await control('callbacks/verify', { platform: 'oa', url: trigger.url, token: TOKEN, echostr: '42' });
		expect(verified.json).toMatchObject({ platform: 'oa', status: 200, body: '42', ok: true });
		expect(trigger.received[0].query.signature).toBe(sha1(TOKEN, trigger.received[0].query.timestamp, trigger.received[0].query.nonce));
		expect((await control('callbacks/verify', { platform: 'oa', url: 'http://example.com/', token: TOKEN })).status).toBe(400);
	});

	it('close() aborts a push in flight instead of waiting for the trigger', async () => {
		const local = await startEmulator();
		trigger.responder = () => ({ body: 'success', delayMs: 3000 });
		const pending = local.callbacks.push({ platform: 'oa', url: trigger.url, token: TOKEN, message: OA_TEXT });
		await trigger.waitFor(1);
		const started = Date.now();
		await local.close();
		expect(Date.now() - started).toBeLessThan(1000);
		expect((await pending).attempts).toEqual([{ status: 0, ms: expect.any(Number), body: '', timedOut: false, error: 'aborted' }]);
	});
});
