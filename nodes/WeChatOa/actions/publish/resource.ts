/** The Publish resource (发布): publish drafts and manage what was published. */
import { operationPicker } from '../../../shared/descriptions/operationPicker';
import type { OaResourceModule } from '../resourceModule';
import * as submit from './submit';
import * as getStatus from './getStatus';
import * as getArticle from './getArticle';
import * as list from './list';
import * as deleteArticle from './delete';

export const publishResource: OaResourceModule = {
	option: { name: 'Publish', value: 'publish', description: 'Publish drafts as articles (发布能力)' },
	picker: operationPicker(
		'publish',
		[
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a published article',
				description: 'Delete one or all articles of a publish (删除发布文章)',
			},
			{
				name: 'Get Article',
				value: 'getArticle',
				action: 'Get a published article',
				description: 'The articles of a publish (获取已发布图文信息)',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				action: 'Get a publish status',
				description: 'Whether a publish finished, with the article URLs (发布状态轮询)',
			},
			{
				name: 'List',
				value: 'list',
				action: 'List published articles',
				description: 'Published articles (获取成功发布列表)',
			},
			{ name: 'Submit', value: 'submit', action: 'Publish a draft', description: 'Publish a draft (发布草稿)' },
		],
		'submit',
	),
	operations: { submit, getStatus, getArticle, list, delete: deleteArticle },
};
