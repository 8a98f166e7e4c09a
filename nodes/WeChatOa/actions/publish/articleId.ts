/** The Article ID field of Get Article and Delete. */
import type { INodeProperties } from 'n8n-workflow';
import { requireText, type ItemContext } from '../../../shared/execution/itemContext';

export const articleIdProperty: INodeProperties = {
	displayName: 'Article ID',
	name: 'articleId',
	type: 'string',
	default: '',
	required: true,
	description: 'The article_id of a published article (Get Status, the PUBLISHJOBFINISH event or List)',
};

export function readArticleId(ctx: ItemContext): string {
	return requireText(ctx, 'articleId', 'Article ID', 'Map the article_id from Publish: Get Status or List.');
}
