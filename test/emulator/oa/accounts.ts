/** Official Accounts as tests seed them, and the live state each account keeps while the emulator runs. */
import type { OaMenus } from './menus';
import type { OaQrCode, OaShortKey } from './qrcodes';

/** A template of the account ("我的模板"): `content` holds the `{{key.DATA}}` keywords a send must fill. */
export interface OaTemplateConfig {
	templateId: string;
	title: string;
	content: string;
	example?: string;
	primaryIndustry?: string;
	deputyIndustry?: string;
}

export interface OaTagConfig {
	id: number;
	name: string;
	openids: string[];
}

/** A user's consent to one subscribe-message template (订阅通知): `remaining` sends, or unlimited when absent. */
export interface OaSubscriptionConfig {
	openid: string;
	templateId: string;
	remaining?: number;
}

export interface OaAccountConfig {
	appId: string;
	appSecret: string;
	name?: string;
	/** The account's original id (ToUserName of callbacks); default `gh_` + appId. */
	ghId?: string;
	/** Followers' openids in subscribe order (user/get pages through them in this order). */
	followers?: string[];
	tags?: OaTagConfig[];
	templates?: OaTemplateConfig[];
	/** Templates for subscribe messages (message/subscribe/bizsend), kept apart from template messages. */
	subscribeTemplates?: OaTemplateConfig[];
	subscriptions?: OaSubscriptionConfig[];
	/** Industry ids (1..41, see template-library.ts) as api_set_industry would have set them. */
	industry?: { primary: number; secondary: number };
	/** Default true: unverified accounts get 48001 from mass, template, custom-message and user APIs. */
	verified?: boolean;
	/** Default true: template messages are for service accounts; subscription accounts mass-send once a day. */
	serviceAccount?: boolean;
	/** API IP whitelist; when set, token calls from other IPs get 40164. Default: no whitelist. */
	ipWhitelist?: string[];
	/** AppSecret frozen in the console: token calls get 40243. */
	secretFrozen?: boolean;
	/** WeChat IDs (微信号) for mass/preview `towxname`, mapped to the follower's openid. */
	wxnames?: Record<string, string>;
	/** Followers who blocked template messages: sends succeed, the finish event says "failed:user block". */
	templateBlockers?: string[];
	/** When each follower last messaged the account (ms since the epoch); custom/send needs one within 48 h. */
	lastInteractionAt?: Record<string, number>;
}

export interface OaTag {
	id: number;
	name: string;
	openids: string[];
}

export interface OaSubscription {
	openid: string;
	templateId: string;
	/** null = a long-term subscription that never runs out. */
	remaining: number | null;
}

/** The live account: its config plus what API calls changed and the counters tests assert on. */
export interface OaAccount {
	appId: string;
	appSecret: string;
	name: string;
	ghId: string;
	followers: string[];
	tags: OaTag[];
	templates: OaTemplateConfig[];
	subscribeTemplates: OaTemplateConfig[];
	subscriptions: OaSubscription[];
	industry: { primary: number; secondary: number } | null;
	/** When api_set_industry last changed the industry (it may change once a month). */
	industryChangedAt: number | null;
	verified: boolean;
	serviceAccount: boolean;
	ipWhitelist: string[] | null;
	secretFrozen: boolean;
	wxnames: Record<string, string>;
	templateBlockers: string[];
	lastInteractionAt: Record<string, number>;
	/** mass/speed/set level 0..4. */
	massSpeed: number;
	/** Follower remarks set with user/info/updateremark. */
	remarks: Record<string, string>;
	/** Blacklisted openids, oldest first (tags/members/batchblacklist); they stay followers. */
	blacklist: string[];
	/** The API menu (menu/create, menu/addconditional); null when none. */
	menus: OaMenus | null;
	/** Tickets issued by qrcode/create. */
	qrCodes: OaQrCode[];
	/** Keys issued by shorten/gen. */
	shortKeys: OaShortKey[];
	/** Calls today (China's day) of the APIs with a daily quota, by path (see api-quota.ts). */
	dailyCalls: Record<string, { day: number; count: number }>;
	/** stable_token calls answered with a token (tests assert one per 1,000 items). */
	stableTokenCalls: number;
	/** Of those, calls with force_refresh: true. */
	forceRefreshCalls: number;
	/** Classic /cgi-bin/token calls answered with a token. */
	tokenCalls: number;
}

