/** An account's name and avatar (头像), as add and update take them. */
import type { INodeProperties } from 'n8n-workflow';
import { FieldError } from '../../../shared/execution/errors';
import type { ItemContext } from '../../../shared/execution/itemContext';

/** "不多于16个字符". */
const MAX_NAME_CHARS = 16;

export const nameProperty: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	description: 'What customers see (客服名称), at most 16 characters',
};

/** The name, checked; '' when empty and `required` is false. */
export function accountName(ctx: ItemContext, required: boolean): string {
	const name = ctx.text('name');
	if (!name && required) throw new FieldError('Name', 'is empty', 'Enter the name customers see.');
	if ([...name].length > MAX_NAME_CHARS)
		throw new FieldError('Name', `has ${[...name].length} characters`, `Use at most ${MAX_NAME_CHARS}.`);
	return name;
}
