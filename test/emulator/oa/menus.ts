import { isList, isRecord, utf8Length, type JsonObject, type JsonValue } from '../core/json';
import type { ApiReply, TokenRequest, TokenRoute } from '../core/router';
import type { OaAccount } from './accounts';
import type { OaContext } from './context';
import { limitedRoute } from './api-quota';
import { OaErrcode, oaBare, oaOk, refuse, violation, type OaViolation } from './errors';
import { followerTagIds } from './tag-admin';

export interface OaConditionalMenu {
	menuid: number;
	button: JsonValue[];
	matchrule: JsonObject;
}

/** The API menu: the default one and the conditional menus (个性化菜单) added after it, oldest first. */
export interface OaMenus {
	menuid: number;
	button: JsonValue[];
	conditional: OaConditionalMenu[];
}

/** Button types of the current createCustomMenu reference, and the field each needs. */
const NEEDS: Record<string, readonly string[]> = {
	click: ['key'],
	scancode_push: ['key'],
	scancode_waitmsg: ['key'],
	pic_sysphoto: ['key'],
	pic_photo_or_album: ['key'],
	pic_weixin: ['key'],
	location_select: ['key'],
	view: ['url'],
	miniprogram: ['url', 'appid', 'pagepath'],
	media_id: ['media_id'],
	view_limited: ['media_id'],
	article_id: ['article_id'],
	article_view_limited: ['article_id'],
};
/** "标题不超过16个字节，子菜单不超过60个字节"; key 128 bytes, url 1024 bytes. */
const LIMITS = {
	top: {
		name: 16,
		codes: [
			OaErrcode.invalidButtonType,
			OaErrcode.invalidButtonNameSize,
			OaErrcode.invalidButtonKeySize,
			OaErrcode.invalidButtonUrlSize,
		],
	},
	sub: {
		name: 60,
		codes: [
			OaErrcode.invalidSubButtonType,
			OaErrcode.invalidSubButtonNameSize,
			OaErrcode.invalidSubButtonKeySize,
			OaErrcode.invalidSubButtonUrlSize,
		],
	},
} as const;
/** Matchrule fields WeChat refuses since its privacy change (65320). */
const PRIVATE_RULES = ['sex', 'country', 'province', 'city', 'language'];
/** Conditional menus per account before 65305 (the emulator's choice; WeChat publishes no number). */
const MAX_CONDITIONAL = 20;

