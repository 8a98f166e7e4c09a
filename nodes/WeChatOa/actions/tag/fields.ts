/** Fields and checks several Tag operations share. */
import type { INodeProperties } from 'n8n-workflow';
import { checkBytes, type ItemContext } from '../../../shared/execution/itemContext';
import { FieldError } from '../../../shared/execution/errors';
import { readTagId } from '../../../shared/oa/audience';

export const tagIdField: INodeProperties = {
	displayName: 'Tag ID',
	name: 'tagId',
	type: 'number',
	default: 0,
	required: true,
	description: 'The tag ID (标签ID) from Tag → List or Tag → Create',
};

export const tagNameField: INodeProperties = {
	displayName: 'Name',
	name: 'name',
	type: 'string',
	default: '',
	required: true,
	placeholder: '广东',
	description: "The tag's name (标签名): at most 30 bytes (10 Chinese characters), unique in the account",
};

/** WeChat's own tags (0 未分组, 1 黑名单, 2 星标组) cannot be renamed or deleted (errcode 45058). */
const RESERVED_TAGS = new Set([0, 1, 2]);

export function tagId(ctx: ItemContext): number {
	return readTagId(ctx.param<unknown>('tagId', 0));
}

export function ownTagId(ctx: ItemContext): number {
	const id = tagId(ctx);
	if (RESERVED_TAGS.has(id))
		throw new FieldError(
			'Tag ID',
			`${id} is one of WeChat's own tags (0, 1, 2)`,
			'Only tags the account created can be changed or deleted.',
		);
	return id;
}

export function tagName(ctx: ItemContext): string {
	const name = ctx.text('name');
	if (!name) throw new FieldError('Name', 'is empty', 'Enter the tag name.');
	checkBytes(name, 30, 'Name');
	return name;
}
