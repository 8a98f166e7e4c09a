import { isIntegerArray, isRecord, isStringArray } from '../core/json';
import type { TokenOwner } from '../core/tokens';
import { WeComErrcode } from './errors';
import { Violation } from './violation';

/** A WeCom self-built app as a test seeds it: its credentials and who is inside its visibility scope. */
export interface WeComAppConfig {
	corpId: string;
	corpSecret: string;
	agentId: number;
	name?: string;
	/** Userids in the app's visibility scope (matched case-insensitively, as WeCom does). */
	users?: string[];
	parties?: number[];
	tags?: number[];
	/** In the visibility scope but without an interface licence: reported in `unlicenseduser`, not delivered. */
	unlicensedUsers?: string[];
	/**
	 * The visibility scope is the root department (the whole company); default true. WeCom allows group chats
	 * (appchat) only for such apps and answers 60011 otherwise. `users` still lists who the emulator knows.
	 */
	visibleToAll?: boolean;
}

export interface WeComApp {
	corpId: string;
	corpSecret: string;
	agentId: number;
	name: string;
	users: string[];
	parties: number[];
	tags: number[];
	unlicensedUsers: string[];
	visibleToAll: boolean;
	/** gettoken calls answered with a token for this app (tests assert token caching with it). */
	gettokenCalls: number;
}

export class WeComApps {
	private apps: WeComApp[] = [];

	/** Adds the app, replacing one with the same corpId and agentId. */
	add(config: WeComAppConfig): WeComApp {
		const app: WeComApp = {
			corpId: config.corpId,
			corpSecret: config.corpSecret,
			agentId: config.agentId,
			name: config.name ?? `App ${config.agentId}`,
			users: [...(config.users ?? [])],
			parties: [...(config.parties ?? [])],
			tags: [...(config.tags ?? [])],
			unlicensedUsers: [...(config.unlicensedUsers ?? [])],
			visibleToAll: config.visibleToAll ?? true,
			gettokenCalls: 0,
		};
		this.apps = this.apps.filter((existing) => !(existing.corpId === app.corpId && existing.agentId === app.agentId));
		this.apps.push(app);
		return app;
	}

	find(corpId: string, agentId: number): WeComApp | undefined {
		return this.apps.find((app) => app.corpId === corpId && app.agentId === agentId);
	}

	hasCorp(corpId: string): boolean {
		return this.apps.some((app) => app.corpId === corpId);
	}

	/** Each app has its own secret; the secret is what identifies the app on gettoken. */
	bySecret(corpId: string, corpSecret: string): WeComApp | undefined {
		return this.apps.find((app) => app.corpId === corpId && app.corpSecret === corpSecret);
	}

	resetCounters(): void {
		for (const app of this.apps) app.gettokenCalls = 0;
	}

	snapshot(): WeComApp[] {
		return this.apps.map((app) => ({ ...app }));
	}
}

/**
 * The app named by a body's `agentid`, which must be the token's own app. WeCom accepts the id as a number
 * or a string of digits (SDKs send both).
 */
export function agentFromBody(apps: WeComApps, caller: TokenOwner, agentid: unknown): WeComApp | Violation {
	if (agentid === undefined || agentid === null || agentid === '') return new Violation(WeComErrcode.missingAgentId, 'agentid missing');
	const agentId = typeof agentid === 'string' && /^\d+$/.test(agentid) ? Number(agentid) : agentid;
	if (typeof agentId !== 'number' || !Number.isInteger(agentId)) return new Violation(WeComErrcode.invalidAgentId, 'invalid agentid');
	const app = apps.find(caller.corpId, agentId);
	if (app === undefined) return new Violation(WeComErrcode.invalidAgentId, 'invalid agentid');
	if (agentId !== caller.agentId) return new Violation(WeComErrcode.otherAgent, 'not allow to operate another agent');
	return app;
}

/** Validates an app that came over the control API. */
export function parseWeComAppConfig(value: unknown): WeComAppConfig | string {
	if (!isRecord(value)) return 'an app must be an object';
	const { corpId, corpSecret, agentId, name, users, parties, tags, unlicensedUsers, visibleToAll } = value;
	if (typeof corpId !== 'string' || corpId === '') return 'corpId must be a non-empty string';
	if (typeof corpSecret !== 'string' || corpSecret === '') return 'corpSecret must be a non-empty string';
	if (typeof agentId !== 'number' || !Number.isInteger(agentId)) return 'agentId must be an integer';
	if (name !== undefined && typeof name !== 'string') return 'name must be a string';
	const config: WeComAppConfig = { corpId, corpSecret, agentId };
	if (typeof name === 'string') config.name = name;
	if (visibleToAll !== undefined && typeof visibleToAll !== 'boolean') return 'visibleToAll must be a boolean';
	if (typeof visibleToAll === 'boolean') config.visibleToAll = visibleToAll;
	for (const [key, list] of [['users', users], ['unlicensedUsers', unlicensedUsers]] as const) {
		if (list === undefined) continue;
		if (!isStringArray(list)) return `${key} must be an array of strings`;
		config[key] = list;
	}
	for (const [key, list] of [['parties', parties], ['tags', tags]] as const) {
		if (list === undefined) continue;
		if (!isIntegerArray(list)) return `${key} must be an array of integers`;
		config[key] = list;
	}
	return config;
}
