/** Credentials, requests as WeChat sends them, and a seeded random source for the callback tests. */
import { decodeAesKey, encryptMessage } from '../../../nodes/shared/crypto/cipher';
import { messageSignature, plainSignature } from '../../../nodes/shared/crypto/signature';

export const TOKEN = 'QDG6eK';
export const ENCODING_AES_KEY = 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C';
export const KEY = decodeAesKey(ENCODING_AES_KEY);
export const CORP_ID = 'wx5823bf96d3bd56c7';
export const APP_ID = 'wxb11529c136998cb6';
export const OA_ID = 'gh_7f083739789a';
export const TIMESTAMP = '1409659813';
export const NONCE = '1372623149';
export const NOW = Number(TIMESTAMP) * 1000;

export const WECOM_TEXT = [
	'<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>',
	'<FromUserName><![CDATA[zhangsan]]></FromUserName>',
	'<CreateTime>1409659813</CreateTime>',
	'<MsgType><![CDATA[text]]></MsgType>',
	`<Content>${cdata('你好 ]]> <b>hi</b> 🎉')}</Content>`,
	'<MsgId>6054768590064713728</MsgId>',
	'<AgentID>1000002</AgentID>',
	'</xml>',
].join('\n');

export const OA_TEXT = [
	'<xml><ToUserName><![CDATA[gh_7f083739789a]]></ToUserName>',
	'<FromUserName><![CDATA[oia2Tj-jewbmiOUlr6X-1crbLOvLw]]></FromUserName>',
	'<CreateTime>1409659813</CreateTime>',
	'<MsgType><![CDATA[text]]></MsgType>',
	'<Content><![CDATA[你好]]></Content>',
	'<MsgId>6349323426230210995</MsgId>',
	'</xml>',
].join('\n');

export interface CallbackRequest {
	query: Record<string, string>;
	rawBody: Buffer;
}

export function cdata(value: string): string {
	return `<![CDATA[${value.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** The parts of a request whose content a signature covers, for the fuzz test's forgery check. */
export interface Signed {
	timestamp: string;
	nonce: string;
	signature?: string;
	msgSignature?: string;
	encrypt?: string;
}

export function wecomEnvelope(encrypt: string, corpId = CORP_ID): string {
	return `<xml><ToUserName>${cdata(corpId)}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt><AgentID>${cdata('1000002')}</AgentID></xml>`;
}

export function wecomRequest(
	plaintext = WECOM_TEXT,
	options: { receiveId?: string; encrypt?: string } = {},
): CallbackRequest & { signed: Signed } {
	const encrypt = options.encrypt ?? encryptMessage(KEY, plaintext, options.receiveId ?? CORP_ID);
	const msgSignature = messageSignature(TOKEN, TIMESTAMP, NONCE, encrypt);
	return {
		query: { msg_signature: msgSignature, timestamp: TIMESTAMP, nonce: NONCE },
		rawBody: Buffer.from(wecomEnvelope(encrypt)),
		signed: { timestamp: TIMESTAMP, nonce: NONCE, msgSignature, encrypt },
	};
}

export type OaMode = 'plain' | 'compatible' | 'safe';

/**
 * An OA request in one of its three modes. Compatible mode carries the plaintext fields (here `compatibleBody`,
 * default: the message itself) next to Encrypt.
 */
export function oaRequest(
	mode: OaMode,
	plaintext = OA_TEXT,
	options: { receiveId?: string; encrypt?: string; compatibleFields?: string } = {},
): CallbackRequest & { signed: Signed } {
	const signature = plainSignature(TOKEN, TIMESTAMP, NONCE);
	const query: Record<string, string> = {
		signature,
		timestamp: TIMESTAMP,
		nonce: NONCE,
		openid: 'oia2Tj-jewbmiOUlr6X-1crbLOvLw',
	};
	if (mode === 'plain')
		return { query, rawBody: Buffer.from(plaintext), signed: { timestamp: TIMESTAMP, nonce: NONCE, signature } };

	const encrypt = options.encrypt ?? encryptMessage(KEY, plaintext, options.receiveId ?? APP_ID);
	const msgSignature = messageSignature(TOKEN, TIMESTAMP, NONCE, encrypt);
	const fields =
		mode === 'compatible'
			? (options.compatibleFields ?? plaintext.replace(/^<xml>/, '').replace(/<\/xml>$/, ''))
			: `<ToUserName>${cdata(OA_ID)}</ToUserName>`;
	return {
		query: { ...query, encrypt_type: 'aes', msg_signature: msgSignature },
		rawBody: Buffer.from(`<xml>${fields}\n<Encrypt>${cdata(encrypt)}</Encrypt></xml>`),
		signed: { timestamp: TIMESTAMP, nonce: NONCE, signature, msgSignature, encrypt },
	};
}

/** The request settings every test shares: our credentials and a clock at the requests' timestamp. */
export const WECOM = {
	platform: 'wecom',
	token: TOKEN,
	encodingAesKey: ENCODING_AES_KEY,
	receiveId: CORP_ID,
	now: NOW,
} as const;
export const OA = {
	platform: 'oa',
	token: TOKEN,
	encodingAesKey: ENCODING_AES_KEY,
	receiveId: APP_ID,
	now: NOW,
} as const;

/** mulberry32: small, fast and seeded, so every run of a randomized test sees the same cases. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export function pick<T>(random: () => number, values: readonly T[]): T {
	return values[Math.floor(random() * values.length)];
}

export function randomInt(random: () => number, below: number): number {
	return Math.floor(random() * below);
}
