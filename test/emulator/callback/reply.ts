/**
 * What WeChat makes of a trigger's answer (reference G6, G7). Accepted: an empty body or `success` (no reply,
 * no retry), or a passive reply: plaintext XML in plain mode, the encrypted envelope (Encrypt, MsgSignature,
 * TimeStamp, Nonce) in safe mode and on WeCom, either in compatible mode. An envelope must carry a valid
 * MsgSignature, decrypt (with @wecom/crypto, Tencent's own code) to this account's receiveId, and the reply
 * inside must go back to the sender: its ToUserName/FromUserName are the message's swapped. Anything else is
 * what the user sees as "该公众号暂时无法提供服务": reported as `invalid` with the reasons.
 */
import { decrypt } from '@wecom/crypto';
import type { CallbackMode, CallbackPlatform } from './options';
import { sameSignature, sha1Signature } from './signature';
import { errorText, type PushAttempt } from './transport';
import { parseXml, textOf, type XmlObject } from './xml';

export type AnswerKind = 'empty' | 'success' | 'reply' | 'invalid';

export interface CallbackAnswer {
	kind: AnswerKind;
	/** The reply's plaintext XML (decrypted when it came encrypted). */
	xml?: string;
	/** The reply's fields (children of `<xml>`), every value a string, `item` always a list. */
	reply?: XmlObject;
	/** Whether the reply came as the encrypted envelope. */
	encrypted?: boolean;
	/** Envelope only: MsgSignature = sha1(sort(token, TimeStamp, Nonce, Encrypt)). */
	signatureValid?: boolean;
	/** Envelope only: the id after the message in the decrypted buffer equals the receiveId. */
	receiveIdValid?: boolean;
	/** Why WeChat would refuse the answer; empty for everything but `invalid`. */
	problems: string[];
}

export interface ReplyContext {
	platform: CallbackPlatform;
	mode: CallbackMode;
	token: string;
	encodingAesKey?: string;
	receiveId?: string;
	/** The pushed message's ToUserName / FromUserName, when known. */
	toUserName?: string;
	fromUserName?: string;
}

const ENVELOPE_FIELDS = ['Encrypt', 'MsgSignature', 'TimeStamp', 'Nonce'] as const;

/** The answer to the last try; `noAnswer` describes the tries when none answered. */
export function interpretAnswer(last: PushAttempt, ctx: ReplyContext, noAnswer: string): CallbackAnswer {
	if (last.status === 0) return invalid(noAnswer);
	if (last.status !== 200) return invalid(`HTTP ${last.status}: WeChat takes only a 200 as an answer`);
	// Exactly these two mean "no reply" in WeChat's docs; anything else has to be a reply.
	if (last.body === '') return { kind: 'empty', problems: [] };
	if (last.body === 'success') return { kind: 'success', problems: [] };
	const parsed = parseXml(last.body);
	if (!parsed.ok) return invalid(`${parsed.problem}; the only non-XML answers are an empty body and "success"`);
	if (parsed.root !== 'xml') return invalid(`the root element is <${parsed.root}>, not <xml>`);
	const hasEncrypt = parsed.fields.Encrypt !== undefined;
	if (ctx.mode === 'plain' && hasEncrypt) return invalid('an encrypted reply to a plaintext-mode message');
	if (ctx.mode === 'safe' && !hasEncrypt) return invalid('a plaintext reply where WeChat expects the encrypted envelope (Encrypt, MsgSignature, TimeStamp, Nonce)');
	return hasEncrypt ? openEnvelope(parsed.fields, ctx) : checkReply(last.body, parsed.fields, ctx, {});
}

function invalid(problem: string): CallbackAnswer {
	return { kind: 'invalid', problems: [problem] };
}

function openEnvelope(envelope: XmlObject, ctx: ReplyContext): CallbackAnswer {
	const missing = ENVELOPE_FIELDS.filter((name) => !textOf(envelope, name));
	if (missing.length > 0) return { ...invalid(`wrong envelope: no ${missing.join(', ')}`), encrypted: true };
	const [ciphertext, msgSignature, timeStamp, nonce] = ENVELOPE_FIELDS.map((name) => textOf(envelope, name) ?? '');
	const problems: string[] = [];
	const signatureValid = sameSignature(msgSignature, sha1Signature(ctx.token, timeStamp, nonce, ciphertext));
	if (!signatureValid) problems.push('MsgSignature does not match sha1(sort(token, TimeStamp, Nonce, Encrypt))');
	const opened = decryptReply(ctx, ciphertext);
	if (typeof opened === 'string') return { kind: 'invalid', encrypted: true, signatureValid, problems: [...problems, opened] };
	const receiveIdValid = opened.id === ctx.receiveId;
	if (!receiveIdValid) problems.push(`the reply is encrypted for "${opened.id}", not "${ctx.receiveId}"`);
	const parsed = parseXml(opened.message);
	if (!parsed.ok) return { kind: 'invalid', xml: opened.message, encrypted: true, signatureValid, receiveIdValid, problems: [...problems, `the decrypted reply is ${parsed.problem}`] };
	if (parsed.root !== 'xml') problems.push(`the decrypted reply's root element is <${parsed.root}>, not <xml>`);
	return checkReply(opened.message, parsed.fields, ctx, { encrypted: true, signatureValid, receiveIdValid }, problems);
}

/** The message and id, or why the ciphertext is not one WeChat's code would produce. */
function decryptReply(ctx: ReplyContext, ciphertext: string): { message: string; id: string } | string {
	if (ctx.encodingAesKey === undefined) return 'an encrypted reply, but no encodingAesKey to open it';
	if (!/^[A-Za-z0-9+/]+={0,2}$/.test(ciphertext)) return 'Encrypt is not base64';
	const bytes = Buffer.from(ciphertext, 'base64').length;
	// WXBizMsgCrypt pads to 32-byte blocks: anything else was not made by it, and Node would throw or misread.
	if (bytes === 0 || bytes % 32 !== 0) return `Encrypt is ${bytes} bytes, not a multiple of 32 (PKCS#7 to 32-byte blocks)`;
	try {
		const { message, id } = decrypt(ctx.encodingAesKey, ciphertext);
		return { message, id };
	} catch (error) {
		return `Encrypt does not decrypt: ${errorText(error)}`;
	}
}

/** A passive reply's own fields (G7): type, time, and addressed back to the sender. */
function checkReply(xml: string, reply: XmlObject, ctx: ReplyContext, envelope: Partial<CallbackAnswer>, earlier: string[] = []): CallbackAnswer {
	const problems = [...earlier];
	if (!textOf(reply, 'MsgType')) problems.push('the reply has no MsgType');
	const createTime = textOf(reply, 'CreateTime');
	if (createTime === undefined || !/^\d+$/.test(createTime)) problems.push('the reply has no integer CreateTime');
	const to = textOf(reply, 'ToUserName');
	const from = textOf(reply, 'FromUserName');
	if (ctx.fromUserName !== undefined && to !== ctx.fromUserName) problems.push(`the reply's ToUserName is ${JSON.stringify(to)}, not the sender ${JSON.stringify(ctx.fromUserName)}`);
	if (ctx.toUserName !== undefined && from !== ctx.toUserName) problems.push(`the reply's FromUserName is ${JSON.stringify(from)}, not the account ${JSON.stringify(ctx.toUserName)}`);
	return { kind: problems.length === 0 ? 'reply' : 'invalid', xml, reply, encrypted: envelope.encrypted ?? false, ...envelope, problems };
}