function button(value: unknown, level: 'top' | 'sub', path: string): OaViolation | undefined {
	const [typeCode, nameCode, keyCode, urlCode] = LIMITS[level].codes;
	if (!isRecord(value)) return violation(typeCode, `${path} must be an object`);
	if (typeof value.name !== 'string' || value.name === '' || utf8Length(value.name) > LIMITS[level].name)
		return violation(nameCode, `${path}.name`);
	if (level === 'top' && isList(value.sub_button) && value.sub_button.length > 0) {
		if (value.sub_button.length > 5) return violation(OaErrcode.invalidSubButtonSize);
		for (const [index, sub] of value.sub_button.entries()) {
			const problem = button(sub, 'sub', `${path}.sub_button[${index}]`);
			if (problem !== undefined) return problem;
		}
		return undefined;
	}
	const needs = typeof value.type === 'string' ? NEEDS[value.type] : undefined;
	if (needs === undefined) return violation(typeCode, `${path}.type`);
	for (const field of needs) {
		const text = value[field];
		if (typeof text !== 'string' || text === '')
			return violation(
				field === 'key' ? keyCode : field === 'url' ? urlCode : OaErrcode.invalidArgs,
				`${path}.${field} is required`,
			);
	}
	if (typeof value.key === 'string' && utf8Length(value.key) > 128) return violation(keyCode, `${path}.key`);
	if (typeof value.url === 'string' && (utf8Length(value.url) > 1024 || !/^https?:\/\//.test(value.url)))
		return violation(urlCode, `${path}.url`);
	return undefined;
}

/** The checks of menu/create and menu/addconditional: 1 to 3 buttons, 1 to 5 sub-buttons each, and the fields. */
function checkButtons(value: unknown): JsonValue[] | OaViolation {
	if (!isList(value) || value.length === 0 || value.length > 3) return violation(OaErrcode.invalidButtonSize);
	for (const [index, entry] of value.entries()) {
		const problem = button(entry, 'top', `button[${index}]`);
		if (problem !== undefined) return problem;
	}
	return value as JsonValue[];
}

/** get_current_selfmenu_info's shape: sub-buttons sit under `sub_button.list`. */
function selfMenuButton(value: JsonValue): JsonValue {
	if (!isRecord(value)) return value;
	const { sub_button: subs, ...rest } = value as JsonObject;
	return isList(subs) && subs.length > 0 ? { ...rest, sub_button: { list: subs } } : rest;
}

/** menu/get's shape: every button carries `sub_button`, [] for a leaf. */
function storedButton(value: JsonValue): JsonValue {
	if (!isRecord(value)) return value;
	const button = value as JsonObject;
	return { ...button, sub_button: isList(button.sub_button) ? button.sub_button.map(storedButton) : [] };
}

function matches(account: OaAccount, rule: JsonObject, openid: string): boolean {
	// A follower with several tags is matched by the tag given last ("以最后打上的标签为匹配"): the emulator
	// takes the newest tag the follower carries.
	const tags = followerTagIds(account, openid);
	const last = tags[tags.length - 1];
	return rule.tag_id !== undefined && String(rule.tag_id) === String(last);
}

/** menu/create, menu/get, get_current_selfmenu_info, menu/delete, menu/addconditional, menu/delconditional, menu/trymatch. */
export function menuRoutes(ctx: OaContext): Array<TokenRoute<'oa'>> {
	let nextMenuId = 208_396_938;
	const json = (req: TokenRequest<'oa'>): Record<string, unknown> => (isRecord(req.json) ? req.json : {});
	const withMenus =
		(handle: (req: TokenRequest<'oa'>, account: OaAccount, menus: OaMenus) => ApiReply) =>
		(req: TokenRequest<'oa'>, account: OaAccount) =>
			account.menus === null ? refuse(violation(OaErrcode.menuNotExist)) : handle(req, account, account.menus);
	return [
		limitedRoute(ctx, 'POST', '/cgi-bin/menu/create', (req, account) => {
			const buttons = checkButtons(json(req).button);
			if (!Array.isArray(buttons)) return refuse(buttons);
			account.menus = { menuid: nextMenuId++, button: buttons, conditional: account.menus?.conditional ?? [] };
			return oaOk();
		}),
		limitedRoute(
			ctx,
			'GET',
			'/cgi-bin/menu/get',
			withMenus((_req, _account, menus) => {
				const answer: JsonObject = { menu: { button: menus.button.map(storedButton), menuid: menus.menuid } };
				if (menus.conditional.length > 0)
					answer.conditionalmenu = menus.conditional.map((menu) => ({
						button: menu.button.map(storedButton),
						matchrule: menu.matchrule,
						menuid: menu.menuid,
					}));
				return oaBare(answer);
			}),
		),
		limitedRoute(ctx, 'GET', '/cgi-bin/get_current_selfmenu_info', (_req, account) =>
			oaBare({
				is_menu_open: account.menus === null ? 0 : 1,
				selfmenu_info: { button: (account.menus?.button ?? []).map(selfMenuButton) },
			}),
		),
		limitedRoute(ctx, 'GET', '/cgi-bin/menu/delete', (_req, account) => {
			account.menus = null;
			return oaOk();
		}),
		limitedRoute(ctx, 'POST', '/cgi-bin/menu/addconditional', (req, account) => {
			if (account.menus === null) return refuse(violation(OaErrcode.noDefaultMenu));
			const { button: value, matchrule } = json(req);
			const buttons = checkButtons(value);
			if (!Array.isArray(buttons)) return refuse(buttons);
			const rule = isRecord(matchrule)
				? Object.fromEntries(Object.entries(matchrule).filter(([, v]) => v !== '' && v !== null && v !== undefined))
				: {};
			if (Object.keys(rule).length === 0) return refuse(violation(OaErrcode.emptyMatchRule));
			if (PRIVATE_RULES.some((field) => field in rule)) return refuse(violation(OaErrcode.privateMatchRule));
			if (rule.tag_id !== undefined && !account.tags.some((tag) => String(tag.id) === String(rule.tag_id)))
				return refuse(violation(OaErrcode.invalidTag));
			if (account.menus.conditional.length >= MAX_CONDITIONAL) return refuse(violation(OaErrcode.conditionalMenuLimit));
			const menuid = nextMenuId++;
			account.menus.conditional.push({ menuid, button: buttons, matchrule: rule as JsonObject });
			// addconditional answers the id as a string ({"menuid":"208379533"}); menu/get lists it as a number.
			return oaBare({ menuid: String(menuid) });
		}),
		limitedRoute(
			ctx,
			'POST',
			'/cgi-bin/menu/delconditional',
			withMenus((req, _account, menus) => {
				const menuid = Number(json(req).menuid);
				const index = menus.conditional.findIndex((menu) => menu.menuid === menuid);
				if (index < 0) return refuse(violation(OaErrcode.noSuchMenuId));
				menus.conditional.splice(index, 1);
				return oaOk();
			}),
		),
		limitedRoute(
			ctx,
			'POST',
			'/cgi-bin/menu/trymatch',
			withMenus((req, account, menus) => {
				const userId = json(req).user_id;
				const openid =
					typeof userId === 'string'
						? account.followers.includes(userId)
							? userId
							: account.wxnames[userId]
						: undefined;
				if (openid === undefined) return refuse(violation(OaErrcode.noSuchUser));
				const matched = [...menus.conditional].reverse().find((menu) => matches(account, menu.matchrule, openid));
				return oaBare({ button: (matched?.button ?? menus.button).map(storedButton) });
			}),
		),
	];
}
