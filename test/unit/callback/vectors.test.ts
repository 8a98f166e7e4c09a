/**
 * Known answers: every vector of crypto-vectors.json (published test vectors of wechatpy and WxJava, each with its
 * source), through the low-level functions and through the callback entry points.
 */
import { createDecipheriv } from 'node:crypto';
import vectors from './crypto-vectors.json';
import { decodeAesKey, decryptMessage, encryptMessage } from '../../../nodes/shared/crypto/cipher';
import { messageSignature, plainSignature, safeEqualHex } from '../../../nodes/shared/crypto/signature';
import { inbound } from '../../../nodes/shared/callback/inbound';
import { encryptReply } from '../../../nodes/shared/callback/reply';
import { verifyUrl } from '../../../nodes/shared/callback/verifyUrl';

interface Vector {
	id: string;
	kind: string;
	token: string;
	timestamp: string;
	nonce: string;
	signature?: string;
	negative_signature?: string;
	encoding_aes_key?: string;
	receive_id?: string;
	msg_signature?: string;
	echostr?: string;
	decrypted_echostr?: string;
	derived_random_prefix?: string;
	derived_pad?: number;
	post_body?: string;
	encrypt?: string;
	decrypted_plaintext?: string;
	random?: string;
	plaintext?: string;
	expected_encrypt?: string;
	expected_msg_signature?: string;
	expected_envelope?: string;
	derived_msg_signature_for_ts_nonce?: string;
}

const all = vectors as Vector[];
const ofKind = (kind: string): Vector[] => all.filter((vector) => vector.kind === kind);
const field = <K extends keyof Vector>(vector: Vector, name: K): NonNullable<Vector[K]> => {
	const value = vector[name];
	if (value === undefined || value === null) throw new Error(`vector ${vector.id} has no ${name}`);
	return value as NonNullable<Vector[K]>;
};
const at = (vector: Vector): number => Number(vector.timestamp) * 1000;

/** The decrypted frame before unpadding, to check the vectors' derived random prefix and pad value. */
function rawFrame(vector: Vector, base64: string): Buffer {
	const key = decodeAesKey(field(vector, 'encoding_aes_key'));
	const decipher = createDecipheriv('aes-256-cbc', key, key.subarray(0, 16));
	decipher.setAutoPadding(false);
	return Buffer.concat([decipher.update(base64, 'base64'), decipher.final()]);
}

test('every vector kind is covered by a test below', () => {
	const covered = [
		'plaintext_signature',
		'wecom_url_verification',
		'wecom_decrypt_message',
		'encrypt_reply_deterministic',
		'encrypt_deterministic',
	];
	expect(all.every((vector) => covered.includes(vector.kind))).toBe(true);
	expect(all).toHaveLength(6);
});

describe.each(ofKind('plaintext_signature'))('$id', (vector) => {
	test('signature', () => {
		expect(plainSignature(vector.token, vector.timestamp, vector.nonce)).toBe(vector.signature);
		expect(
			safeEqualHex(field(vector, 'negative_signature'), plainSignature(vector.token, vector.timestamp, vector.nonce)),
		).toBe(false);
	});

	test('OA URL verification echoes echostr verbatim, and refuses the negative signature', () => {
		const query = {
			signature: vector.signature,
			timestamp: vector.timestamp,
			nonce: vector.nonce,
			echostr: '7044371216741447290',
		};
		expect(verifyUrl({ platform: 'oa', query, token: vector.token, now: at(vector) })).toEqual({
			ok: true,
			body: '7044371216741447290',
		});
		expect(
			verifyUrl({
				platform: 'oa',
				query: { ...query, signature: vector.negative_signature },
				token: vector.token,
				now: at(vector),
			}),
		).toMatchObject({ ok: false, status: 401, code: 'badSignature' });
	});
});

describe.each(ofKind('wecom_url_verification'))('$id', (vector) => {
	const key = field(vector, 'encoding_aes_key');
	const query = {
		msg_signature: vector.msg_signature,
		timestamp: vector.timestamp,
		nonce: vector.nonce,
		echostr: vector.echostr,
	};

	test('msg_signature over the echostr', () => {
		expect(messageSignature(vector.token, vector.timestamp, vector.nonce, field(vector, 'echostr'))).toBe(
			vector.msg_signature,
		);
	});

	test('decrypts to the published plaintext, random prefix and pad', () => {
		expect(decryptMessage(decodeAesKey(key), field(vector, 'echostr'))).toEqual({
			message: vector.decrypted_echostr,
			receiveId: vector.receive_id,
		});
		const frame = rawFrame(vector, field(vector, 'echostr'));
		expect(frame.subarray(0, 16).toString('latin1')).toBe(vector.derived_random_prefix);
		expect(frame[frame.length - 1]).toBe(vector.derived_pad);
	});

	test('encrypting with the derived random prefix gives the echostr back', () => {
		const random = Buffer.from(field(vector, 'derived_random_prefix'), 'latin1');
		expect(
			encryptMessage(decodeAesKey(key), field(vector, 'decrypted_echostr'), field(vector, 'receive_id'), random),
		).toBe(vector.echostr);
	});

	test('verifyUrl answers the plaintext; nonce off by one is refused', () => {
		const request = {
			platform: 'wecom' as const,
			token: vector.token,
			encodingAesKey: key,
			receiveId: vector.receive_id,
			now: at(vector),
		};
		expect(verifyUrl({ ...request, query })).toEqual({ ok: true, body: vector.decrypted_echostr });
		expect(verifyUrl({ ...request, query: { ...query, nonce: '437374424' } })).toMatchObject({
			status: 401,
			code: 'badSignature',
		});
	});
});

