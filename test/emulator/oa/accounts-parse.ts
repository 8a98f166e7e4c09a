import { isList, isRecord, isStringArray, nonEmptyString } from '../core/json';
import type { OaAccountConfig, OaAccountPatch, OaSubscriptionConfig, OaTagConfig, OaTemplateConfig } from './accounts';

/** Validators for accounts that come over the control API; each returns the reason when the value is not one. */

function templates(value: unknown, key: string): OaTemplateConfig[] | string {
	if (!isList(value)) return `${key} must be an array`;
	const parsed: OaTemplateConfig[] = [];
	for (const item of value) {
		if (!isRecord(item) || !nonEmptyString(item.templateId) || typeof item.title !== 'string' || typeof item.content !== 'string') {
			return `each of ${key} needs templateId, title and content strings`;
		}
		const template: OaTemplateConfig = { templateId: item.templateId, title: item.title, content: item.content };
		for (const field of ['example', 'primaryIndustry', 'deputyIndustry'] as const) {
			const text = item[field];
			if (text === undefined) continue;
			if (typeof text !== 'string') return `${key}.${field} must be a string`;
			template[field] = text;
		}
		parsed.push(template);
	}
	return parsed;
}

function tags(value: unknown): OaTagConfig[] | string {
	if (!isList(value)) return 'tags must be an array';
	const parsed: OaTagConfig[] = [];
	for (const item of value) {
		if (!isRecord(item) || !Number.isInteger(item.id) || typeof item.name !== 'string' || !isStringArray(item.openids)) return 'each tag needs an integer id, a name and openids';
		parsed.push({ id: item.id as number, name: item.name, openids: item.openids });
	}
	return parsed;
}

function subscriptions(value: unknown): OaSubscriptionConfig[] | string {
	if (!isList(value)) return 'subscriptions must be an array';
	const parsed: OaSubscriptionConfig[] = [];
	for (const item of value) {
		const problem = parseOaSubscription(item);
		if (typeof problem === 'string') return problem;
		parsed.push(problem);
	}
	return parsed;
}

export function parseOaSubscription(item: unknown): OaSubscriptionConfig | string {
	if (!isRecord(item) || !nonEmptyString(item.openid) || !nonEmptyString(item.templateId)) return 'a subscription needs openid and templateId';
	const subscription: OaSubscriptionConfig = { openid: item.openid, templateId: item.templateId };
	if (item.remaining !== undefined) {
		if (!Number.isInteger(item.remaining) || (item.remaining as number) < 0) return 'remaining must be a non-negative integer';
		subscription.remaining = item.remaining as number;
	}
	return subscription;
}

function stringMap(value: unknown, key: string): Record<string, string> | string {
	if (!isRecord(value) || !Object.values(value).every((item) => typeof item === 'string')) return `${key} must map strings to strings`;
	return value as Record<string, string>;
}

function numberMap(value: unknown, key: string): Record<string, number> | string {
	if (!isRecord(value) || !Object.values(value).every((item) => typeof item === 'number')) return `${key} must map openids to times (ms)`;
	return value as Record<string, number>;
}

export function parseOaAccountConfig(value: unknown): OaAccountConfig | string {
	if (!isRecord(value)) return 'an account must be an object';
	if (!nonEmptyString(value.appId) || !nonEmptyString(value.appSecret)) return 'appId and appSecret must be non-empty strings';
	const config: OaAccountConfig = { appId: value.appId, appSecret: value.appSecret };
	for (const key of ['name', 'ghId'] as const) {
		if (value[key] === undefined) continue;
		if (typeof value[key] !== 'string') return `${key} must be a string`;
		config[key] = value[key] as string;
	}
	for (const key of ['followers', 'ipWhitelist', 'templateBlockers'] as const) {
		if (value[key] === undefined) continue;
		if (!isStringArray(value[key])) return `${key} must be an array of strings`;
		config[key] = value[key] as string[];
	}
	for (const key of ['verified', 'serviceAccount', 'secretFrozen'] as const) {
		if (value[key] === undefined) continue;
		if (typeof value[key] !== 'boolean') return `${key} must be a boolean`;
		config[key] = value[key] as boolean;
	}
	const parts: Array<[keyof OaAccountConfig, (item: unknown) => unknown]> = [
		['tags', tags],
		['templates', (item) => templates(item, 'templates')],
		['subscribeTemplates', (item) => templates(item, 'subscribeTemplates')],
		['subscriptions', subscriptions],
		['wxnames', (item) => stringMap(item, 'wxnames')],
		['lastInteractionAt', (item) => numberMap(item, 'lastInteractionAt')],
	];
	for (const [key, parse] of parts) {
		if (value[key] === undefined) continue;
		const parsed = parse(value[key]);
		if (typeof parsed === 'string') return parsed;
		Object.assign(config, { [key]: parsed });
	}
	if (value.industry !== undefined) {
		const industry = value.industry;
		if (!isRecord(industry) || !Number.isInteger(industry.primary) || !Number.isInteger(industry.secondary)) return 'industry must be {primary, secondary} industry ids';
		config.industry = { primary: industry.primary as number, secondary: industry.secondary as number };
	}
	return config;
}

export function parseOaAccountPatch(value: unknown): OaAccountPatch | string {
	if (!isRecord(value) || !nonEmptyString(value.appId)) return 'body must name an appId';
	const patch: OaAccountPatch = { appId: value.appId };
	if (value.ipWhitelist !== undefined) {
		if (value.ipWhitelist !== null && !isStringArray(value.ipWhitelist)) return 'ipWhitelist must be an array of strings or null';
		patch.ipWhitelist = value.ipWhitelist;
	}
	for (const key of ['secretFrozen', 'verified', 'serviceAccount'] as const) {
		if (value[key] === undefined) continue;
		if (typeof value[key] !== 'boolean') return `${key} must be a boolean`;
		patch[key] = value[key] as boolean;
	}
	for (const key of ['addFollowers', 'removeFollowers'] as const) {
		if (value[key] === undefined) continue;
		if (!isStringArray(value[key])) return `${key} must be an array of strings`;
		patch[key] = value[key] as string[];
	}
	for (const key of Object.keys(value)) {
		if (!['appId', 'ipWhitelist', 'secretFrozen', 'verified', 'serviceAccount', 'addFollowers', 'removeFollowers'].includes(key)) return `unknown field ${key}`;
	}
	return patch;
}
