/** The no_content switch of draft/batchget and freepublish/batchget. */
import type { INodeProperties } from 'n8n-workflow';

export const withoutContentProperty: INodeProperties = {
	displayName: 'Without Content',
	name: 'noContent',
	type: 'boolean',
	default: false,
	description: 'Whether to leave out the HTML of each article (no_content=1): smaller answers when only titles matter',
};
