import type { CoreServices } from '../core/services';
import { OaAccounts, type OaAccount, type OaAccountConfig } from './accounts';
import { DEFAULT_OA_SETTINGS, type OaContext, type OaSettings } from './context';
import { oaControl, parseSettings, type OaControl } from './control';
import { registerOaControls } from './control-routes';
import { customRoutes } from './custom-send';
import { OaEventLog, type OaEvent, type OaEventRecord } from './events';
import { OaIds } from './ids';
import { industryRoutes } from './industry';
import { massAdminRoutes } from './mass-admin';
import { OaMassJobs, type OaMassJob, type OaMassPreview } from './mass-jobs';
import { massSendRoutes } from './mass-send';
import { mediaGetRoute, mediaUploadImgRoute, mediaUploadRoute } from './media';
import { newsRoutes } from './news';
import { oaPlatform } from './platform';
import { OaRecords, type OaRecordsSnapshot } from './records';
import { subscribeSendRoute } from './subscribe-send';
import { templateAdminRoutes } from './template-admin';
import { templateSendRoute } from './template-send';
import { classicTokenRoute, stableTokenRoute } from './token-routes';
import { OaTokenIssuer } from './tokens';
import { userRoutes } from './users';
import { registerOaWeb } from './web';
import { OaContent, type OaDraft, type OaMaterial, type OaPublishJob } from './content-store';
import { draftRoutes } from './drafts';
import { materialRoutes } from './material';
import { publishRoutes } from './publish';
import { tagAdminRoutes } from './tag-admin';
import { userInfoRoutes } from './user-info';
import { menuRoutes } from './menus';
import { qrRoutes } from './qrcodes';

/** Everything the OA area holds, as plain JSON. */
export interface OaSnapshot extends OaRecordsSnapshot {
	accounts: OaAccount[];
	massJobs: OaMassJob[];
	massPreviews: OaMassPreview[];
	/** Every TEMPLATESENDJOBFINISH / MASSSENDJOBFINISH event produced, with the account it is for. */
	events: OaEventRecord[];
	settings: OaSettings;
	/** Permanent material (bytes as size), the draft box and publish jobs. */
	materials: Array<Omit<OaMaterial, 'bytes'> & { size: number }>;
	drafts: OaDraft[];
	publishJobs: OaPublishJob[];
}

/** The Official Account area (api.weixin.qq.com): tokens, template, subscribe, mass and customer-service messages, media, users. */
export interface OaModule {
	addAccount(config: OaAccountConfig): OaAccount;
	/** The events WeChat would push to the account's callback URL (all accounts' when no appId), oldest first. */
	events(appId?: string): OaEvent[];
	readonly control: OaControl;
	/** Clears messages, jobs, events and counters, rebuilds each account from its config, restores the settings. */
	reset(): void;
	/** Stops the timers of pending mass jobs. */
	close(): void;
	snapshot(): OaSnapshot;
}

export function registerOa(core: CoreServices, seed: readonly OaAccountConfig[], settings: Partial<OaSettings> = {}): OaModule {
	const parsedSettings = parseSettings(settings);
	if (typeof parsedSettings === 'string') throw new Error(`invalid oaSettings: ${parsedSettings}`);
	const accounts = new OaAccounts();
	const events = new OaEventLog();
	const issuer = new OaTokenIssuer(core.tokens, core.clock);
	const ctx: OaContext = {
		accounts,
		issuer,
		platform: oaPlatform(issuer),
		tokens: core.tokens,
		media: core.media,
		clock: core.clock,
		records: new OaRecords(),
		mass: new OaMassJobs(core.clock, accounts, events),
		content: new OaContent(core.clock, accounts, events),
		events,
		ids: new OaIds(),
		settings: { ...DEFAULT_OA_SETTINGS, ...parsedSettings },
	};
	const initialSettings: OaSettings = { ...ctx.settings };
	for (const config of seed) accounts.add(config);
	core.router.add(stableTokenRoute(ctx));
	core.router.add(classicTokenRoute(ctx));
	const qr = qrRoutes(ctx);
	core.router.add(qr.show);
	for (const route of [
		templateSendRoute(ctx),
		...templateAdminRoutes(ctx),
		...industryRoutes(ctx),
		subscribeSendRoute(ctx),
		...massSendRoutes(ctx),
		...massAdminRoutes(ctx),
		mediaUploadRoute(ctx),
		mediaUploadImgRoute(ctx),
		mediaGetRoute(ctx),
		...newsRoutes(ctx),
		...userRoutes(ctx),
		...tagAdminRoutes(ctx),
		...userInfoRoutes(ctx),
		...menuRoutes(ctx),
		...qr.api,
		...customRoutes(ctx),
		...draftRoutes(ctx),
		...publishRoutes(ctx),
		...materialRoutes(ctx),
	]) {
		core.router.add(route);
	}

	const web = registerOaWeb(core, ctx);

	const module: OaModule = {
		addAccount: (config) => structuredClone(accounts.add(config)),
		events(appId) {
			ctx.mass.settle();
			ctx.content.settle();
			return events.list(appId);
		},
		control: oaControl(ctx),
		reset() {
			accounts.reset();
			issuer.reset();
			ctx.records.reset();
			ctx.mass.reset();
			ctx.content.reset();
			events.reset();
			web.reset();
			Object.assign(ctx.settings, initialSettings);
		},
		close() {
			ctx.mass.close();
			ctx.content.close();
		},
		snapshot() {
			ctx.mass.settle();
			ctx.content.settle();
			return { accounts: accounts.snapshot(), ...ctx.records.snapshot(), ...ctx.mass.snapshot(), ...ctx.content.snapshot(), events: events.snapshot(), settings: { ...ctx.settings } };
		},
	};
	registerOaControls(core.control, { control: module.control, addAccount: module.addAccount, events: module.events });
	return module;
}

export type { OaAccount, OaAccountConfig, OaAccountPatch, OaSubscriptionConfig, OaTagConfig, OaTemplateConfig } from './accounts';
export type { OaControl } from './control';
export type { OaSettings } from './context';
export type { MassSendJobFinishEvent, OaEvent, OaEventListener, OaEventRecord, PublishJobFinishEvent, QrScanEvent, TemplateSendJobFinishEvent } from './events';
export type { OaDraft, OaMaterial, OaPublishJob, PublishStatus } from './content-store';
export type { OaMassJob, OaMassPreview, OaMassStatus } from './mass-jobs';
export type { OaCustomMessage, OaSubscribeMessage, OaTemplateMessage, OaTypingCommand } from './records';
export type { OaTokenInvalidErrcode } from './token-errors';
