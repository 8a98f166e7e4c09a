import { isIntegerArray, isStringArray } from '../core/json';
import type { WeComApp } from './apps';
import { WeComErrcode } from './errors';
import { invalidField, Violation } from './violation';

/** Recipients as a request names them (before checking who exists). */
export interface RecipientList {
	users: string[];
	parties: string[];
	tags: string[];
	/** `@all`: everyone in the app's visibility scope; parties and tags are then ignored. */
	all: boolean;
}

/** Who a message reached and who was refused, in WeCom's terms. */
export interface Delivery {
	users: string[];
	parties: number[];
	tags: number[];
	/** Lower-cased, as WeCom returns them in `invaliduser`. */
	invalidUsers: string[];
	invalidParties: string[];
	invalidTags: string[];
	unlicensedUsers: string[];
}

const MAX_USERS = 1000;
const MAX_PARTIES_OR_TAGS = 100;

/** message/send's `touser` / `toparty` / `totag`: `|`-joined strings. */
export function sendRecipients(body: Record<string, unknown>): RecipientList | Violation {
	const lists: string[][] = [];
	for (const field of ['touser', 'toparty', 'totag'] as const) {
		const value = body[field];
		if (value !== undefined && typeof value !== 'string') return invalidField(field, 'must be a string of ids joined by |');
		lists.push(value === undefined ? [] : value.split('|').filter((id) => id !== ''));
	}
	return checkCounts({ users: lists[0], parties: lists[1], tags: lists[2], all: lists[0].includes('@all') });
}

/** update_template_card's `userids` / `partyids` / `tagids` arrays and `atall`. */
export function updateRecipients(body: Record<string, unknown>): RecipientList | Violation {
	const { userids, partyids, tagids, atall } = body;
	if (userids !== undefined && !isStringArray(userids)) return invalidField('userids', 'must be an array of strings');
	if (partyids !== undefined && !isIntegerArray(partyids)) return invalidField('partyids', 'must be an array of integers');
	if (tagids !== undefined && !isIntegerArray(tagids)) return invalidField('tagids', 'must be an array of integers');
	if (atall !== undefined && atall !== 0 && atall !== 1) return invalidField('atall', 'must be 0 or 1');
	return checkCounts({
		users: userids ?? [],
		parties: (partyids ?? []).map(String),
		tags: (tagids ?? []).map(String),
		all: atall === 1,
	});
}

function checkCounts(list: RecipientList): RecipientList | Violation {
	if (!list.all && list.users.length + list.parties.length + list.tags.length === 0) {
		return new Violation(WeComErrcode.noRecipients, 'touser & toparty & totag all empty');
	}
	if (list.users.length > MAX_USERS) return new Violation(WeComErrcode.invalidUserListSize, 'invalid userid list size, at most 1000');
	if (list.parties.length > MAX_PARTIES_OR_TAGS) return new Violation(WeComErrcode.partyListTooLong, 'invalid partyid list size, at most 100');
	if (list.tags.length > MAX_PARTIES_OR_TAGS) return new Violation(WeComErrcode.tagListTooLong, 'invalid tagid list size, at most 100');
	return list;
}

/**
 * Each app's users by lower-cased ID, built once per list (an app of 12,000 members must not cost a map per
 * send); an app's `users` is replaced, never changed, when the app is added again.
 */
const usersByLowerId = new WeakMap<readonly string[], Map<string, string>>();

function inScopeUsers(app: WeComApp): Map<string, string> {
	let map = usersByLowerId.get(app.users);
	if (map === undefined) {
		map = new Map(app.users.map((user) => [lower(user), user]));
		usersByLowerId.set(app.users, map);
	}
	return map;
}

/** Splits the named recipients into those inside the app's visibility scope and those WeCom reports back. */
export function resolveRecipients(app: WeComApp, list: RecipientList): Delivery {
	if (list.all) return { ...noDelivery(), users: [...app.users], unlicensedUsers: app.unlicensedUsers.map(lower) };
	const inScope = inScopeUsers(app);
	const unlicensed = new Set(app.unlicensedUsers.map(lower));
	const delivery = noDelivery();
	for (const user of new Set(list.users.map(lower))) {
		const known = inScope.get(user);
		if (known !== undefined) delivery.users.push(known);
		else if (unlicensed.has(user)) delivery.unlicensedUsers.push(user);
		else delivery.invalidUsers.push(user);
	}
	for (const party of new Set(list.parties)) {
		if (/^\d+$/.test(party) && app.parties.includes(Number(party))) delivery.parties.push(Number(party));
		else delivery.invalidParties.push(party);
	}
	for (const tag of new Set(list.tags)) {
		if (/^\d+$/.test(tag) && app.tags.includes(Number(tag))) delivery.tags.push(Number(tag));
		else delivery.invalidTags.push(tag);
	}
	return delivery;
}

/** The delivery of a message nobody received (a suppressed duplicate). */
export function noDelivery(): Delivery {
	return { users: [], parties: [], tags: [], invalidUsers: [], invalidParties: [], invalidTags: [], unlicensedUsers: [] };
}

/** True when no named recipient is inside the scope: WeCom then fails the call with 81013. */
export function reachesNobody(delivery: Delivery): boolean {
	return delivery.users.length + delivery.parties.length + delivery.tags.length + delivery.unlicensedUsers.length === 0;
}

function lower(userid: string): string {
	return userid.toLowerCase();
}
