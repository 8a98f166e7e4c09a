/** Who a WeCom application message goes to: members, departments, tags, or everyone (@all). */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { FieldError } from '../execution/errors';
import type { ItemContext } from '../execution/itemContext';

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
	{
		displayName: 'Department IDs (Toparty)',
		name: 'toParty',
		type: 'string',
		default: '',
		placeholder: '1|2',
		description: 'Department IDs, separated by | or commas; at most 100',
		displayOptions: { show: { toAll: [false] } },
	},
	{
		displayName: 'Tag IDs (Totag)',
		name: 'toTag',
		type: 'string',
		default: '',
		placeholder: '1',
		description: 'Tag IDs, separated by | or commas; at most 100',
		displayOptions: { show: { toAll: [false] } },
	},
];

/** Accepts "a|b", "a, b", an array from an expression, or a number: users type all of these. */
export function idList(value: unknown): string[] {
	const parts = Array.isArray(value) ? value : String(value ?? '').split(/[|,，\n]/);
	return parts.map((part) => String(part ?? '').trim()).filter(Boolean);
}

function joined(ctx: ItemContext, name: string, field: string, max: number, numeric: boolean): string | undefined {
	const ids = idList(ctx.param<unknown>(name, ''));
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
	const touser = joined(ctx, 'toUser', 'Member IDs (touser)', 1000, false);
	const toparty = joined(ctx, 'toParty', 'Department IDs (toparty)', 100, true);
	const totag = joined(ctx, 'toTag', 'Tag IDs (totag)', 100, true);
	if (touser) recipients.touser = touser;
	if (toparty) recipients.toparty = toparty;
	if (totag) recipients.totag = totag;
	if (!touser && !toparty && !totag) {
		throw new FieldError(
			'Recipients',
			'no member, department or tag is set',
			'Fill in Member IDs, Department IDs or Tag IDs, or turn on Send to Everyone (@all).',
		);
	}
	return recipients;
}
