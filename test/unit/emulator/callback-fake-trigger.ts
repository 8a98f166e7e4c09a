import { decrypt, encrypt } from '@wecom/crypto';
import { createHash } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for a trigger's webhook, for the callback pusher's tests: it records what arrives and answers as
 * told. Its checks use node:crypto and @wecom/crypto directly (never the emulator's or the nodes' code), so the
 * pusher is judged by an independent implementation of WeChat's scheme.
 */

export const TOKEN = 'callbackToken123';
/** 43 characters → 32 bytes. */
export const AES_KEY = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG';
export const OA_APP_ID = 'wx_cb_oa';
export const OA_GH_ID = 'gh_cb_oa';
export const CORP_ID = 'ww_cb_corp';

export interface Received {
	method: string;
	path: string;
	query: Record<string, string>;
	body: string;
	headers: IncomingHttpHeaders;
}

export interface Answer {
	status?: number;
	body?: string;
	/** Answer this much later (the pusher may have given up and closed the connection by then). */
	delayMs?: number;
}

export type Responder = (request: Received, index: number) => Answer;

export class FakeTrigger {
	readonly received: Received[] = [];
	private timers = new Set<NodeJS.Timeout>();
	private waiters: Array<() => void> = [];

	private constructor(
		private readonly server: Server,
		readonly url: string,
		public responder: Responder,
	) {}

	static async start(responder: Responder = () => ({ body: 'success' })): Promise<FakeTrigger> {
		const server = createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const { port } = server.address() as AddressInfo;
		const trigger = new FakeTrigger(server, `http://127.0.0.1:${port}/webhook/wechat`, responder);
		server.on('request', (req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (chunk: Buffer) => chunks.push(chunk));
			req.on('end', () => {
				const url = new URL(req.url ?? '/', 'http://127.0.0.1');
				const received: Received = { method: req.method ?? '', path: url.pathname, query: Object.fromEntries(url.searchParams), body: Buffer.concat(chunks).toString('utf8'), headers: req.headers };
				trigger.received.push(received);
				trigger.answer(res, trigger.responder(received, trigger.received.length - 1));
				for (const wake of trigger.waiters.splice(0)) wake();
			});
		});
		return trigger;
	}

	private answer(res: ServerResponse, answer: Answer): void {
		const send = (): void => {
			if (res.destroyed) return;
			res.writeHead(answer.status ?? 200, { 'content-type': 'text/plain; charset=utf-8' });
			res.end(answer.body ?? '');
		};
		if (answer.delayMs === undefined) return send();
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			send();
		}, answer.delayMs);
		this.timers.add(timer);
	}

	/** Resolves once `count` requests have arrived (rejects after `timeoutMs`). */
	async waitFor(count: number, timeoutMs = 5000): Promise<Received[]> {
		const deadline = Date.now() + timeoutMs;
		while (this.received.length < count) {
			if (Date.now() > deadline) throw new Error(`expected ${count} requests, got ${this.received.length}`);
			await new Promise<void>((resolve) => {
				this.waiters.push(resolve);
				setTimeout(resolve, 50);
			});
		}
		return this.received.slice(0, count);
	}

	async close(): Promise<void> {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
		const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
		this.server.closeAllConnections();
		await closed;
	}
}

export function sha1(...parts: string[]): string {
	return createHash('sha1').update([...parts].sort().join('')).digest('hex');
}

/** The text of `<name>` in a flat document (CDATA or not), by regex: independent of every XML parser here. */
export function field(xml: string, name: string): string | undefined {
	const match = new RegExp(`<${name}>(?:<!\\[CDATA\\[([\\s\\S]*?)\\]\\]>|([^<]*))</${name}>`).exec(xml);
	return match === null ? undefined : (match[1] ?? match[2]);
}

/** What a correct trigger does with an encrypted POST: check msg_signature over Encrypt, decrypt. */
export function openEncrypted(received: Received, token = TOKEN, key = AES_KEY): { signatureOk: boolean; message: string; id: string } {
	const ciphertext = field(received.body, 'Encrypt');
	if (ciphertext === undefined) throw new Error(`no <Encrypt> in ${received.body}`);
	const { timestamp, nonce, msg_signature: msgSignature } = received.query;
	const { message, id } = decrypt(key, ciphertext);
	return { signatureOk: msgSignature === sha1(token, timestamp, nonce, ciphertext), message, id };
}

/** A passive reply in the encrypted envelope (reference G6), as wechatpy writes it. */
export function sealReply(plaintext: string, receiveId: string, options: { token?: string; key?: string; timestamp?: string; nonce?: string } = {}): string {
	const { token = TOKEN, key = AES_KEY, timestamp = '1700000000', nonce = '123456789' } = options;
	const ciphertext = encrypt(key, plaintext, receiveId);
	const signature = sha1(token, timestamp, nonce, ciphertext);
	return `<xml>\n<Encrypt><![CDATA[${ciphertext}]]></Encrypt>\n<MsgSignature><![CDATA[${signature}]]></MsgSignature>\n<TimeStamp>${timestamp}</TimeStamp>\n<Nonce><![CDATA[${nonce}]]></Nonce>\n</xml>`;
}

/** A text reply from `from` (the account) to `to` (the sender). */
export function textReply(to: string, from: string, content: string): string {
	return `<xml><ToUserName><![CDATA[${to}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content></xml>`;
}

/** A user's text message to the OA, as the brief's example. */
export const OA_TEXT = { ToUserName: OA_GH_ID, FromUserName: 'o_user_1', CreateTime: 1700000000, MsgType: 'text', Content: '你好', MsgId: '23456789012345678901' };

/** A member's text message to a WeCom app. */
export const WECOM_TEXT = { ToUserName: CORP_ID, FromUserName: 'zhangsan', CreateTime: 1700000000, MsgType: 'text', Content: '请帮我查一下日报', MsgId: '6054768590064713728', AgentID: 1000002 };
