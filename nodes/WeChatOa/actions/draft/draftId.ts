/** The Draft Media ID field of Get, Update, Delete (and Publish: Submit). */
import type { INodeProperties } from 'n8n-workflow';
import { requireText, type ItemContext } from '../../../shared/execution/itemContext';

export const draftIdProperty: INodeProperties = {
	displayName: 'Draft Media ID',
	name: 'mediaId',
	type: 'string',
	default: '',
	required: true,
	description: 'The media_id returned by Draft: Create (草稿的media_id)',
};

export function readDraftId(ctx: ItemContext): string {
	return requireText(ctx, 'mediaId', 'Draft Media ID', 'Map the media_id returned by Draft: Create or Draft: List.');
}