/** Fields a test may change on a live account (in-process or POST /__emulator/oa/accounts/update). */
export interface OaAccountPatch {
	appId: string;
	ipWhitelist?: string[] | null;
	secretFrozen?: boolean;
	verified?: boolean;
	serviceAccount?: boolean;
	/** Appended to the followers (a new subscribe). */
	addFollowers?: string[];
	/** Removed from the followers and their tags (an unsubscribe). */
	removeFollowers?: string[];
}

function fromConfig(config: OaAccountConfig): OaAccount {
	return {
		appId: config.appId,
		appSecret: config.appSecret,
		name: config.name ?? config.appId,
		ghId: config.ghId ?? `gh_${config.appId}`,
		followers: [...(config.followers ?? [])],
		tags: (config.tags ?? []).map((tag) => ({ id: tag.id, name: tag.name, openids: [...tag.openids] })),
		templates: (config.templates ?? []).map((template) => ({ ...template })),
		subscribeTemplates: (config.subscribeTemplates ?? []).map((template) => ({ ...template })),
		subscriptions: (config.subscriptions ?? []).map((s) => ({ openid: s.openid, templateId: s.templateId, remaining: s.remaining ?? null })),
		industry: config.industry === undefined ? null : { ...config.industry },
		industryChangedAt: null,
		verified: config.verified ?? true,
		serviceAccount: config.serviceAccount ?? true,
		ipWhitelist: config.ipWhitelist === undefined ? null : [...config.ipWhitelist],
		secretFrozen: config.secretFrozen ?? false,
		wxnames: { ...(config.wxnames ?? {}) },
		templateBlockers: [...(config.templateBlockers ?? [])],
		lastInteractionAt: { ...(config.lastInteractionAt ?? {}) },
		massSpeed: 0,
		remarks: {},
		blacklist: [],
		menus: null,
		qrCodes: [],
		shortKeys: [],
		dailyCalls: {},
		stableTokenCalls: 0,
		forceRefreshCalls: 0,
		tokenCalls: 0,
	};
}

export class OaAccounts {
	/** The config each account was last added with: reset() rebuilds the accounts from these. */
	private configs = new Map<string, OaAccountConfig>();
	private accounts = new Map<string, OaAccount>();

	/** Adds the account, replacing one with the same appId. */
	add(config: OaAccountConfig): OaAccount {
		this.configs.set(config.appId, config);
		const account = fromConfig(config);
		this.accounts.set(config.appId, account);
		return account;
	}

	get(appId: string): OaAccount | undefined {
		return this.accounts.get(appId);
	}

	all(): OaAccount[] {
		return [...this.accounts.values()];
	}

	/** Whether `openid` follows any OTHER account: such an openid is "invalid" (40003) rather than a non-follower. */
	belongsElsewhere(appId: string, openid: string): boolean {
		return this.all().some((account) => account.appId !== appId && account.followers.includes(openid));
	}

	update(patch: OaAccountPatch): OaAccount {
		const account = this.accounts.get(patch.appId);
		if (account === undefined) throw new Error(`no OA account ${patch.appId}`);
		if (patch.ipWhitelist !== undefined) account.ipWhitelist = patch.ipWhitelist === null ? null : [...patch.ipWhitelist];
		if (patch.secretFrozen !== undefined) account.secretFrozen = patch.secretFrozen;
		if (patch.verified !== undefined) account.verified = patch.verified;
		if (patch.serviceAccount !== undefined) account.serviceAccount = patch.serviceAccount;
		for (const openid of patch.addFollowers ?? []) if (!account.followers.includes(openid)) account.followers.push(openid);
		const removed = new Set(patch.removeFollowers ?? []);
		if (removed.size > 0) {
			account.followers = account.followers.filter((openid) => !removed.has(openid));
			for (const tag of account.tags) tag.openids = tag.openids.filter((openid) => !removed.has(openid));
		}
		return account;
	}

	/** Back to the configs: undoes templates added, industries set, subscriptions used and counters. */
	reset(): void {
		for (const [appId, config] of this.configs) this.accounts.set(appId, fromConfig(config));
	}

	snapshot(): OaAccount[] {
		return this.all().map((account) => structuredClone(account));
	}
}
