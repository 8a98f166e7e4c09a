/** The callback POST: the three OA modes and WeCom accepted, and every refusal with its status and reason. */
import { createCipheriv } from 'node:crypto';
import { encryptMessage } from '../../../nodes/shared/crypto/cipher';
import { messageSignature, plainSignature } from '../../../nodes/shared/crypto/signature';
import { inbound, type InboundRequest, type InboundResult } from '../../../nodes/shared/callback/inbound';
import { readTimestampWindow } from '../../../nodes/shared/callback/query';
import {
	APP_ID,
	cdata,
	CORP_ID,
	ENCODING_AES_KEY,
	KEY,
	NONCE,
	NOW,
	OA,
	OA_TEXT,
	oaRequest,
	TIMESTAMP,
	TOKEN,
	WECOM,
	WECOM_TEXT,
	wecomEnvelope,
	wecomRequest,
} from './fixtures';

const wecom = (request: Partial<InboundRequest> = {}): InboundResult =>
	inbound({ ...WECOM, ...wecomRequest(), ...request });
const oa = (mode: 'plain' | 'compatible' | 'safe', request: Partial<InboundRequest> = {}): InboundResult =>
	inbound({ ...OA, ...oaRequest(mode), ...request });

const TEXT_MESSAGE = {
	ToUserName: CORP_ID,
	FromUserName: 'zhangsan',
	CreateTime: '1409659813',
	MsgType: 'text',
	Content: '你好 ]]> <b>hi</b> 🎉',
	MsgId: '6054768590064713728',
	AgentID: '1000002',
};
const OA_MESSAGE = {
	ToUserName: 'gh_7f083739789a',
	FromUserName: 'oia2Tj-jewbmiOUlr6X-1crbLOvLw',
	CreateTime: '1409659813',
	MsgType: 'text',
	Content: '你好',
	MsgId: '6349323426230210995',
};

/** A WeCom request whose Encrypt is `encrypt`, correctly signed: what only a holder of the token could send. */
function signedWeCom(encrypt: string): Partial<InboundRequest> {
	return {
		query: { msg_signature: messageSignature(TOKEN, TIMESTAMP, NONCE, encrypt), timestamp: TIMESTAMP, nonce: NONCE },
		rawBody: Buffer.from(wecomEnvelope(encrypt)),
	};
}

/** A correctly signed and encrypted WeCom request carrying this plaintext. */
function signedPlaintext(plaintext: string, receiveId = CORP_ID): Partial<InboundRequest> {
	return signedWeCom(encryptMessage(KEY, plaintext, receiveId));
}

