/** Builds WeChat-side callback requests with Tencent's own library, independent of the code under test. */
import { createHash, randomBytes } from 'node:crypto';
import { decrypt, encrypt, getSignature } from '@wecom/crypto';

export const OA_CREDENTIALS = {
	appId: 'wx_trigger_oa',
	appSecret: 'unused-here',
	token: 'oa-callback-token',
	encodingAesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
	baseUrl: 'http://127.0.0.1:9',
	proxyUrl: '',
};
/** An account in plaintext mode (明文模式): its credential has no EncodingAESKey. */
export const OA_PLAIN_CREDENTIALS = { ...OA_CREDENTIALS, encodingAesKey: '' };
export const WECOM_CREDENTIALS = {
	corpId: 'ww_trigger_corp',
	corpSecret: 'unused-here',
	agentId: '1000002',
	token: 'wecom-callback-token',
	encodingAesKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR',
	baseUrl: 'http://127.0.0.1:9',
	proxyUrl: '',
};

export function xml(fields: Record<string, string | number>): string {
	const body = Object.entries(fields)
		.map(([key, value]) =>
			typeof value === 'number' ? `<${key}>${value}</${key}>` : `<${key}><![CDATA[${value}]]></${key}>`,
		)
		.join('');
	return `<xml>${body}</xml>`;
}

const sha1 = (...parts: string[]) => createHash('sha1').update(parts.sort().join('')).digest('hex');
const now = () => String(Math.floor(Date.now() / 1000));

export interface Request {
	query: Record<string, string>;
	rawBody: string;
}

export function oaPlain(message: string, token = OA_CREDENTIALS.token, timestamp = now()): Request {
	const nonce = randomBytes(4).toString('hex');
	return { query: { signature: sha1(token, timestamp, nonce), timestamp, nonce, openid: 'o_user' }, rawBody: message };
}

export function oaSafe(message: string, options: { compatible?: boolean; receiveId?: string } = {}): Request {
	const timestamp = now();
	const nonce = randomBytes(4).toString('hex');
	const ciphertext = encrypt(OA_CREDENTIALS.encodingAesKey, message, options.receiveId ?? OA_CREDENTIALS.appId);
	const envelope = options.compatible
		? message.replace('</xml>', `<Encrypt><![CDATA[${ciphertext}]]></Encrypt></xml>`)
		: xml({ ToUserName: 'gh_test', Encrypt: ciphertext });
	return {
		query: {
			signature: sha1(OA_CREDENTIALS.token, timestamp, nonce),
			timestamp,
			nonce,
			openid: 'o_user',
			encrypt_type: 'aes',
			msg_signature: getSignature(OA_CREDENTIALS.token, timestamp, nonce, ciphertext),
		},
		rawBody: envelope,
	};
}

export function wecom(message: string, receiveId = WECOM_CREDENTIALS.corpId): Request {
	const timestamp = now();
	const nonce = randomBytes(4).toString('hex');
	const ciphertext = encrypt(WECOM_CREDENTIALS.encodingAesKey, message, receiveId);
	return {
		query: { msg_signature: getSignature(WECOM_CREDENTIALS.token, timestamp, nonce, ciphertext), timestamp, nonce },
		rawBody: xml({ ToUserName: receiveId, Encrypt: ciphertext, AgentID: '1000002' }),
	};
}

/** Opens an encrypted passive reply the way WeChat would: check MsgSignature, decrypt, check the receiveId. */
export function openReply(
	body: string,
	token: string,
	encodingAesKey: string,
): { xml: string; receiveId: string; signatureOk: boolean } {
	const field = (name: string) =>
		new RegExp(`<${name}>(?:<!\\[CDATA\\[)?([^<\\]]*)(?:\\]\\]>)?</${name}>`).exec(body)?.[1] ?? '';
	const encrypted = field('Encrypt');
	const signatureOk = getSignature(token, field('TimeStamp'), field('Nonce'), encrypted) === field('MsgSignature');
	const { message, id } = decrypt(encodingAesKey, encrypted);
	return { xml: message, receiveId: id, signatureOk };
}
