import type { Clock } from '../core/clock';
import type { JsonObject } from '../core/json';
import type { OaAccounts } from './accounts';
import type { MassSendJobFinishEvent, OaEventLog } from './events';
import { perDay, perMinute, perMonth } from './quota';

export type OaMassStatus = 'SENDING' | 'SEND_SUCCESS' | 'SEND_FAIL' | 'DELETE';

/** One article of an mpnews job, with the URL the finish event and mass/delete use. */
export interface OaMassArticle {
	idx: number;
	title: string;
	url: string;
	deleted: boolean;
}

/** One accepted sendall / send call: a job that WeChat runs in the background. */
export interface OaMassJob {
	appId: string;
	msgId: number;
	/** mpnews only: the id of the published article set. */
	msgDataId?: number;
	api: 'sendall' | 'send';
	msgtype: string;
	body: unknown;
	/** The given clientmsgid, or the digest of target and content WeChat uses when none is given. */
	clientmsgid: string;
	clientmsgidGiven: boolean;
	/** sendall: is_to_all / tag_id; send: the openid list. */
	isToAll?: boolean;
	tagId?: number;
	touser?: string[];
	/** Followers it reaches (after dropping non-followers and users who had their 4 mass messages this month). */
	recipients: string[];
	totalCount: number;
	filterCount: number;
	sentCount: number;
	errorCount: number;
	status: OaMassStatus;
	/** The Status text of the finish event once finished ("send success", "send fail", "err(20013)"). */
	finalStatus?: string;
	submittedAt: number;
	/** When it finishes by itself (submittedAt + the mass job delay). */
	finishAt: number;
	finishedAt?: number;
	deletedAt?: number;
	articles: OaMassArticle[];
	/** The answer sent; a 45065 duplicate carries its msg_id. */
	reply: JsonObject;
}

/** One accepted mass/preview call (previews run no job and push no event). */
export interface OaMassPreview {
	appId: string;
	msgId: number;
	touser: string;
	towxname?: string;
	msgtype: string;
	body: unknown;
	sentAt: number;
}

/** "每个用户每月只能接收4条群发消息，多于4条的群发将对该用户发送失败". */
export const MASS_MESSAGES_PER_USER_PER_MONTH = 4;

/** MASSSENDJOBFINISH comes from the mass-send assistant, not a follower. */
const MASS_ASSISTANT = 'o_mass_send_assistant';

export class OaMassJobs {
	jobs: OaMassJob[] = [];
	previews: OaMassPreview[] = [];
	/** Mass messages each follower received this month, keyed appId + openid. */
	private received = perMonth();
	/** sendall/send calls per account, for the per-minute, per-day and per-month limits (keyed by appId). */
	readonly calls = { perMinute: perMinute(), perDay: perDay(), toAllPerMonth: perMonth(), submittedPerDay: perDay() };
	private timers = new Set<NodeJS.Timeout>();

	constructor(
		private readonly clock: Clock,
		private readonly accounts: OaAccounts,
		private readonly events: OaEventLog,
	) {}

	receivedThisMonth(appId: string, openid: string): number {
		return this.received.count(`${appId}\n${openid}`, this.clock.now());
	}

	submit(job: OaMassJob): void {
		this.jobs.push(job);
		for (const openid of job.recipients) this.received.add(`${job.appId}\n${openid}`, job.submittedAt);
		const delay = job.finishAt - this.clock.now();
		if (delay <= 0) {
			this.settle();
			return;
		}
		// So that event listeners hear of the job without waiting for the next request; unref'd, cleared on close.
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			this.settle();
		}, delay + 5);
		timer.unref();
		this.timers.add(timer);
	}

	find(appId: string, msgId: number): OaMassJob | undefined {
		return this.jobs.find((job) => job.appId === appId && job.msgId === msgId);
	}

	findByArticleUrl(appId: string, url: string): OaMassJob | undefined {
		const wanted = url.split('#')[0];
		return this.jobs.find((job) => job.appId === appId && job.articles.some((article) => article.url.split('#')[0] === wanted));
	}

	/** The newest job of the account with this clientmsgid submitted after `since`. */
	findByClientMsgId(appId: string, clientmsgid: string, since: number): OaMassJob | undefined {
		return this.jobs.filter((job) => job.appId === appId && job.clientmsgid === clientmsgid && job.submittedAt > since).at(-1);
	}

	/** Finishes every SENDING job whose time has come, with success. */
	settle(): void {
		const now = this.clock.now();
		for (const job of this.jobs) if (job.status === 'SENDING' && job.finishAt <= now) this.finish(job, 'send success');
	}

	/** Ends a SENDING job with the event Status `outcome`; false when the job is not SENDING. */
	finish(job: OaMassJob, outcome: string): boolean {
		if (job.status !== 'SENDING') return false;
		const success = outcome === 'send success';
		job.status = success ? 'SEND_SUCCESS' : 'SEND_FAIL';
		job.finalStatus = outcome;
		job.finishedAt = this.clock.now();
		// "send fail" failed for everyone it was for; err(N) (a content check) stopped the job before anyone.
		if (!success) {
			job.sentCount = 0;
			job.errorCount = outcome === 'send fail' ? job.filterCount : 0;
			if (outcome !== 'send fail') job.filterCount = 0;
		}
		const account = this.accounts.get(job.appId);
		if (account !== undefined) this.events.record(job.appId, finishEvent(job, account.ghId));
		return true;
	}

	reset(): void {
		this.jobs = [];
		this.previews = [];
		this.received.reset();
		for (const counter of Object.values(this.calls)) counter.reset();
	}

	close(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}

	snapshot(): { massJobs: OaMassJob[]; massPreviews: OaMassPreview[] } {
		return structuredClone({ massJobs: this.jobs, massPreviews: this.previews });
	}
}

function finishEvent(job: OaMassJob, ghId: string): MassSendJobFinishEvent {
	const event: MassSendJobFinishEvent = {
		ToUserName: ghId,
		FromUserName: MASS_ASSISTANT,
		CreateTime: Math.floor((job.finishedAt ?? job.submittedAt) / 1000),
		MsgType: 'event',
		Event: 'MASSSENDJOBFINISH',
		MsgID: String(job.msgId),
		Status: job.finalStatus ?? 'send success',
		TotalCount: job.totalCount,
		FilterCount: job.filterCount,
		SentCount: job.sentCount,
		ErrorCount: job.errorCount,
	};
	if (job.msgtype === 'mpnews') {
		// The emulator judges no article a reprint: CheckState 1 = "未被判为转载，可以群发", nothing listed.
		event.CopyrightCheckResult = { Count: 0, ResultList: { item: [] }, CheckState: 1 };
		event.ArticleUrlResult = {
			Count: job.articles.length,
			ResultList: { item: job.articles.map((article) => ({ ArticleIdx: article.idx, ArticleUrl: article.url })) },
		};
	}
	return event;
}
