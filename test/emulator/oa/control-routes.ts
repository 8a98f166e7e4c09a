import { badRequest, ok, type ControlApi, type ControlReply } from '../core/control-api';
import { isRecord } from '../core/json';
import type { OaAccount, OaAccountConfig } from './accounts';
import { parseOaAccountConfig, parseOaAccountPatch, parseOaSubscription } from './accounts-parse';
import { follower, isMassOutcome, parseSettings, type OaControl } from './control';
import type { OaEvent } from './events';
import { isPublishOutcome } from './content-store';
import { isTokenInvalidErrcode } from './token-errors';

export interface OaControlTarget {
	control: OaControl;
	addAccount(config: OaAccountConfig): OaAccount;
	events(appId?: string): OaEvent[];
}

/** Runs an in-process control and turns its refusal (a thrown Error) into a 400 with the reason. */
function attempt(run: () => unknown): ControlReply {
	try {
		return ok(run() ?? { ok: true });
	} catch (error) {
		return badRequest(error instanceof Error ? error.message : String(error));
	}
}

/** The OA's control routes under /__emulator/oa/ (JSON in and out, 400 `{error}` for bad input). */
export function registerOaControls(api: ControlApi, target: OaControlTarget): void {
	const { control } = target;
	api.add('POST', 'oa/accounts', ({ body }) => {
		const config = parseOaAccountConfig(body);
		return typeof config === 'string' ? badRequest(config) : ok(target.addAccount(config));
	});
	api.add('POST', 'oa/accounts/update', ({ body }) => {
		const patch = parseOaAccountPatch(body);
		return typeof patch === 'string' ? badRequest(patch) : attempt(() => control.updateAccount(patch));
	});
	api.add('POST', 'oa/interactions', ({ body }) => {
		const who = follower(body);
		const at = isRecord(body) ? body.at : undefined;
		if (who === undefined || (at !== undefined && typeof at !== 'number')) return badRequest('body must be {"appId", "openid", "at"?: ms}');
		return attempt(() => control.recordInteraction(who.appId, who.openid, at));
	});
	api.add('POST', 'oa/subscriptions', ({ body }) => {
		const subscription = parseOaSubscription(body);
		if (typeof subscription === 'string' || !isRecord(body) || typeof body.appId !== 'string') return badRequest(typeof subscription === 'string' ? subscription : 'appId is required');
		const appId = body.appId;
		return attempt(() => control.addSubscription(appId, subscription));
	});
	api.add('POST', 'oa/tokens/revoke', ({ body }) => {
		const fields = isRecord(body) ? body : {};
		const { appId, token, source, errcode } = fields;
		if ((appId !== undefined && typeof appId !== 'string') || (token !== undefined && typeof token !== 'string')) return badRequest('appId and token must be strings');
		if (source !== undefined && source !== 'stable' && source !== 'classic') return badRequest('source must be "stable" or "classic"');
		if (errcode !== undefined && !isTokenInvalidErrcode(errcode)) return badRequest('errcode must be 40001, 40014 or 42007');
		return ok({ revoked: control.revokeTokens({ appId, token, source }, errcode) });
	});
	api.add('GET', 'oa/events', ({ query }) => ok(target.events(query.appId)));
	api.add('POST', 'oa/qrcode/scan', ({ body }) => {
		const { appId, ticket, openid } = isRecord(body) ? body : {};
		if (typeof appId !== 'string' || typeof ticket !== 'string' || typeof openid !== 'string' || !openid)
			return badRequest('body must be {"appId", "ticket", "openid"}');
		return attempt(() => control.scanQrCode(appId, ticket, openid));
	});
	api.add('POST', 'oa/mass/finish', ({ body }) => {
		const msgId = isRecord(body) ? body.msgId : undefined;
		const status = isRecord(body) ? body.status : undefined;
		if (typeof msgId !== 'number') return badRequest('body must be {"msgId": number, "status"?: "send success" | "send fail" | "err(N)"}');
		if (status !== undefined && !isMassOutcome(status)) return badRequest('status must be "send success", "send fail" or "err(<code>)"');
		return attempt(() => control.finishMassJob(msgId, status));
	});
	api.add('POST', 'oa/publish/finish', ({ body }) => {
		const { publishId, status, failIdx } = isRecord(body) ? body : {};
		if (typeof publishId !== 'string') return badRequest('body must be {"publishId": string, "status"?: 0 | 2..6, "failIdx"?: number[]}');
		if (status !== undefined && !isPublishOutcome(status)) return badRequest('status must be 0 or 2 to 6');
		if (failIdx !== undefined && !(Array.isArray(failIdx) && failIdx.every((idx) => Number.isInteger(idx) && idx >= 1))) return badRequest('failIdx must be a list of article numbers from 1');
		return attempt(() => control.finishPublishJob(publishId, status, failIdx as number[] | undefined));
	});
	api.add('POST', 'oa/settings', ({ body }) => {
		const settings = parseSettings(body);
		return typeof settings === 'string' ? badRequest(settings) : ok(control.configure(settings));
	});
}
