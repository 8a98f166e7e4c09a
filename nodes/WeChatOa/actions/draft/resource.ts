/** The Draft resource (草稿箱): articles saved for publishing or mass sending. */
import { operationPicker } from '../../../shared/descriptions/operationPicker';
import type { OaResourceModule } from '../resourceModule';
import * as create from './create';
import * as get from './get';
import * as update from './update';
import * as deleteDraft from './delete';
import * as list from './list';
import * as count from './count';

export const draftResource: OaResourceModule = {
	option: { name: 'Draft', value: 'draft', description: 'Articles in the draft box, to publish or mass send (草稿箱)' },
	picker: operationPicker(
		'draft',
		[
			{
				name: 'Count',
				value: 'count',
				action: 'Count drafts',
				description: 'How many drafts there are (获取草稿总数)',
			},
			{
				name: 'Create',
				value: 'create',
				action: 'Create a draft',
				description: 'Save 1 to 8 articles as a draft (新建草稿)',
			},
			{ name: 'Delete', value: 'delete', action: 'Delete a draft', description: 'Delete a draft (删除草稿)' },
			{ name: 'Get', value: 'get', action: 'Get a draft', description: "A draft's articles (获取草稿)" },
			{ name: 'List', value: 'list', action: 'List drafts', description: 'Drafts, newest first (获取草稿列表)' },
			{
				name: 'Update',
				value: 'update',
				action: 'Update an article of a draft',
				description: 'Replace one article of a draft (修改草稿)',
			},
		],
		'create',
	),
	operations: { create, get, update, delete: deleteDraft, list, count },
};
