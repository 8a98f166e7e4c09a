import type { Clock } from '../core/clock';
import { nonEmptyString } from '../core/json';
import type { MediaStore, StoredMedia } from '../core/media-store';
import type { ApiReply, PlatformProfile, TokenRequest, TokenRoute } from '../core/router';
import type { TokenStore } from '../core/tokens';
import type { OaAccount, OaAccounts } from './accounts';
import type { OaContent } from './content-store';
import { OaErrcode, refuse, violation, type OaViolation } from './errors';
import type { OaEventLog } from './events';
import type { OaIds } from './ids';
import type { OaMassJobs } from './mass-jobs';
import type { OaRecords } from './records';
import type { OaTokenIssuer } from './tokens';

/** Knobs a test can turn (option `oaSettings`, `emulator.oa.configure`, POST /__emulator/oa/settings). */
export interface OaSettings {
	/** Openids per page of user/get and user/tag/get; WeChat's is 10,000, tests page through a few with 2. */
	userListPageSize: number;
	/** How long a mass job stays SENDING before it finishes (emulator clock); 0 = finished at submission. */
	massJobDelaySeconds: number;
	/** How long a publish job stays "publishing" before PUBLISHJOBFINISH (emulator clock); 0 = at submission. */
	publishJobDelaySeconds: number;
}

export const DEFAULT_OA_SETTINGS: OaSettings = { userListPageSize: 10_000, massJobDelaySeconds: 0, publishJobDelaySeconds: 3 };

/** Everything the OA route handlers share. */
export interface OaContext {
	accounts: OaAccounts;
	issuer: OaTokenIssuer;
	platform: PlatformProfile;
	tokens: TokenStore;
	media: MediaStore;
	clock: Clock;
	records: OaRecords;
	mass: OaMassJobs;
	/** Permanent material, drafts and publish jobs. */
	content: OaContent;
	events: OaEventLog;
	ids: OaIds;
	settings: OaSettings;
}

/** OA media belong to one account: "素材只能由上传它的公众号使用". */
export function accountScope(appId: string): string {
	return `oa:${appId}`;
}

/** A live upload of this account of one of `types`, or undefined (unknown, expired and foreign look alike). */
export function findMedia(ctx: OaContext, appId: string, mediaId: unknown, types: readonly string[]): StoredMedia | undefined {
	if (!nonEmptyString(mediaId)) return undefined;
	const media = ctx.media.find(mediaId, accountScope(appId));
	return media !== undefined && types.includes(media.type) ? media : undefined;
}

/**
 * A token route of the OA. Before the handler runs, mass jobs that are due are finished (their events
 * recorded), so every answer reflects the emulator clock.
 */
export function oaRoute(
	ctx: OaContext,
	method: 'GET' | 'POST',
	path: string,
	handle: (req: TokenRequest<'oa'>, account: OaAccount) => ApiReply,
): TokenRoute<'oa'> {
	return {
		method,
		path,
		platform: ctx.platform,
		auth: 'token',
		handle(req) {
			ctx.mass.settle();
			const account = ctx.accounts.get(req.caller.appId);
			// Tokens outlive nothing: reset() clears them together with the accounts' state.
			if (account === undefined) return refuse(violation(OaErrcode.invalidCredential));
			return handle(req, account);
		},
	};
}

/** 48001 for the APIs an unverified account has no permission for (mass, template, custom, user lists). */
export function requireVerified(account: OaAccount): OaViolation | undefined {
	return account.verified ? undefined : violation(OaErrcode.apiUnauthorized);
}

/**
 * Checks a recipient openid: a follower passes; a missing value or another account's follower is 40003
 * "invalid openid"; anyone else is a non-follower and gets `notFollowing` (43004 for template messages,
 * 45015 for customer-service messages: "response out of time limit or subscription is canceled").
 */
export function followerViolation(ctx: OaContext, account: OaAccount, openid: unknown, notFollowing: number): OaViolation | undefined {
	if (!nonEmptyString(openid)) return violation(OaErrcode.invalidOpenid, 'touser is required');
	if (account.followers.includes(openid)) return undefined;
	if (ctx.accounts.belongsElsewhere(account.appId, openid)) return violation(OaErrcode.invalidOpenid);
	return violation(notFollowing);
}