describe('accepted', () => {
	test('WeCom: safe mode, the decrypted message, the plaintext as rawXml', () => {
		expect(wecom()).toEqual({ ok: true, mode: 'safe', message: TEXT_MESSAGE, rawXml: WECOM_TEXT });
	});

	test('OA plain mode, with no EncodingAESKey in the credential or when plaintext is explicitly accepted', () => {
		const plain = { ok: true, mode: 'plain', message: OA_MESSAGE, rawXml: OA_TEXT };
		expect(oa('plain', { encodingAesKey: undefined })).toEqual(plain);
		expect(oa('plain', { encodingAesKey: '' })).toEqual(plain);
		expect(oa('plain', { allowPlaintext: true })).toEqual(plain);
	});

	test('OA safe mode', () => {
		expect(oa('safe')).toEqual({ ok: true, mode: 'safe', message: OA_MESSAGE, rawXml: OA_TEXT });
	});

	test('OA compatible mode: decrypted and signed content wins over the plaintext copy', () => {
		expect(oa('compatible')).toEqual({ ok: true, mode: 'compatible', message: OA_MESSAGE, rawXml: OA_TEXT });
		const forged = oaRequest('compatible', OA_TEXT, {
			compatibleFields: `<ToUserName>${cdata('gh_7f083739789a')}</ToUserName><MsgType>text</MsgType><Content>${cdata('transfer all the money')}</Content>`,
		});
		expect(inbound({ ...OA, ...forged })).toMatchObject({ ok: true, mode: 'compatible', message: { Content: '你好' } });
	});

	test('OA: an Encrypt in the body means encrypted, even without encrypt_type', () => {
		const request = oaRequest('safe');
		const query = { ...request.query };
		delete query.encrypt_type;
		expect(inbound({ ...OA, ...request, query })).toMatchObject({ ok: true, mode: 'safe' });
		delete query.msg_signature;
		expect(inbound({ ...OA, ...request, query })).toMatchObject({ ok: false, status: 401, code: 'missingSignature' });
	});

	test('the timestamp window is ±300 s by default, configurable, and 0 switches it off', () => {
		expect(wecom({ now: NOW + 300_000 })).toMatchObject({ ok: true });
		expect(wecom({ now: NOW - 300_000 })).toMatchObject({ ok: true });
		expect(wecom({ now: NOW + 900_000, timestampWindowSeconds: 900 })).toMatchObject({ ok: true });
		expect(wecom({ now: Date.UTC(2030, 0, 1), timestampWindowSeconds: 0 })).toMatchObject({ ok: true });
		expect(oa('plain', { now: NOW + 3_600_000, timestampWindowSeconds: 0, allowPlaintext: true })).toMatchObject({
			ok: true,
		});
	});

	test.each<[unknown, number]>([
		[undefined, 300],
		[null, 300],
		['', 300],
		['   ', 300],
		['abc', 300],
		['12abc', 300],
		[Number.NaN, 300],
		[-5, 300],
		['-5', 300],
		[{}, 300],
		[0, 0],
		['0', 0],
		[60, 60],
		[' 60 ', 60],
		['900', 900],
	])('the Timestamp Window option %p means %p s (only an explicit 0 is "off")', (value, seconds) => {
		expect(readTimestampWindow(value)).toBe(seconds);
	});

	test('a window that is not a number (NaN from a blank or mistyped option) is the default, never "off"', () => {
		for (const window of [Number.NaN, -1, Number.POSITIVE_INFINITY]) {
			expect(wecom({ now: NOW + 300_000, timestampWindowSeconds: window })).toMatchObject({ ok: true });
			expect(wecom({ now: NOW + 301_000, timestampWindowSeconds: window })).toMatchObject({ code: 'staleTimestamp' });
		}
	});

	test('extra query parameters (openid, and ones WeChat may add) are ignored', () => {
		const request = wecomRequest();
		expect(
			inbound({ ...WECOM, ...request, query: { ...request.query, openid: 'x', extra: ['a', 'b'] } }),
		).toMatchObject({ ok: true });
	});

	test('a body that is exactly maxBodyBytes is accepted', () => {
		const request = wecomRequest();
		expect(inbound({ ...WECOM, ...request, maxBodyBytes: request.rawBody?.length })).toMatchObject({ ok: true });
	});
});

