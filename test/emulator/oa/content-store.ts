import { randomBytes, randomInt } from 'node:crypto';
import type { Clock } from '../core/clock';
import type { JsonObject } from '../core/json';
import { randomId } from '../core/ids';
import type { OaAccounts } from './accounts';
import type { OaEventLog, PublishJobFinishEvent } from './events';

/**
 * The account's content library: permanent material (永久素材), the draft box (草稿箱) and publish jobs (发布).
 * A publish job stays "publishing" (status 1) for the publish delay of emulator time, then finishes (0 unless a
 * test chose another outcome) and records PUBLISHJOBFINISH, which the callback pusher sends to the trigger.
 */

export type MaterialType = 'image' | 'voice' | 'video' | 'thumb';

export interface OaMaterial {
	appId: string;
	mediaId: string;
	type: MaterialType;
	/** The uploaded file name (batchget_material `name`). */
	name: string;
	contentType: string;
	bytes: Buffer;
	/** Images only: the CDN URL add_material answers. */
	url?: string;
	/** Videos only (add_material `description`). */
	title?: string;
	introduction?: string;
	updatedAt: number;
}

/** One article as draft/add stores it (the request's fields, checked). */
export type DraftArticle = JsonObject & { title: string; content: string; thumb_media_id: string };

export interface OaDraft {
	appId: string;
	mediaId: string;
	articles: DraftArticle[];
	updatedAt: number;
}

/** 0 success, 1 publishing, 2 original check failed, 3 failed, 4 rejected by review, 5 all deleted by the user, 6 all banned. */
export type PublishStatus = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface PublishedArticle {
	idx: number;
	article: DraftArticle;
	url: string;
	deleted: boolean;
}

export interface OaPublishJob {
	appId: string;
	publishId: string;
	msgDataId: string;
	draftMediaId: string;
	status: PublishStatus;
	submittedAt: number;
	finishAt: number;
	finishedAt?: number;
	/** Set when it succeeded. */
	articleId?: string;
	articles: PublishedArticle[];
	/** 1-based numbers of the articles that failed (statuses 2 and 4). */
	failIdx: number[];
	updatedAt: number;
}

/** What a test may make a publish job end with (1 is not an end). */
export function isPublishOutcome(value: unknown): value is Exclude<PublishStatus, 1> {
	return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 6 && value !== 1;
}

/** PUBLISHJOBFINISH comes from the account's mass-send helper: "公众号群发助手的openid，为mphelper". */
const PUBLISH_HELPER = 'mphelper';

export class OaContent {
	materials: OaMaterial[] = [];
	drafts: OaDraft[] = [];
	jobs: OaPublishJob[] = [];
	private publishIds = 2_247_500_000 + randomInt(100_000);
	private timers = new Set<NodeJS.Timeout>();

	constructor(
		private readonly clock: Clock,
		private readonly accounts: OaAccounts,
		private readonly events: OaEventLog,
	) {}

	addMaterial(material: Omit<OaMaterial, 'mediaId' | 'updatedAt'>): OaMaterial {
		const stored: OaMaterial = { ...material, mediaId: randomId(32), updatedAt: this.clock.now() };
		this.materials.push(stored);
		return stored;
	}

	material(appId: string, mediaId: unknown, types?: readonly MaterialType[]): OaMaterial | undefined {
		return this.materials.find(
			(item) => item.appId === appId && item.mediaId === mediaId && (types === undefined || types.includes(item.type)),
		);
	}

	removeMaterial(material: OaMaterial): void {
		this.materials = this.materials.filter((item) => item !== material);
	}

	addDraft(appId: string, articles: DraftArticle[]): OaDraft {
		const draft: OaDraft = { appId, mediaId: randomId(32), articles, updatedAt: this.clock.now() };
		this.drafts.push(draft);
		return draft;
	}

	draft(appId: string, mediaId: unknown): OaDraft | undefined {
		return this.drafts.find((draft) => draft.appId === appId && draft.mediaId === mediaId);
	}

	/** "上传到草稿箱中的素材被群发或发布后，该素材将从草稿箱中移除". */
	removeDraft(draft: OaDraft): void {
		this.drafts = this.drafts.filter((item) => item !== draft);
	}

