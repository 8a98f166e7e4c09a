/**
 * The events WeChat pushes to an account's callback URL when a send job finishes or a code with a scene is scanned,
 * as plain objects whose keys are the XML element names (reference E4, F10). Another module signs, encrypts and
 * POSTs them; this one only records them. MsgID is a string: it is an XML text value, and real MsgIDs can exceed 2^53.
 */
export interface TemplateSendJobFinishEvent {
	ToUserName: string;
	FromUserName: string;
	CreateTime: number;
	MsgType: 'event';
	Event: 'TEMPLATESENDJOBFINISH';
	MsgID: string;
	/** Note WeChat's inconsistent space in the last value. */
	Status: 'success' | 'failed:user block' | 'failed: system failed';
}

/** One article's originality check (CopyrightCheckResult.ResultList.item). */
export interface CopyrightCheckItem {
	ArticleIdx: number;
	UserDeclareState: number;
	AuditState: number;
	OriginalArticleUrl: string;
	OriginalArticleType: number;
	CanReprint: number;
	NeedReplaceContent: number;
	NeedShowReprintSource: number;
}

export interface MassSendJobFinishEvent {
	ToUserName: string;
	/** The mass-send assistant's id, not a follower's (the doc's example is an openid-like value). */
	FromUserName: string;
	CreateTime: number;
	MsgType: 'event';
	Event: 'MASSSENDJOBFINISH';
	MsgID: string;
	/** "send success" | "send fail" | "err(<code>)" (e.g. err(20013) copyright). */
	Status: string;
	TotalCount: number;
	FilterCount: number;
	SentCount: number;
	ErrorCount: number;
	/** mpnews only. Nested lists keep the XML shape: ResultList holds `item` elements. */
	CopyrightCheckResult?: { Count: number; ResultList: { item: CopyrightCheckItem[] }; CheckState: number };
	ArticleUrlResult?: { Count: number; ResultList: { item: Array<{ ArticleIdx: number; ArticleUrl: string }> } };
}

/** A finished publish job (freepublish/submit): "发布结果的事件推送". fail_idx repeats, one element per failed article. */
export interface PublishJobFinishEvent {
	ToUserName: string;
	FromUserName: string;
	CreateTime: number;
	MsgType: 'event';
	Event: 'PUBLISHJOBFINISH';
	PublishEventInfo: {
		publish_id: string;
		publish_status: number;
		article_id?: string;
		article_detail?: { count: number; item: Array<{ idx: number; article_url: string }> };
		fail_idx?: number[];
	};
}

/**
 * A scan of a code with a scene (扫描带参数二维码事件): someone new follows through it (`subscribe`, EventKey
 * `qrscene_<scene>`), a follower scans it (`SCAN`, EventKey `<scene>`); both carry the code's Ticket.
 */
export interface QrScanEvent {
	ToUserName: string;
	FromUserName: string;
	CreateTime: number;
	MsgType: 'event';
	Event: 'subscribe' | 'SCAN';
	EventKey: string;
	Ticket: string;
}

export type OaEvent = TemplateSendJobFinishEvent | MassSendJobFinishEvent | PublishJobFinishEvent | QrScanEvent;

export interface OaEventRecord {
	appId: string;
	event: OaEvent;
}

export type OaEventListener = (appId: string, event: OaEvent) => void;

export class OaEventLog {
	private records: OaEventRecord[] = [];
	private listeners = new Set<OaEventListener>();

	record(appId: string, event: OaEvent): void {
		this.records.push({ appId, event });
		// Later, so a listener (e.g. a pusher) never runs inside the API call that produced the event.
		for (const listener of this.listeners) queueMicrotask(() => listener(appId, structuredClone(event)));
	}

	/** Copies of the events, oldest first, of one account or of all. */
	list(appId?: string): OaEvent[] {
		return this.records.filter((record) => appId === undefined || record.appId === appId).map((record) => structuredClone(record.event));
	}

	/** Calls `listener` for every event recorded from now on; returns the function that stops it. */
	subscribe(listener: OaEventListener): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	reset(): void {
		this.records = [];
	}

	snapshot(): OaEventRecord[] {
		return structuredClone(this.records);
	}
}
