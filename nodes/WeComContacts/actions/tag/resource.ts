/** Tag (标签): the company's member tags and who carries them. */
import { operationPicker } from '../../../shared/descriptions/operationPicker';
import type { ContactsResourceModule } from '../resourceModule';
import * as addMembers from './addMembers';
import * as create from './create';
import * as deleteTag from './delete';
import * as getMembers from './getMembers';
import * as list from './list';
import * as removeMembers from './removeMembers';
import * as update from './update';

export const tagResource: ContactsResourceModule = {
	option: { name: 'Tag', value: 'tag', description: 'Member tags (标签)' },
	picker: operationPicker(
		'tag',
		[
			{
				name: 'Add Members',
				value: 'addMembers',
				action: 'Add members to a tag',
				description: 'Tag members and departments; longer lists are split (增加标签成员)',
			},
			{ name: 'Create', value: 'create', action: 'Create a tag', description: 'Create a tag (创建标签)' },
			{ name: 'Delete', value: 'delete', action: 'Delete a tag', description: 'Delete a tag (删除标签)' },
			{
				name: 'Get Members',
				value: 'getMembers',
				action: "Get a tag's members",
				description: 'The members and departments with a tag (获取标签成员)',
			},
			{ name: 'List', value: 'list', action: 'List tags', description: 'Every tag (获取标签列表)' },
			{
				name: 'Remove Members',
				value: 'removeMembers',
				action: 'Remove members from a tag',
				description: 'Untag members and departments; longer lists are split (删除标签成员)',
			},
			{ name: 'Update', value: 'update', action: 'Rename a tag', description: 'Rename a tag (更新标签名字)' },
		],
		'list',
	),
	operations: { addMembers, create, delete: deleteTag, getMembers, list, removeMembers, update },
};
