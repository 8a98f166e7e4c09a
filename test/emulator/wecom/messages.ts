import type { Clock } from '../core/clock';
import { randomId } from '../core/ids';
import type { JsonObject } from '../core/json';
import type { Delivery } from './recipients';

/** One accepted message/send call. Tests read these to prove what was (and was not) sent. */
export interface SentMessage {
	msgid: string;
	corpId: string;
	agentId: number;
	msgtype: string;
	/** The request body exactly as parsed. */
	body: unknown;
	sentAt: number;
	/** Suppressed by enable_duplicate_check: nobody received it again. */
	deduplicated: boolean;
	/** For a deduplicated message, the msgid of the delivered original. */
	duplicateOf?: string;
	/** Who received it (empty when deduplicated). */
	delivery: Delivery;
	/** Members it was not delivered to: over WeCom's per-member limit, dropped without an error. */
	dropped?: string[];
	/** The template_card task_id, kept because WeCom refuses a task_id an app already used. */
	taskId?: string;
	responseCode?: string;
	recalledAt?: number;
	/** The answer sent; a deduplicated call gets the original's answer again. */
	reply: JsonObject;
}

/** A response_code: returned by a send of an interaction card, or carried by a template_card_event callback. */
export interface ResponseCode {
	responseCode: string;
	corpId: string;
	agentId: number;
	/** The message it came from; absent when a test registered it for a callback. */
	msgid?: string;
	issuedAt: number;
	usedAt?: number;
}

/** One accepted update_template_card call. */
export interface CardUpdate {
	corpId: string;
	agentId: number;
	responseCode: string;
	msgid?: string;
	body: unknown;
	delivery: Delivery;
	updatedAt: number;
}

export interface WeComMessagesSnapshot {
	messages: SentMessage[];
	responseCodes: ResponseCode[];
	cardUpdates: CardUpdate[];
}

/** WeCom: "response_code 24小时内有效，且只能使用一次". */
export const RESPONSE_CODE_TTL_MS = 24 * 3600 * 1000;

export class WeComMessages {
	private messages: SentMessage[] = [];
	/** Duplicate-check key of each delivered message, by msgid. */
	private keys = new Map<string, string>();
	private responseCodes = new Map<string, ResponseCode>();
	private cardUpdates: CardUpdate[] = [];

	constructor(private readonly clock: Clock) {}

	newMsgid(): string {
		return randomId(48);
	}

	add(message: SentMessage, duplicateKey: string): void {
		this.messages.push(message);
		if (!message.deduplicated) this.keys.set(message.msgid, duplicateKey);
	}

	/** The delivered message of this app with the same key sent less than `intervalMs` ago, if any. */
	findDuplicate(corpId: string, agentId: number, duplicateKey: string, intervalMs: number): SentMessage | undefined {
		const since = this.clock.now() - intervalMs;
		return this.messages.find(
			(message) =>
				!message.deduplicated &&
				message.corpId === corpId &&
				message.agentId === agentId &&
				message.sentAt > since &&
				this.keys.get(message.msgid) === duplicateKey,
		);
	}

	/** The stored record of a delivered message (callers mark it recalled on it). */
	find(corpId: string, msgid: string): SentMessage | undefined {
		return this.messages.find((message) => !message.deduplicated && message.corpId === corpId && message.msgid === msgid);
	}

	taskIdUsed(corpId: string, agentId: number, taskId: string): boolean {
		return this.messages.some((message) => message.corpId === corpId && message.agentId === agentId && message.taskId === taskId);
	}

	issueResponseCode(corpId: string, agentId: number, msgid?: string): ResponseCode {
		const code: ResponseCode = { responseCode: randomId(32), corpId, agentId, issuedAt: this.clock.now() };
		if (msgid !== undefined) code.msgid = msgid;
		this.responseCodes.set(code.responseCode, code);
		return code;
	}

	/** The stored record (callers mark it used on it). */
	responseCode(responseCode: string): ResponseCode | undefined {
		return this.responseCodes.get(responseCode);
	}

	addCardUpdate(update: CardUpdate): void {
		this.cardUpdates.push(update);
	}

	reset(): void {
		this.messages = [];
		this.keys.clear();
		this.responseCodes.clear();
		this.cardUpdates = [];
	}

	snapshot(): WeComMessagesSnapshot {
		return {
			messages: this.messages.map((message) => ({ ...message })),
			responseCodes: [...this.responseCodes.values()].map((code) => ({ ...code })),
			cardUpdates: this.cardUpdates.map((update) => ({ ...update })),
		};
	}
}
