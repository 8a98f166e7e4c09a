/** The GET URL check of both platforms. */
import { encryptMessage } from '../../../nodes/shared/crypto/cipher';
import { messageSignature, plainSignature } from '../../../nodes/shared/crypto/signature';
import { verifyUrl, type UrlVerificationRequest } from '../../../nodes/shared/callback/verifyUrl';
import { CORP_ID, ENCODING_AES_KEY, KEY, NONCE, NOW, TIMESTAMP, TOKEN } from './fixtures';

const OA: Omit<UrlVerificationRequest, 'query'> = { platform: 'oa', token: TOKEN, now: NOW };
const WECOM: Omit<UrlVerificationRequest, 'query'> = {
	platform: 'wecom',
	token: TOKEN,
	encodingAesKey: ENCODING_AES_KEY,
	receiveId: CORP_ID,
	now: NOW,
};

const oaQuery = (echostr = '7044371216741447290') => ({
	signature: plainSignature(TOKEN, TIMESTAMP, NONCE),
	timestamp: TIMESTAMP,
	nonce: NONCE,
	echostr,
});

/** A WeCom check whose echostr is `plaintext` encrypted for `receiveId`, signed. The ciphertext is chosen to contain '+'. */
function wecomQuery(plaintext = '1616140317555161061', receiveId = CORP_ID): Record<string, string> {
	for (let attempt = 0; ; attempt++) {
		const echostr = encryptMessage(KEY, plaintext, receiveId);
		if (echostr.includes('+') || attempt > 50) {
			return {
				msg_signature: messageSignature(TOKEN, TIMESTAMP, NONCE, echostr),
				timestamp: TIMESTAMP,
				nonce: NONCE,
				echostr,
			};
		}
	}
}

describe('Official Account', () => {
	test('answers echostr verbatim once the signature checks out', () => {
		expect(verifyUrl({ ...OA, query: oaQuery() })).toEqual({ ok: true, body: '7044371216741447290' });
		expect(verifyUrl({ ...OA, query: oaQuery(' spaces+and=signs ') })).toEqual({
			ok: true,
			body: ' spaces+and=signs ',
		});
	});

	test.each([
		['a wrong signature', { ...oaQuery(), signature: plainSignature('other', TIMESTAMP, NONCE) }, 401, 'badSignature'],
		['no signature', { ...oaQuery(), signature: undefined }, 401, 'missingSignature'],
		['no timestamp', { ...oaQuery(), timestamp: undefined }, 401, 'missingSignature'],
		['no echostr', { ...oaQuery(), echostr: undefined }, 400, 'missingCiphertext'],
		['an empty echostr', oaQuery(''), 400, 'missingCiphertext'],
		['a repeated echostr', { ...oaQuery(), echostr: ['a', 'b'] }, 400, 'badParameter'],
	])('refuses %s', (_label, query, status, code) => {
		expect(verifyUrl({ ...OA, query })).toMatchObject({ ok: false, status, code });
	});

	test('refuses a stale timestamp unless the window is off', () => {
		expect(verifyUrl({ ...OA, query: oaQuery(), now: NOW + 600_000 })).toMatchObject({
			status: 401,
			code: 'staleTimestamp',
		});
		expect(verifyUrl({ ...OA, query: oaQuery(), now: NOW + 600_000, timestampWindowSeconds: 0 })).toMatchObject({
			ok: true,
		});
	});

	test('a window that is not a number is the default (300 s), never "off"', () => {
		expect(
			verifyUrl({ ...OA, query: oaQuery(), now: NOW + 600_000, timestampWindowSeconds: Number.NaN }),
		).toMatchObject({ code: 'staleTimestamp' });
	});

	test('an empty Token is a configuration error, never a pass', () => {
		const query = { ...oaQuery(), signature: plainSignature('', TIMESTAMP, NONCE) };
		expect(verifyUrl({ ...OA, token: '', query })).toMatchObject({ status: 500, code: 'notConfigured' });
	});
});

describe('WeCom', () => {
	test('answers the decrypted echostr', () => {
		expect(verifyUrl({ ...WECOM, query: wecomQuery() })).toEqual({ ok: true, body: '1616140317555161061' });
	});

	test("restores a '+' that arrived as a space", () => {
		const query = wecomQuery();
		expect(query.echostr).toContain('+');
		expect(verifyUrl({ ...WECOM, query: { ...query, echostr: query.echostr.replace(/\+/g, ' ') } })).toEqual({
			ok: true,
			body: '1616140317555161061',
		});
	});

	test.each([
		['a wrong msg_signature', () => ({ ...wecomQuery(), msg_signature: 'f'.repeat(40) }), 401, 'badSignature'],
		[
			'the OA signature instead of msg_signature',
			() => ({ ...wecomQuery(), msg_signature: undefined, signature: plainSignature(TOKEN, TIMESTAMP, NONCE) }),
			401,
			'missingSignature',
		],
		['an echostr for another CorpID', () => wecomQuery('1616140317555161061', 'ww_another'), 403, 'wrongReceiveId'],
		[
			'a signed echostr that is not a ciphertext',
			() => ({
				msg_signature: messageSignature(TOKEN, TIMESTAMP, NONCE, 'abc'),
				timestamp: TIMESTAMP,
				nonce: NONCE,
				echostr: 'abc',
			}),
			400,
			'badCiphertext',
		],
	])('refuses %s', (_label, query, status, code) => {
		expect(verifyUrl({ ...WECOM, query: query() })).toMatchObject({ ok: false, status, code });
	});

	test('refuses a stale timestamp', () => {
		expect(verifyUrl({ ...WECOM, query: wecomQuery(), now: NOW - 301_000 })).toMatchObject({
			status: 401,
			code: 'staleTimestamp',
		});
	});

	test('configuration errors are 500s', () => {
		expect(verifyUrl({ ...WECOM, encodingAesKey: undefined, query: wecomQuery() })).toMatchObject({
			status: 500,
			code: 'notConfigured',
		});
		expect(verifyUrl({ ...WECOM, receiveId: '', query: wecomQuery() })).toMatchObject({
			status: 500,
			code: 'notConfigured',
		});
	});
});