	/** A job for the draft, which leaves the draft box; finishes after `delayMs` of emulator time. */
	submit(draft: OaDraft, delayMs: number): OaPublishJob {
		this.removeDraft(draft);
		const now = this.clock.now();
		this.publishIds += 1 + randomInt(100);
		const job: OaPublishJob = {
			appId: draft.appId,
			publishId: String(this.publishIds),
			msgDataId: String(this.publishIds + 1_000_000),
			draftMediaId: draft.mediaId,
			status: 1,
			submittedAt: now,
			finishAt: now + delayMs,
			articles: draft.articles.map((article, index) => ({ idx: index + 1, article, url: '', deleted: false })),
			failIdx: [],
			updatedAt: now,
		};
		this.jobs.push(job);
		if (delayMs <= 0) this.settle();
		else {
			// So that the trigger hears of the job without waiting for the next request; unref'd, cleared on close.
			const timer = setTimeout(() => {
				this.timers.delete(timer);
				this.settle();
			}, delayMs + 5);
			timer.unref();
			this.timers.add(timer);
		}
		return job;
	}

	job(appId: string, publishId: unknown): OaPublishJob | undefined {
		return this.jobs.find((job) => job.appId === appId && job.publishId === String(publishId));
	}

	published(appId: string, articleId: unknown): OaPublishJob | undefined {
		return this.jobs.find((job) => job.appId === appId && job.articleId !== undefined && job.articleId === articleId);
	}

	/** Finishes every job whose time has come, with success. */
	settle(): void {
		const now = this.clock.now();
		for (const job of this.jobs) if (job.status === 1 && job.finishAt <= now) this.finish(job, 0);
	}

	/** Ends a publishing job; false when it already ended. Statuses 2 and 4 fail the first article. */
	finish(job: OaPublishJob, status: Exclude<PublishStatus, 1>, failIdx?: number[]): boolean {
		if (job.status !== 1) return false;
		job.status = status;
		job.finishedAt = this.clock.now();
		job.updatedAt = job.finishedAt;
		if (status === 0 || status === 5 || status === 6) {
			job.articleId = randomBytes(24).toString('base64url');
			const biz = Buffer.from(job.appId).toString('base64url');
			for (const entry of job.articles) {
				entry.url = `https://mp.weixin.qq.com/s?__biz=${biz}&mid=${job.msgDataId}&idx=${entry.idx}&sn=${randomBytes(16).toString('hex')}#rd`;
				entry.deleted = status !== 0;
			}
		}
		if (status === 2 || status === 4) job.failIdx = failIdx ?? [1];
		const account = this.accounts.get(job.appId);
		if (account !== undefined) this.events.record(job.appId, finishEvent(job, account.ghId));
		return true;
	}

	reset(): void {
		this.close();
		this.materials = [];
		this.drafts = [];
		this.jobs = [];
	}

	close(): void {
		for (const timer of this.timers) clearTimeout(timer);
		this.timers.clear();
	}

	snapshot(): {
		materials: Array<Omit<OaMaterial, 'bytes'> & { size: number }>;
		drafts: OaDraft[];
		publishJobs: OaPublishJob[];
	} {
		return structuredClone({
			materials: this.materials.map(({ bytes, ...rest }) => ({ ...rest, size: bytes.length })),
			drafts: this.drafts,
			publishJobs: this.jobs,
		});
	}
}

/** The event as WeChat's "发布结果的事件推送" shows it; publish_id and the numbers are written bare in the XML. */
function finishEvent(job: OaPublishJob, ghId: string): PublishJobFinishEvent {
	const info: PublishJobFinishEvent['PublishEventInfo'] = { publish_id: job.publishId, publish_status: job.status };
	if (job.articleId !== undefined && job.status === 0) {
		info.article_id = job.articleId;
		info.article_detail = {
			count: job.articles.length,
			item: job.articles.map((entry) => ({ idx: entry.idx, article_url: entry.url })),
		};
	}
	if (job.failIdx.length > 0) info.fail_idx = job.failIdx;
	return {
		ToUserName: ghId,
		FromUserName: PUBLISH_HELPER,
		CreateTime: Math.floor((job.finishedAt ?? job.submittedAt) / 1000),
		MsgType: 'event',
		Event: 'PUBLISHJOBFINISH',
		PublishEventInfo: info,
	};
}