describe.each(ofKind('wecom_decrypt_message'))('$id', (vector) => {
	const key = field(vector, 'encoding_aes_key');

	test('signature, decryption, random prefix and pad', () => {
		expect(messageSignature(vector.token, vector.timestamp, vector.nonce, field(vector, 'encrypt'))).toBe(
			vector.msg_signature,
		);
		expect(decryptMessage(decodeAesKey(key), field(vector, 'encrypt'))).toEqual({
			message: vector.decrypted_plaintext,
			receiveId: vector.receive_id,
		});
		const frame = rawFrame(vector, field(vector, 'encrypt'));
		expect(frame.subarray(0, 16).toString('latin1')).toBe(vector.derived_random_prefix);
		expect(frame[frame.length - 1]).toBe(vector.derived_pad);
		const random = Buffer.from(field(vector, 'derived_random_prefix'), 'latin1');
		expect(
			encryptMessage(decodeAesKey(key), field(vector, 'decrypted_plaintext'), field(vector, 'receive_id'), random),
		).toBe(vector.encrypt);
	});

	test('inbound accepts the published POST', () => {
		const result = inbound({
			platform: 'wecom',
			query: { msg_signature: vector.msg_signature, timestamp: vector.timestamp, nonce: vector.nonce },
			rawBody: Buffer.from(field(vector, 'post_body')),
			token: vector.token,
			encodingAesKey: key,
			receiveId: field(vector, 'receive_id'),
			now: at(vector),
		});
		expect(result).toEqual({
			ok: true,
			mode: 'safe',
			rawXml: vector.decrypted_plaintext,
			message: {
				ToUserName: 'wx49f0ab532d5d035a',
				FromUserName: 'messense',
				CreateTime: '1411525903',
				MsgType: 'text',
				Content: 'test',
				MsgId: '4363689963896700987',
				AgentID: '1',
			},
		});
	});
});

describe.each(ofKind('encrypt_reply_deterministic'))('$id', (vector) => {
	const key = decodeAesKey(field(vector, 'encoding_aes_key'));
	const random = Buffer.from(field(vector, 'random'), 'latin1');

	test('ciphertext and signature', () => {
		const encrypt = encryptMessage(key, field(vector, 'plaintext'), field(vector, 'receive_id'), random);
		expect(encrypt).toBe(vector.expected_encrypt);
		expect(messageSignature(vector.token, vector.timestamp, vector.nonce, encrypt)).toBe(vector.expected_msg_signature);
	});

	test('the envelope, byte for byte (timestamp as text or number)', () => {
		const options = {
			token: vector.token,
			key,
			receiveId: field(vector, 'receive_id'),
			nonce: vector.nonce,
			random16: random,
		};
		expect(encryptReply(field(vector, 'plaintext'), { ...options, timestamp: vector.timestamp })).toBe(
			vector.expected_envelope,
		);
		expect(encryptReply(field(vector, 'plaintext'), { ...options, timestamp: Number(vector.timestamp) })).toBe(
			vector.expected_envelope,
		);
	});
});

describe.each(ofKind('encrypt_deterministic'))('$id', (vector) => {
	const key = decodeAesKey(field(vector, 'encoding_aes_key'));

	test('ciphertext, signature and the way back', () => {
		const encrypt = encryptMessage(
			key,
			field(vector, 'plaintext'),
			field(vector, 'receive_id'),
			Buffer.from(field(vector, 'random'), 'latin1'),
		);
		expect(encrypt).toBe(vector.expected_encrypt);
		expect(messageSignature(vector.token, vector.timestamp, vector.nonce, encrypt)).toBe(
			vector.derived_msg_signature_for_ts_nonce,
		);
		expect(decryptMessage(key, encrypt)).toEqual({ message: vector.plaintext, receiveId: vector.receive_id });
	});
});