describe('refused', () => {
	const noSecrets = (result: InboundResult) => {
		const text = JSON.stringify(result);
		expect(text).not.toContain(TOKEN);
		expect(text).not.toContain(ENCODING_AES_KEY);
	};

	test.each<[string, () => InboundResult, number, string, RegExp]>([
		[
			'WeCom without msg_signature',
			() => wecom({ query: { timestamp: TIMESTAMP, nonce: NONCE } }),
			401,
			'missingSignature',
			/msg_signature/,
		],
		[
			'WeCom with a wrong msg_signature',
			() => wecom({ query: { ...wecomRequest().query, msg_signature: '0'.repeat(40) } }),
			401,
			'badSignature',
			/mismatch/,
		],
		[
			'WeCom signed with another token',
			() => inbound({ ...WECOM, ...wecomRequest(), token: 'another-token' }),
			401,
			'badSignature',
			/mismatch/,
		],
		[
			'without timestamp',
			() => wecom({ query: { msg_signature: 'x', nonce: NONCE } }),
			401,
			'missingSignature',
			/timestamp/,
		],
		[
			'without nonce',
			() => wecom({ query: { msg_signature: 'x', timestamp: TIMESTAMP } }),
			401,
			'missingSignature',
			/nonce/,
		],
		[
			'OA without signature',
			() => oa('plain', { query: { timestamp: TIMESTAMP, nonce: NONCE } }),
			401,
			'missingSignature',
			/signature/,
		],
		[
			'OA with a wrong signature',
			() => oa('plain', { query: { ...oaRequest('plain').query, signature: plainSignature('x', TIMESTAMP, NONCE) } }),
			401,
			'badSignature',
			/signature mismatch/,
		],
		[
			'OA safe mode with a good signature but a wrong msg_signature',
			() =>
				oa('safe', { query: { ...oaRequest('safe').query, msg_signature: plainSignature(TOKEN, TIMESTAMP, NONCE) } }),
			401,
			'badSignature',
			/msg_signature mismatch/,
		],
		[
			'OA safe mode without msg_signature',
			() => oa('safe', { query: { ...oaRequest('safe').query, msg_signature: undefined } }),
			401,
			'missingSignature',
			/msg_signature/,
		],
		[
			'a signature given twice',
			() => wecom({ query: { ...wecomRequest().query, msg_signature: [wecomRequest().query.msg_signature, 'x'] } }),
			400,
			'badParameter',
			/given once/,
		],
		[
			'a nonce given as an object',
			() => wecom({ query: { ...wecomRequest().query, nonce: { a: '1' } } }),
			400,
			'badParameter',
			/nonce/,
		],
		['a timestamp 301 s old', () => wecom({ now: NOW + 301_000 }), 401, 'staleTimestamp', /window of 300 s/],
		['a timestamp 301 s ahead', () => wecom({ now: NOW - 301_000 }), 401, 'staleTimestamp', /window/],
		[
			'an OA timestamp outside a 60 s window',
			() => oa('plain', { now: NOW + 61_000, timestampWindowSeconds: 60 }),
			401,
			'staleTimestamp',
			/60 s/,
		],
		[
			'a timestamp that is not a number',
			() => {
				const query = { timestamp: 'soon', nonce: NONCE, signature: plainSignature(TOKEN, 'soon', NONCE) };
				return oa('plain', { query });
			},
			401,
			'staleTimestamp',
			/not a number/,
		],
		[
			'WeCom encrypted for another CorpID',
			() => wecom(signedPlaintext(WECOM_TEXT, 'ww_other_corp')),
			403,
			'wrongReceiveId',
			/another CorpID/,
		],
		[
			'OA encrypted for another AppID',
			() => inbound({ ...OA, ...oaRequest('safe', OA_TEXT, { receiveId: 'wx_other_app' }) }),
			403,
			'wrongReceiveId',
			/another AppID/,
		],
		[
			'OA plaintext while the credential has an EncodingAESKey',
			() => oa('plain'),
			403,
			'plaintextRefused',
			/EncodingAESKey.*safe or compatible/,
		],
		['a signed Encrypt that is not base64', () => wecom(signedWeCom('not base64!')), 400, 'badCiphertext', /base64/],
		[
			'a signed Encrypt in base64url',
			() => wecom(signedWeCom(wecomRequest().signed.encrypt?.replace(/[+/]/g, '_') ?? '')),
			400,
			'badCiphertext',
			/base64/,
		],
		[
			'a signed Encrypt of a partial block',
			() => wecom(signedWeCom(Buffer.alloc(40).toString('base64'))),
			400,
			'badCiphertext',
			/AES blocks/,
		],
		['a signed Encrypt with bad padding', () => wecom(signedWeCom(badPadding())), 400, 'badCiphertext', /padding/],
		[
			'a signed Encrypt whose length field overruns',
			() => wecom(signedWeCom(overrunningLength())),
			400,
			'badCiphertext',
			/length field/,
		],
		[
			'a body with no Encrypt',
			() => wecom({ rawBody: Buffer.from('<xml><ToUserName>x</ToUserName></xml>') }),
			400,
			'missingCiphertext',
			/Encrypt/,
		],
		[
			'a body with two Encrypt elements',
			() => wecom({ rawBody: Buffer.from('<xml><Encrypt>QUFB</Encrypt><Encrypt>QUFB</Encrypt></xml>') }),
			400,
			'missingCiphertext',
			/single Encrypt/,
		],
		[
			'an Encrypt with child elements',
			() => wecom({ rawBody: Buffer.from('<xml><Encrypt><A>1</A></Encrypt></xml>') }),
			400,
			'missingCiphertext',
			/Encrypt/,
		],
		[
			'OA encrypt_type=aes without Encrypt',
			() => oa('safe', { rawBody: Buffer.from(OA_TEXT) }),
			400,
			'missingCiphertext',
			/Encrypt/,
		],
		['no body', () => wecom({ rawBody: undefined }), 400, 'emptyBody', /empty/],
		['an empty body', () => oa('plain', { rawBody: Buffer.alloc(0) }), 400, 'emptyBody', /empty/],
		['a body of whitespace', () => oa('plain', { rawBody: Buffer.from('  \n') }), 400, 'notXml', /single <xml>/],
		['a body over maxBodyBytes', () => wecom({ maxBodyBytes: 100 }), 413, 'bodyTooLarge', /100 bytes/],
		[
			'a body over the 1 MiB default',
			() => oa('plain', { rawBody: Buffer.alloc(1024 * 1024 + 1, 0x20) }),
			413,
			'bodyTooLarge',
			/1048576/,
		],
		[
			'a decrypted message over maxBodyBytes (when the envelope fits)',
			() => inbound({ ...WECOM, ...wecomRequest(`<xml><A>${'中'.repeat(600)}</A></xml>`), maxBodyBytes: 2_500 }),
			413,
			'bodyTooLarge',
			/2500 bytes/,
		],
		[
			'a DOCTYPE in the envelope',
			() =>
				wecom({
					rawBody: Buffer.from(`<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${wecomEnvelope('&e;')}`),
				}),
			400,
			'forbiddenXml',
			/DOCTYPE/,
		],
		[
			'a DOCTYPE in a signed, encrypted message',
			() => wecom(signedPlaintext('<!DOCTYPE x [<!ENTITY e "x">]><xml><Content>&e;</Content></xml>')),
			400,
			'forbiddenXml',
			/DOCTYPE/,
		],
		[
			'a processing instruction in an OA plaintext body',
			() => oa('plain', { rawBody: Buffer.from(`<?php ?>${OA_TEXT}`) }),
			400,
			'forbiddenXml',
			/processing/,
		],
		[
			'a JSON body',
			() => oa('plain', { rawBody: Buffer.from('{"MsgType":"text"}') }),
			400,
			'notXml',
			/outside the root/,
		],
		[
			'a form body',
			() => oa('plain', { rawBody: Buffer.from('MsgType=text&Content=hi') }),
			400,
			'notXml',
			/outside the root/,
		],
		[
			'an HTML body',
			() => oa('plain', { rawBody: Buffer.from('<html><body>hi</body></html>') }),
			400,
			'notXml',
			/single <xml>/,
		],
		[
			'binary garbage',
			() => wecom({ rawBody: Buffer.from([0xff, 0xfe, 0x00, 0x3c, 0x01]) }),
			400,
			'notXml',
			/tag|root|xml/,
		],
		[
			'a signed, encrypted message that is not XML',
			() => wecom(signedPlaintext('{"MsgType":"text"}')),
			400,
			'notXml',
			/outside the root/,
		],
		[
			'a signed, encrypted message that is not well-formed',
			() => wecom(signedPlaintext('<xml><A>1</B></xml>')),
			400,
			'notXml',
			/mismatched/,
		],
		['an empty Token in the credential', () => wecom({ token: '' }), 500, 'notConfigured', /Token/],
		['an empty CorpID in the credential', () => wecom({ receiveId: '' }), 500, 'notConfigured', /CorpID/],
		[
			'no EncodingAESKey for an encrypted message',
			() => wecom({ encodingAesKey: undefined }),
			500,
			'notConfigured',
			/EncodingAESKey/,
		],
		[
			'an invalid EncodingAESKey',
			() => oa('safe', { encodingAesKey: 'too-short' }),
			500,
			'notConfigured',
			/EncodingAESKey/,
		],
	])('%s', (_label, run, status, code, reason) => {
		const result = run();
		expect(result).toEqual({ ok: false, status, code, reason: expect.stringMatching(reason) });
		noSecrets(result);
	});

	test('the signature is checked before the body: a bad signature with a broken body is a 401', () => {
		expect(
			oa('plain', { query: { ...oaRequest('plain').query, signature: 'bad' }, rawBody: Buffer.from('<!DOCTYPE x>') }),
		).toMatchObject({
			status: 401,
		});
	});

	test('reasons never quote the request', () => {
		const result = wecom({ rawBody: Buffer.from('<xml><A secret-value-123 </A></xml>') });
		expect(result).toMatchObject({ ok: false, status: 400 });
		expect(JSON.stringify(result)).not.toContain('secret-value-123');
	});
});

