/** What the OA accepted, as tests read it to prove what was (and was not) sent. */

/** One accepted message/template/send call. */
export interface OaTemplateMessage {
	appId: string;
	/** WeChat answers msgid as a bare JSON number above 2^53 (see ids.ts). */
	msgid: bigint;
	touser: string;
	templateId: string;
	/** The request body exactly as parsed. */
	body: unknown;
	/**
	 * The keywords as the user sees them: since 2023-05-04 WeChat drops `first`, `remark`, colours and keys the
	 * template does not have, while the send still succeeds.
	 */
	delivered: Record<string, string>;
	url?: string;
	miniprogram?: { appid: string; pagepath?: string };
	clientMsgId?: string;
	sentAt: number;
	/** A repeated client_msg_id: nothing was sent again, the original msgid was answered. */
	deduplicated: boolean;
	/** The Status of the TEMPLATESENDJOBFINISH event (none for a deduplicated call). */
	status?: 'success' | 'failed:user block';
}

/** One accepted message/subscribe/bizsend call. */
export interface OaSubscribeMessage {
	appId: string;
	touser: string;
	templateId: string;
	body: unknown;
	sentAt: number;
}

/** One accepted message/custom/send call (客服消息). */
export interface OaCustomMessage {
	appId: string;
	touser: string;
	msgtype: string;
	body: unknown;
	kfAccount?: string;
	sentAt: number;
}

/** One accepted message/custom/typing call. */
export interface OaTypingCommand {
	appId: string;
	touser: string;
	command: 'Typing' | 'CancelTyping';
	at: number;
}

export interface OaRecordsSnapshot {
	templateMessages: OaTemplateMessage[];
	subscribeMessages: OaSubscribeMessage[];
	customMessages: OaCustomMessage[];
	typing: OaTypingCommand[];
}

export class OaRecords {
	templateMessages: OaTemplateMessage[] = [];
	subscribeMessages: OaSubscribeMessage[] = [];
	customMessages: OaCustomMessage[] = [];
	typing: OaTypingCommand[] = [];

	reset(): void {
		this.templateMessages = [];
		this.subscribeMessages = [];
		this.customMessages = [];
		this.typing = [];
	}

	snapshot(): OaRecordsSnapshot {
		return structuredClone({
			templateMessages: this.templateMessages,
			subscribeMessages: this.subscribeMessages,
			customMessages: this.customMessages,
			typing: this.typing,
		});
	}
}
