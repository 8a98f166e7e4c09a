/**
 * WeChat Customer Service (微信客服) of each corp: accounts (open_kfid), their servicers (接待人员), the session of
 * each customer (service_state), the message stream sync_msg reads with a cursor, the msg tokens the
 * kf_msg_or_event callback carries (valid 10 minutes), and the one-time codes send_msg_on_event takes.
 * Sources: developer.work.weixin.qq.com/document/path/94670 (sync_msg), 94677 (send_msg), 95122
 * (send_msg_on_event), 94669 (service_state), 94661 (account/list), 94665 (add_contact_way).
 */
import type { Clock } from '../../core/clock';
import { randomId } from '../../core/ids';

/** 0 未处理 · 1 由智能助手接待 · 2 待接入池排队中 · 3 由人工接待 · 4 已结束/未开始. */
export type ServiceState = 0 | 1 | 2 | 3 | 4;

export interface KfAccount {
	open_kfid: string;
	name: string;
	media_id?: string;
	servicers: string[];
}

/** One entry of sync_msg's msg_list (origin 3: customer, 4: system event, 5: servicer). */
export interface KfStreamEntry {
	seq: number;
	open_kfid: string;
	message: Record<string, unknown>;
}

interface Session {
	state: ServiceState;
	servicer?: string;
	/** When the customer last wrote (ms), and how many messages were sent since. */
	lastCustomerAt?: number;
	sentSinceCustomer: number;
}

/** "10分钟内有效". */
export const MSG_TOKEN_TTL_MS = 10 * 60 * 1000;
/** The 48-hour window after a customer's message, and the 5 messages allowed in it (send_msg). */
export const REPLY_WINDOW_MS = 48 * 3600 * 1000;
export const REPLIES_PER_CUSTOMER_MESSAGE = 5;
/**
 * How long an event code may be used (path/95122): the welcome_code of enter_session and the code of ending a
 * session 20 s, the codes of entering the queue (2) or a servicer's session (3) 48 h.
 */
export const SHORT_CODE_TTL_MS = 20 * 1000;
export const LONG_CODE_TTL_MS = 48 * 3600 * 1000;

interface CorpKf {
	accounts: Map<string, KfAccount>;
	sessions: Map<string, Session>;
	stream: KfStreamEntry[];
	tokens: Map<string, { openKfid: string; expiresAt: number }>;
	codes: Map<string, { openKfid: string; externalUserId: string; expiresAt: number }>;
	sent: Array<Record<string, unknown>>;
}

export interface KfSnapshot {
	corpId: string;
	accounts: KfAccount[];
	/** send_msg and send_msg_on_event bodies that were accepted, in order. */
	sent: Array<Record<string, unknown>>;
	streamLength: number;
}

export class WeComKf {
	private corps = new Map<string, CorpKf>();

	constructor(private readonly clock: Clock) {}

	private corp(corpId: string): CorpKf {
		let corp = this.corps.get(corpId);
		if (!corp) {
			corp = { accounts: new Map(), sessions: new Map(), stream: [], tokens: new Map(), codes: new Map(), sent: [] };
			this.corps.set(corpId, corp);
		}
		return corp;
	}

	addAccount(corpId: string, fields: { name: string; open_kfid?: string; media_id?: string; servicers?: string[] }): KfAccount {
		const account: KfAccount = {
			open_kfid: fields.open_kfid ?? `wk${randomId(12)}`,
			name: fields.name,
			media_id: fields.media_id,
			servicers: [...(fields.servicers ?? [])],
		};
		this.corp(corpId).accounts.set(account.open_kfid, account);
		return { ...account, servicers: [...account.servicers] };
	}

	account(corpId: string, openKfid: unknown): KfAccount | undefined {
		return typeof openKfid === 'string' ? this.corp(corpId).accounts.get(openKfid) : undefined;
	}

	accounts(corpId: string): KfAccount[] {
		return [...this.corp(corpId).accounts.values()];
	}

