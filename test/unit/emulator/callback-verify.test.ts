import { decrypt } from '@wecom/crypto';
import { verifyCallbackUrl } from '../../emulator';
import { AES_KEY, CORP_ID, FakeTrigger, sha1, TOKEN, type Received } from './callback-fake-trigger';

/** The GET WeChat sends when the URL is saved: OA echoes echostr verbatim, WeCom decrypts it first. */
describe('emulator: callback URL verification', () => {
	let trigger: FakeTrigger;

	beforeAll(async () => {
		trigger = await FakeTrigger.start();
	});
	afterAll(() => trigger.close());
	beforeEach(() => {
		trigger.received.length = 0;
	});

	/** What a correct OA trigger does: check signature, echo. */
	const oaTrigger = ({ query }: Received): { status: number; body: string } =>
		query.signature === sha1(TOKEN, query.timestamp, query.nonce) ? { status: 200, body: query.echostr } : { status: 401, body: 'bad signature' };

	/** What a correct WeCom trigger does: check msg_signature over echostr, decrypt, answer the plaintext. */
	const weComTrigger = ({ query }: Received): { status: number; body: string } => {
		if (query.msg_signature !== sha1(TOKEN, query.timestamp, query.nonce, query.echostr)) return { status: 401, body: 'bad signature' };
		const { message, id } = decrypt(AES_KEY, query.echostr);
		return id === CORP_ID ? { status: 200, body: message } : { status: 401, body: 'wrong corp' };
	};

	it('OA: signature, timestamp, nonce, a plaintext echostr; a trigger echoing it passes', async () => {
		trigger.responder = oaTrigger;
		const result = await verifyCallbackUrl({ url: trigger.url, platform: 'oa', token: TOKEN });
		const [request] = trigger.received;
		expect(request.method).toBe('GET');
		expect(request.body).toBe('');
		expect(Object.keys(request.query)).toEqual(['signature', 'timestamp', 'nonce', 'echostr']);
		expect(request.query.echostr).toMatch(/^\d{19}$/);
		expect(result).toMatchObject({ platform: 'oa', status: 200, body: request.query.echostr, expected: request.query.echostr, ok: true, problems: [], timedOut: false });
	});

	it('OA: a wrong token fails (401), an echo with a newline or quotes fails', async () => {
		trigger.responder = oaTrigger;
		expect(await verifyCallbackUrl({ url: trigger.url, platform: 'oa', token: 'wrong' })).toMatchObject({ status: 401, ok: false, problems: ['HTTP 401'] });
		trigger.responder = ({ query }) => ({ body: `${query.echostr}\n` });
		expect((await verifyCallbackUrl({ url: trigger.url, platform: 'oa', token: TOKEN })).problems).toEqual(['the echostr came back with a BOM, quotes or whitespace around it']);
		trigger.responder = ({ query }) => ({ body: JSON.stringify(query.echostr) });
		expect((await verifyCallbackUrl({ url: trigger.url, platform: 'oa', token: TOKEN, echostr: 'abc' })).ok).toBe(false);
	});

	it('WeCom: msg_signature over the encrypted echostr (URL-encoded +/=); a trigger answering the plaintext passes', async () => {
		trigger.responder = weComTrigger;
		const result = await verifyCallbackUrl({ url: trigger.url, platform: 'wecom', token: TOKEN, encodingAesKey: AES_KEY, receiveId: CORP_ID, echostr: '1616140317555161061' });
		const [request] = trigger.received;
		expect(Object.keys(request.query)).toEqual(['msg_signature', 'timestamp', 'nonce', 'echostr']);
		expect(decrypt(AES_KEY, request.query.echostr)).toMatchObject({ message: '1616140317555161061', id: CORP_ID });
		expect(result.url).not.toMatch(/echostr=[^&]*[+/=]/);
		expect(result).toMatchObject({ platform: 'wecom', status: 200, body: '1616140317555161061', expected: '1616140317555161061', ok: true });
	});

	it('WeCom: a trigger echoing the ciphertext, or using another corpId, fails', async () => {
		trigger.responder = ({ query }) => ({ body: query.echostr });
		expect((await verifyCallbackUrl({ url: trigger.url, platform: 'wecom', token: TOKEN, encodingAesKey: AES_KEY, receiveId: CORP_ID })).problems).toEqual([
			'the encrypted echostr came back; WeCom expects the decrypted plaintext',
		]);
		trigger.responder = weComTrigger;
		expect(await verifyCallbackUrl({ url: trigger.url, platform: 'wecom', token: TOKEN, encodingAesKey: AES_KEY, receiveId: 'ww_other' })).toMatchObject({ status: 401, ok: false });
	});

	it('one try only, with its timeout; WeCom needs the key and corpId', async () => {
		trigger.responder = () => ({ body: 'late', delayMs: 500 });
		const result = await verifyCallbackUrl({ url: trigger.url, platform: 'oa', token: TOKEN, timeoutMs: 100 });
		expect(result).toMatchObject({ status: 0, timedOut: true, ok: false, problems: ['no answer within 100 ms'] });
		expect(trigger.received).toHaveLength(1);
		await expect(verifyCallbackUrl({ url: trigger.url, platform: 'wecom', token: TOKEN })).rejects.toThrow('encodingAesKey');
	});
});
