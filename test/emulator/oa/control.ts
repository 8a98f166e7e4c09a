import { isRecord, nonEmptyString } from '../core/json';
import type { OaTokenSource } from '../core/tokens';
import type { OaAccount, OaAccountPatch, OaSubscriptionConfig } from './accounts';
import type { OaContext, OaSettings } from './context';
import type { OaEventListener, QrScanEvent } from './events';
import { scanQrCode } from './qrcodes';
import type { OaMassJob } from './mass-jobs';
import { isPublishOutcome, type OaPublishJob, type PublishStatus } from './content-store';
import type { OaTokenInvalidErrcode } from './token-errors';

/** The final Status texts a test may give a mass job (MASSSENDJOBFINISH `Status`). */
export function isMassOutcome(value: unknown): value is string {
	return value === 'send success' || value === 'send fail' || (typeof value === 'string' && /^err\(\d+\)$/.test(value));
}

/** What tests can do to the OA area beyond calling its API (in-process as `emulator.oa`). */
export interface OaControl {
	/** Changes flags and followers of a live account (40164 whitelist, 40243 frozen secret, 48001, unfollows). */
	updateAccount(patch: OaAccountPatch): OaAccount;
	/** The follower messaged the account at `at` (default now): opens the 48-hour customer-service window. */
	recordInteraction(appId: string, openid: string, at?: number): void;
	/** The user accepted a subscribe-message template in the pop-up (what bizsend needs; else 43101). */
	addSubscription(appId: string, subscription: OaSubscriptionConfig): void;
	/** Revokes OA tokens so their next use answers 40001 (default), 40014 or 42007; returns how many. */
	revokeTokens(filter: { appId?: string; token?: string; source?: OaTokenSource }, errcode?: OaTokenInvalidErrcode): number;
	/** Ends a SENDING mass job now with a final status ("send success", "send fail", "err(20013)"). */
	finishMassJob(msgId: number, status?: string): OaMassJob;
	/** Ends a publishing job now with status 0 (success) or 2-6 (fail_idx for 2 and 4, default [1]). */
	finishPublishJob(publishId: string, status?: Exclude<PublishStatus, 1>, failIdx?: number[]): OaPublishJob;
	/** Changes the page size of user lists and the mass and publish job delays; returns the settings now in force. */
	configure(settings: Partial<OaSettings>): OaSettings;
	/** Calls `listener` for each TEMPLATESENDJOBFINISH / MASSSENDJOBFINISH recorded from now on; returns unsubscribe. */
	onEvent(listener: OaEventListener): () => void;
	/** A WeChat user scans a code of the account (subscribe or SCAN with the scene), pushed to a configured target. */
	scanQrCode(appId: string, ticket: string, openid: string): QrScanEvent;
}

function accountOf(ctx: OaContext, appId: string): OaAccount {
	const account = ctx.accounts.get(appId);
	if (account === undefined) throw new Error(`no OA account ${appId}`);
	return account;
}

export function oaControl(ctx: OaContext): OaControl {
	return {
		updateAccount: (patch) => structuredClone(ctx.accounts.update(patch)),
		recordInteraction(appId, openid, at = ctx.clock.now()) {
			accountOf(ctx, appId).lastInteractionAt[openid] = at;
		},
		addSubscription(appId, subscription) {
			accountOf(ctx, appId).subscriptions.push({ openid: subscription.openid, templateId: subscription.templateId, remaining: subscription.remaining ?? null });
		},
		revokeTokens: (filter, errcode = 40001) => ctx.issuer.revoke(filter, errcode),
		finishMassJob(msgId, status = 'send success') {
			if (!isMassOutcome(status)) throw new Error(`status must be "send success", "send fail" or "err(<code>)", got ${status}`);
			ctx.mass.settle();
			const job = ctx.mass.jobs.find((candidate) => candidate.msgId === msgId);
			if (job === undefined) throw new Error(`no mass job ${msgId}`);
			if (!ctx.mass.finish(job, status)) throw new Error(`mass job ${msgId} is ${job.status}, not SENDING`);
			return structuredClone(job);
		},
		finishPublishJob(publishId, status = 0, failIdx) {
			if (!isPublishOutcome(status)) throw new Error(`status must be 0 or 2 to 6, got ${String(status)}`);
			ctx.content.settle();
			const job = ctx.content.jobs.find((candidate) => candidate.publishId === publishId);
			if (job === undefined) throw new Error(`no publish job ${publishId}`);
			if (!ctx.content.finish(job, status, failIdx)) throw new Error(`publish job ${publishId} already ended with ${job.status}`);
			return structuredClone(job);
		},
		configure(settings) {
			const parsed = parseSettings(settings);
			if (typeof parsed === 'string') throw new Error(parsed);
			Object.assign(ctx.settings, parsed);
			return { ...ctx.settings };
		},
		onEvent: (listener) => ctx.events.subscribe(listener),
		scanQrCode: (appId, ticket, openid) => scanQrCode(ctx, appId, ticket, openid),
	};
}

/** Settings that came over the control API, or why they cannot be used. */
export function parseSettings(value: unknown): Partial<OaSettings> | string {
	if (!isRecord(value)) return 'settings must be an object';
	const { userListPageSize, massJobDelaySeconds, publishJobDelaySeconds, ...rest } = value;
	if (Object.keys(rest).length > 0) return `unknown setting ${Object.keys(rest)[0]}`;
	const settings: Partial<OaSettings> = {};
	if (userListPageSize !== undefined) {
		if (typeof userListPageSize !== 'number' || !Number.isInteger(userListPageSize) || userListPageSize < 1) return 'userListPageSize must be a positive integer';
		settings.userListPageSize = userListPageSize;
	}
	if (massJobDelaySeconds !== undefined) {
		if (typeof massJobDelaySeconds !== 'number' || !(massJobDelaySeconds >= 0)) return 'massJobDelaySeconds must be a non-negative number';
		settings.massJobDelaySeconds = massJobDelaySeconds;
	}
	if (publishJobDelaySeconds !== undefined) {
		if (typeof publishJobDelaySeconds !== 'number' || !(publishJobDelaySeconds >= 0)) return 'publishJobDelaySeconds must be a non-negative number';
		settings.publishJobDelaySeconds = publishJobDelaySeconds;
	}
	return settings;
}

/** `{appId, openid}` as control bodies name a follower. */
export function follower(body: unknown): { appId: string; openid: string } | undefined {
	return isRecord(body) && nonEmptyString(body.appId) && nonEmptyString(body.openid) ? { appId: body.appId, openid: body.openid } : undefined;
}