describe('plaintext downgrade: with an EncodingAESKey, only what the key protects gets through', () => {
	/** What anyone who saw one safe-mode request's URL (a proxy log) has: its query, signature included. */
	const seen = oaRequest('safe').query;
	const forged = (query: Record<string, string | undefined>, body: string, request: Partial<InboundRequest> = {}) =>
		inbound({ ...OA, query, rawBody: Buffer.from(body), ...request });
	const FORGED_TEXT = OA_TEXT.replace('你好', 'forged').replace('6349323426230210995', '6349323426230210996');

	test.each<[string, Record<string, string | undefined>, string, string, number]>([
		[
			'the seen query without encrypt_type and msg_signature',
			{ ...seen, encrypt_type: undefined, msg_signature: undefined },
			FORGED_TEXT,
			'plaintextRefused',
			403,
		],
		[
			'the seen query without encrypt_type, msg_signature kept',
			{ ...seen, encrypt_type: undefined },
			FORGED_TEXT,
			'plaintextRefused',
			403,
		],
		['encrypt_type in another case (AES)', { ...seen, encrypt_type: 'AES' }, FORGED_TEXT, 'plaintextRefused', 403],
		['encrypt_type=raw', { ...seen, encrypt_type: 'raw' }, FORGED_TEXT, 'plaintextRefused', 403],
		['encrypt_type=aes but no Encrypt element', seen, FORGED_TEXT, 'missingCiphertext', 400],
		[
			'encrypt_type=aes and an empty Encrypt',
			seen,
			FORGED_TEXT.replace('</xml>', '<Encrypt></Encrypt></xml>'),
			'missingCiphertext',
			400,
		],
		[
			'an Encrypt element that is not the signed one',
			seen,
			FORGED_TEXT.replace('</xml>', '<Encrypt>QUFB</Encrypt></xml>'),
			'badSignature',
			401,
		],
	])('%s: refused', (_label, query, body, code, status) => {
		expect(forged(query, body)).toMatchObject({ ok: false, code, status });
	});

	test('encrypt_type=aes without Encrypt is refused even where plaintext is accepted', () => {
		expect(forged(seen, FORGED_TEXT, { encodingAesKey: undefined })).toMatchObject({ code: 'missingCiphertext' });
		expect(forged(seen, FORGED_TEXT, { allowPlaintext: true })).toMatchObject({ code: 'missingCiphertext' });
	});

	test('compatible mode: the decrypted message is taken whole, never the outer plaintext (sender, id, content)', () => {
		const outer = FORGED_TEXT.replace('oia2Tj-jewbmiOUlr6X-1crbLOvLw', 'o_attacker')
			.replace(/^<xml>/, '')
			.replace(/<\/xml>$/, '');
		const request = oaRequest('compatible', OA_TEXT, { compatibleFields: outer });
		expect(request.rawBody.toString()).toContain('o_attacker');
		expect(inbound({ ...OA, ...request })).toEqual({
			ok: true,
			mode: 'compatible',
			message: OA_MESSAGE,
			rawXml: OA_TEXT,
		});
	});

	test('safe and compatible mode keep working with the key, and accepting plaintext does not weaken them', () => {
		for (const allowPlaintext of [false, true]) {
			expect(oa('safe', { allowPlaintext })).toMatchObject({ ok: true, mode: 'safe', message: OA_MESSAGE });
			expect(oa('compatible', { allowPlaintext })).toMatchObject({ ok: true, mode: 'compatible', message: OA_MESSAGE });
		}
	});

	test('the signature comes first: a forged plaintext without a valid signature is a 401', () => {
		expect(forged({ ...seen, encrypt_type: undefined, signature: '0'.repeat(40) }, FORGED_TEXT)).toMatchObject({
			status: 401,
			code: 'badSignature',
		});
	});
});

/** A ciphertext whose last pad byte says 5 while the four before it say 4. */
function badPadding(): string {
	const frame = Buffer.alloc(64, 4);
	frame.writeUInt32BE(10, 16);
	frame[63] = 5;
	return rawEncrypt(frame);
}

/** A well-padded ciphertext whose length field claims more bytes than the frame holds. */
function overrunningLength(): string {
	const frame = Buffer.alloc(64, 0x41);
	frame.writeUInt32BE(60, 16);
	frame.fill(8, 56);
	return rawEncrypt(frame);
}

function rawEncrypt(frame: Buffer): string {
	const cipher = createCipheriv('aes-256-cbc', KEY, KEY.subarray(0, 16));
	cipher.setAutoPadding(false);
	return Buffer.concat([cipher.update(frame), cipher.final()]).toString('base64');
}

test('APP_ID and CORP_ID differ, so a WeCom message can never pass as an OA one', () => {
	expect(APP_ID).not.toBe(CORP_ID);
	const request = wecomRequest();
	expect(
		inbound({ ...OA, ...request, query: { ...request.query, signature: plainSignature(TOKEN, TIMESTAMP, NONCE) } }),
	).toMatchObject({
		status: 403,
		code: 'wrongReceiveId',
	});
});
