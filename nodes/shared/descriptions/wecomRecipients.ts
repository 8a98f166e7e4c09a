/** Who a WeCom application message goes to: members, departments, tags, or everyone (@all). */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { FieldError } from '../execution/errors';
import type { ItemContext } from '../execution/itemContext';

/**
 * A list loaded from the account (methods in shared/wecom/directoryOptions.ts) next to a typed-ID field: the
 * typed field keeps its name and string value, so saved workflows run unchanged, and both lists are joined.
 */
export function directoryPicker(
	name: string,
	displayName: string,
	loadOptionsMethod: 'getMembers' | 'getDepartments' | 'getTags',
	what: string,
	show?: NonNullable<INodeProperties['displayOptions']>['show'],
): INodeProperties {
	return {
		displayName,
		name,
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod },
		default: [],
		description: `${what}. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.`,
		...(show && { displayOptions: { show } }),
	};
}

const unlessToAll = { toAll: [false] };

export const weComRecipientProperties: INodeProperties[] = [
	{
		displayName: 'Send to Everyone (@All)',
		name: 'toAll',
		type: 'boolean',
		default: false,
		description: "Whether to send to every member in the app's visible range (可见范围)",
	},
	{
		displayName: 'Member IDs (Touser)',
		name: 'toUser',
		type: 'string',
		default: '',
		placeholder: 'zhangsan|lisi',
		description: 'UserIDs (账号), separated by | or commas, or a list from an expression; at most 1000',
		displayOptions: { show: { toAll: [false] } },
	},
	directoryPicker('pickedUsers', 'Member Names or IDs', 'getMembers', 'Members (成员) from the directory, added to Member IDs', unlessToAll),
	{
		displayName: 'Department IDs (Toparty)',
		name: 'toParty',
		type: 'string',
		default: '',
		placeholder: '1|2',
		description: 'Department IDs, separated by | or commas; at most 100',
		displayOptions: { show: { toAll: [false] } },
	},
	directoryPicker('pickedParties', 'Department Names or IDs', 'getDepartments', 'Departments (部门) from the directory, added to Department IDs', unlessToAll),
	{
		displayName: 'Tag IDs (Totag)',
		name: 'toTag',
		type: 'string',
		default: '',
		placeholder: '1',
		description: 'Tag IDs, separated by | or commas; at most 100',
		displayOptions: { show: { toAll: [false] } },
	},
	directoryPicker('pickedTags', 'Tag Names or IDs', 'getTags', 'Tags (标签) from the directory, added to Tag IDs', unlessToAll),
];

/** Accepts "a|b", "a, b", an array from an expression, or a number: users type all of these. */
export function idList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(/[|,，\n]/);
	return parts.map((part) => String(part ?? '').trim()).filter(Boolean);
}

/** IDs from several fields (typed, then picked from a list), in order, without repeats. */
export function joinedIds(...values: unknown[]): string[] {
	return [...new Set(values.flatMap((value) => idList(value)))];
}

/** The typed IDs of parameter `name`, then those picked in parameter `picked`. */
export function typedAndPicked(ctx: ItemContext, name: string, picked: string): string[] {
	return joinedIds(ctx.param<unknown>(name, ''), ctx.param<unknown>(picked, []));
}

function joined(
	ctx: ItemContext,
	[name, picked]: [string, string],
	field: string,
	max: number,
	numeric: boolean,
): string | undefined {
	const ids = typedAndPicked(ctx, name, picked);
	if (!ids.length) return undefined;
	if (ids.length > max)
		throw new FieldError(
			field,
			`has ${ids.length} IDs, over WeCom's limit of ${max}`,
			'Split the recipients over several items, or use departments or tags.',
		);
	if (numeric) {
		const bad = ids.find((id) => !/^\d+$/.test(id));
		if (bad)
			throw new FieldError(
				field,
				`"${bad}" is not a numeric ID`,
				'Use the numeric IDs from the admin console (通讯录).',
			);
	}
	if (name === 'toUser' && ids.includes('@all')) return '@all';
	return ids.join('|');
}

export function buildWeComRecipients(ctx: ItemContext): IDataObject {
	if (ctx.param<boolean>('toAll', false)) return { touser: '@all' };
	const recipients: IDataObject = {};
	const touser = joined(ctx, ['toUser', 'pickedUsers'], 'Member IDs (touser)', 1000, false);
	const toparty = joined(ctx, ['toParty', 'pickedParties'], 'Department IDs (toparty)', 100, true);
	const totag = joined(ctx, ['toTag', 'pickedTags'], 'Tag IDs (totag)', 100, true);
	if (touser) recipients.touser = touser;
	if (toparty) recipients.toparty = toparty;
	if (totag) recipients.totag = totag;
	if (!touser && !toparty && !totag) {
		throw new FieldError(
			'Recipients',
			'no member, department or tag is set',
			'Fill in or pick members, departments or tags, or turn on Send to Everyone (@all).',
		);
	}
	return recipients;
}
