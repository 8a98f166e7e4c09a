/** The Material Media ID field of Get and Delete. */
import type { INodeProperties } from 'n8n-workflow';
import { requireText, type ItemContext } from '../../../shared/execution/itemContext';

export const materialIdProperty: INodeProperties = {
	displayName: 'Material Media ID',
	name: 'mediaId',
	type: 'string',
	default: '',
	required: true,
	description: 'The media_id of the permanent material (Upload or List)',
};

export function readMaterialId(ctx: ItemContext): string {
	return requireText(ctx, 'mediaId', 'Material Media ID', 'Map the media_id from Permanent Material: Upload or List.');
}
