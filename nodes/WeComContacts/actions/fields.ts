/** Fields and checks the WeCom Contacts operations share: member, department and tag IDs, lists, splitting. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { FieldError } from '../../shared/execution/errors';
import type { ItemContext } from '../../shared/execution/itemContext';
import { idList } from '../../shared/descriptions/wecomRecipients';

export const userIdField: INodeProperties = {
	displayName: 'User ID',
	name: 'userId',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'zhangsan',
	description: "The member's UserID (账号), as shown in 通讯录 → the member's details",
};

/** WeCom's UserID rule: 1–64 bytes of letters, digits and _-@., starting with a letter or digit. */
const USER_ID = /^[A-Za-z0-9][A-Za-z0-9_\-@.]{0,63}$/;

export function checkUserId(value: string, field: string): string {
	if (!USER_ID.test(value))
		throw new FieldError(
			field,
			`"${value}" is not a UserID`,
			'A UserID has 1 to 64 letters, digits or _-@., and starts with a letter or digit.',
		);
	return value;
}

export function userId(ctx: ItemContext, name = 'userId', field = 'User ID'): string {
	const value = ctx.text(name);
	if (!value) throw new FieldError(field, 'is empty', "Enter or map the member's UserID.");
	return checkUserId(value, field);
}

export function departmentIdField(
	name: string,
	displayName: string,
	description: string,
	required = true,
): INodeProperties {
	const field: INodeProperties = { displayName, name, type: 'number', default: 0, required, description };
	// A required department defaults to the root (1); an optional one to 0, "none".
	if (required) field.default = 1;
	return field;
}

/** A department ID: a whole number from 1 (the root department is 1). */
export function checkDepartmentId(value: unknown, field: string): number {
	const text = String(value ?? '').trim();
	if (!/^\d{1,10}$/.test(text) || Number(text) < 1)
		throw new FieldError(field, `"${text}" is not a department ID`, 'Use a whole number from 1 (1 is the root).');
	return Number(text);
}

export function departmentId(ctx: ItemContext, name: string, field: string): number {
	return checkDepartmentId(ctx.param<unknown>(name, ''), field);
}

/** An optional department ID: 0 or empty means none. */
export function optionalDepartmentId(ctx: ItemContext, name: string, field: string): number | undefined {
	const value = ctx.param<unknown>(name, 0);
	if (value === '' || value === 0 || value === '0' || value === undefined || value === null) return undefined;
	return checkDepartmentId(value, field);
}

export function departmentIds(ctx: ItemContext, name: string, field: string): number[] {
	return [...new Set(idList(ctx.param<unknown>(name, '')).map((id) => checkDepartmentId(id, field)))];
}

export const tagIdField: INodeProperties = {
	displayName: 'Tag ID',
	name: 'tagId',
	type: 'number',
	default: 0,
	required: true,
	description: 'The tag ID (标签ID) from Tag → List',
};

export function tagId(ctx: ItemContext): number {
	const text = String(ctx.param<unknown>('tagId', '') ?? '').trim();
	if (!/^\d{1,10}$/.test(text) || Number(text) < 1)
		throw new FieldError('Tag ID', `"${text}" is not a tag ID`, 'Use a tag ID from Tag → List (a whole number from 1).');
	return Number(text);
}

/** UserIDs from "a|b", "a, b" or an expression's list; duplicates dropped, each checked. */
export function userIds(ctx: ItemContext, name: string, field: string): string[] {
	const seen = new Map<string, string>();
	for (const id of idList(ctx.param<unknown>(name, ''))) {
		// WeCom compares UserIDs case-insensitively.
		if (!seen.has(id.toLowerCase())) seen.set(id.toLowerCase(), checkUserId(id, field));
	}
	return [...seen.values()];
}

/** Consecutive slices of at most `size` entries. */
export function chunks<T>(list: readonly T[], size: number): T[][] {
	const slices: T[][] = [];
	for (let start = 0; start < list.length; start += size) slices.push(list.slice(start, start + size));
	return slices;
}

/** A list over WeCom's limit for one call, refused before anything is sent. */
export function checkMax(list: readonly unknown[], max: number, field: string): void {
	if (list.length > max)
		throw new FieldError(field, `has ${list.length} entries, over WeCom's limit of ${max}`, 'Split them over several items.');
}

/** An answer without WeCom's errcode/errmsg, for an output item. */
export function withoutStatus(answer: Record<string, unknown>): IDataObject {
	return Object.fromEntries(
		Object.entries(answer).filter(([key]) => key !== 'errcode' && key !== 'errmsg'),
	) as IDataObject;
}
