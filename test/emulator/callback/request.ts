/**
 * The request WeChat sends for one callback (reference G3, G4): the query string and the body of each mode.
 *   OA plain       ?signature&timestamp&nonce&openid                          body: the plaintext XML
 *   OA compatible  … &encrypt_type=aes&msg_signature                          body: the plaintext fields + <Encrypt>
 *   OA safe        … &encrypt_type=aes&msg_signature                          body: <ToUserName> + <Encrypt>
 *   WeCom          ?msg_signature&timestamp&nonce                             body: <ToUserName> + <Encrypt> + <AgentID>
 */
import { encrypt } from '@wecom/crypto';
import type { ResolvedPush } from './options';
import { sha1Signature } from './signature';
import { buildXml, cdata, parseXml, textOf } from './xml';

export interface OutgoingCallback {
	/** The full URL with the query. */
	url: string;
	query: Record<string, string>;
	/** What is POSTed. */
	body: string;
	/** The message XML before encryption (equal to the body in plain mode). */
	plaintext: string;
	/** The message's sender and recipient, which a passive reply must swap. */
	toUserName?: string;
	fromUserName?: string;
}

export function buildCallback(push: ResolvedPush, message: object | string): OutgoingCallback {
	const plaintext = typeof message === 'string' ? message : buildXml(message);
	const { toUserName, fromUserName, agentId } = headerOf(message);
	const { token, timestamp, nonce } = push;
	const query: Record<string, string> = {};
	let body = plaintext;

	if (push.platform === 'oa') {
		Object.assign(query, { signature: sha1Signature(token, timestamp, nonce), timestamp, nonce });
		if (fromUserName !== undefined) query.openid = fromUserName;
	}
	if (push.mode !== 'plain') {
		const { encodingAesKey, receiveId } = required(push);
		const ciphertext = encrypt(encodingAesKey, plaintext, receiveId);
		const msgSignature = sha1Signature(token, timestamp, nonce, ciphertext);
		if (push.platform === 'oa') Object.assign(query, { encrypt_type: 'aes', msg_signature: msgSignature });
		else Object.assign(query, { msg_signature: msgSignature, timestamp, nonce });
		body = push.mode === 'compatible' ? withEncrypt(plaintext, ciphertext) : safeEnvelope(push, toUserName ?? receiveId, ciphertext, agentId);
	}

	const url = new URL(push.url.href);
	for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
	return { url: url.href, query, body, plaintext, toUserName, fromUserName };
}

function required(push: ResolvedPush): { encodingAesKey: string; receiveId: string } {
	// resolvePush checked both for every encrypted mode; this narrows the types.
	if (push.encodingAesKey === undefined || push.receiveId === undefined) throw new Error('encodingAesKey and receiveId are required when encrypting');
	return { encodingAesKey: push.encodingAesKey, receiveId: push.receiveId };
}

/** Compatible mode: the plaintext fields stay readable and the same message follows encrypted. */
function withEncrypt(plaintext: string, ciphertext: string): string {
	const end = plaintext.lastIndexOf('</xml>');
	if (end < 0) throw new Error('compatible mode needs a message that ends with </xml>');
	return `${plaintext.slice(0, end)}<Encrypt>${cdata(ciphertext)}</Encrypt>${plaintext.slice(end)}`;
}

/** Safe mode: only the recipient is readable (and WeCom's AgentID, CDATA as in Tencent's sample). */
function safeEnvelope(push: ResolvedPush, toUserName: string, ciphertext: string, agentId: string | undefined): string {
	let body = `<xml><ToUserName>${cdata(toUserName)}</ToUserName><Encrypt>${cdata(ciphertext)}</Encrypt>`;
	if (push.platform === 'wecom' && agentId !== undefined) body += `<AgentID>${cdata(agentId)}</AgentID>`;
	return `${body}</xml>`;
}

interface MessageHeader {
	toUserName?: string;
	fromUserName?: string;
	agentId?: string;
}

/** The fields the query and the envelope repeat. A ready string may be malformed on purpose (to test the trigger's refusal): then none is known. */
function headerOf(message: object | string): MessageHeader {
	if (typeof message === 'string') {
		const parsed = parseXml(message);
		if (!parsed.ok) return {};
		return { toUserName: textOf(parsed.fields, 'ToUserName'), fromUserName: textOf(parsed.fields, 'FromUserName'), agentId: textOf(parsed.fields, 'AgentID') };
	}
	return { toUserName: scalar(message, 'ToUserName'), fromUserName: scalar(message, 'FromUserName'), agentId: scalar(message, 'AgentID') };
}

function scalar(message: object, name: string): string | undefined {
	const value: unknown = Object.getOwnPropertyDescriptor(message, name)?.value;
	return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
