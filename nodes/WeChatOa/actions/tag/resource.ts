/** Tag (标签): the account's follower tags and who carries them. */
import { operationPicker } from '../../../shared/descriptions/operationPicker';
import type { OaResourceModule } from '../resourceModule';
import * as create from './create';
import * as update from './update';
import * as deleteTag from './delete';
import * as list from './list';
import * as listFollowers from './listFollowers';
import * as tagFollowers from './tagFollowers';
import * as untagFollowers from './untagFollowers';
import * as getFollowerTags from './getFollowerTags';

export const tagResource: OaResourceModule = {
	option: {
		name: 'Tag',
		value: 'tag',
		description: 'Follower tags (用户标签): create, rename, tag and untag followers',
	},
	picker: operationPicker(
		'tag',
		[
			{ name: 'Create', value: 'create', action: 'Create a tag', description: 'Create a tag (创建标签)' },
			{ name: 'Delete', value: 'delete', action: 'Delete a tag', description: 'Delete a tag (删除标签)' },
			{
				name: 'Get Follower Tags',
				value: 'getFollowerTags',
				action: "Get a follower's tags",
				description: "The IDs of a follower's tags (获取用户身上的标签列表)",
			},
			{ name: 'List', value: 'list', action: 'List tags', description: 'Every tag with its follower count (获取标签)' },
			{
				name: 'List Followers',
				value: 'listFollowers',
				action: "List a tag's followers",
				description: 'The followers with a tag, page by page (获取标签下粉丝列表)',
			},
			{
				name: 'Tag Followers',
				value: 'tagFollowers',
				action: 'Tag followers',
				description: 'Give followers a tag, 50 a call (批量为用户打标签)',
			},
			{
				name: 'Untag Followers',
				value: 'untagFollowers',
				action: 'Untag followers',
				description: 'Take a tag off followers, 50 a call (批量为用户取消标签)',
			},
			{ name: 'Update', value: 'update', action: 'Rename a tag', description: 'Rename a tag (编辑标签)' },
		],
		'list',
	),
	operations: { create, update, delete: deleteTag, list, listFollowers, tagFollowers, untagFollowers, getFollowerTags },
};
