/** Fields several Tag operations share. */
import type { INodeProperties } from 'n8n-workflow';
import { FieldError } from '../../../shared/execution/errors';
import type { ItemContext } from '../../../shared/execution/itemContext';

export const tagNameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	required: true,
	placeholder: '销售',
	description: "The tag's name (标签名称): at most 32 characters, unique in the company",
};

export function tagName(ctx: ItemContext): string {
	const name = ctx.text('name');
	if (!name) throw new FieldError('Name', 'is empty', 'Enter the tag name.');
	if ([...name].length > 32)
		throw new FieldError('Name', `has ${[...name].length} characters, over WeCom's 32`, 'Shorten the tag name.');
	return name;
}