	deleteAccount(corpId: string, openKfid: string): void {
		this.corp(corpId).accounts.delete(openKfid);
	}

	session(corpId: string, openKfid: string, externalUserId: string): Session {
		const sessions = this.corp(corpId).sessions;
		const key = `${openKfid}/${externalUserId}`;
		let session = sessions.get(key);
		if (!session) {
			session = { state: 4, sentSinceCustomer: 0 };
			sessions.set(key, session);
		}
		return session;
	}

	/** Appends to the stream and issues the msg token the kf_msg_or_event callback carries. */
	private append(corpId: string, openKfid: string, message: Record<string, unknown>): string {
		const corp = this.corp(corpId);
		const seq = corp.stream.length + 1;
		corp.stream.push({ seq, open_kfid: openKfid, message: { msgid: `msg${randomId(12)}`, open_kfid: openKfid, ...message } });
		const token = `ENC${randomId(24)}`;
		corp.tokens.set(token, { openKfid, expiresAt: this.clock.now() + MSG_TOKEN_TTL_MS });
		return token;
	}

	/** A customer writes: a new or ended session becomes 0 (未处理) and the 48 h / 5 messages window restarts. */
	customerMessage(corpId: string, openKfid: string, externalUserId: string, msgtype: string, payload: Record<string, unknown>): string {
		const session = this.session(corpId, openKfid, externalUserId);
		if (session.state === 4) session.state = 0;
		session.lastCustomerAt = this.clock.now();
		session.sentSinceCustomer = 0;
		return this.append(corpId, openKfid, {
			external_userid: externalUserId,
			send_time: this.clock.nowSeconds(),
			origin: 3,
			msgtype,
			[msgtype]: payload,
		});
	}

	/** The customer opens the chat (进入会话事件): a welcome_code usable once with send_msg_on_event. */
	enterSession(corpId: string, openKfid: string, externalUserId: string, scene = ''): { token: string; welcomeCode: string } {
		const welcomeCode = this.issueCode(corpId, openKfid, externalUserId, SHORT_CODE_TTL_MS);
		const token = this.append(corpId, openKfid, {
			send_time: this.clock.nowSeconds(),
			origin: 4,
			msgtype: 'event',
			event: { event_type: 'enter_session', open_kfid: openKfid, external_userid: externalUserId, scene, welcome_code: welcomeCode },
		});
		return { token, welcomeCode };
	}

	issueCode(corpId: string, openKfid: string, externalUserId: string, ttlMs: number): string {
		const code = randomId(18);
		this.corp(corpId).codes.set(code, { openKfid, externalUserId, expiresAt: this.clock.now() + ttlMs });
		return code;
	}

	/** Takes a code once; undefined when unknown, used or expired. */
	takeCode(corpId: string, code: unknown): { openKfid: string; externalUserId: string } | undefined {
		if (typeof code !== 'string') return undefined;
		const codes = this.corp(corpId).codes;
		const found = codes.get(code);
		codes.delete(code);
		return found && found.expiresAt > this.clock.now() ? found : undefined;
	}

	tokenValid(corpId: string, token: string): boolean {
		const found = this.corp(corpId).tokens.get(token);
		return found !== undefined && found.expiresAt > this.clock.now();
	}

	stream(corpId: string): readonly KfStreamEntry[] {
		return this.corp(corpId).stream;
	}

	recordSent(corpId: string, body: Record<string, unknown>): void {
		this.corp(corpId).sent.push(body);
	}

	reset(): void {
		for (const corp of this.corps.values()) {
			corp.sessions.clear();
			corp.stream.length = 0;
			corp.tokens.clear();
			corp.codes.clear();
			corp.sent.length = 0;
		}
	}

	snapshot(): KfSnapshot[] {
		return [...this.corps.entries()].map(([corpId, corp]) => ({
			corpId,
			accounts: [...corp.accounts.values()].map((account) => ({ ...account, servicers: [...account.servicers] })),
			sent: corp.sent.map((body) => ({ ...body })),
			streamLength: corp.stream.length,
		}));
	}
}
