/** The operation pickers of the three resources; each operation's fields live in its own file. */
import type { INodeProperties } from 'n8n-workflow';
import { operationFields, operationPicker } from '../../shared/descriptions/operationPicker';
import * as sendAll from './mass/sendAll';
import * as send from './mass/send';
import * as preview from './mass/preview';
import * as deleteMass from './mass/delete';
import * as getStatus from './mass/getStatus';
import * as getSpeed from './mass/getSpeed';
import * as setSpeed from './mass/setSpeed';
import * as uploadImage from './upload/uploadImage';
import * as uploadNews from './upload/uploadNews';
import * as uploadVideo from './upload/uploadVideo';
import * as uploadMedia from './upload/uploadMedia';
import * as listTags from './audience/listTags';
import * as listFollowers from './audience/listFollowers';
import * as listTagFollowers from './audience/listTagFollowers';

export const operations = {
	mass: { sendAll, send, preview, delete: deleteMass, getStatus, getSpeed, setSpeed },
	upload: { uploadImage, uploadNews, uploadVideo, uploadMedia },
	audience: { listTags, listFollowers, listTagFollowers },
};

export const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Audience', value: 'audience', description: 'Tags and followers to target (用户与标签)' },
			{ name: 'Mass Message', value: 'mass', description: 'Mass sends (群发)' },
			{ name: 'Upload', value: 'upload', description: 'The uploads a mass send needs (素材)' },
		],
		default: 'mass',
	},
	operationPicker(
		'mass',
		[
			{
				name: 'Delete',
				value: 'delete',
				action: 'Delete a mass message',
				description: 'Delete a sent mass message (删除群发)',
			},
			{
				name: 'Get Speed',
				value: 'getSpeed',
				action: 'Get the mass send speed',
				description: 'Get the mass-send speed (获取群发速度)',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				action: 'Get a mass message status',
				description: 'Get the status of a mass job (查询群发状态)',
			},
			{
				name: 'Preview',
				value: 'preview',
				action: 'Preview a mass message',
				description: 'Send a preview to one user (预览)',
			},
			{
				name: 'Send to All or Tag',
				value: 'sendAll',
				action: 'Send to all followers or a tag',
				description: 'Mass send to everyone or to a tag (根据标签群发)',
			},
			{
				name: 'Send to OpenIDs',
				value: 'send',
				action: 'Send to a list of openids',
				description: 'Mass send to 2 to 10,000 openids (根据OpenID列表群发)',
			},
			{
				name: 'Set Speed',
				value: 'setSpeed',
				action: 'Set the mass send speed',
				description: 'Set the mass-send speed (设置群发速度)',
			},
		],
		'sendAll',
	),
	operationPicker(
		'upload',
		[
			{
				name: 'Upload Articles',
				value: 'uploadNews',
				action: 'Upload articles',
				description: 'Upload 1 to 8 articles for mpnews (上传图文消息素材)',
			},
			{
				name: 'Upload Image',
				value: 'uploadImage',
				action: 'Upload an image for articles',
				description: 'An image URL for article bodies (上传图文消息内的图片)',
			},
			{
				name: 'Upload Media',
				value: 'uploadMedia',
				action: 'Upload temporary media',
				description: 'Image, voice, video or thumbnail, valid 3 days (临时素材)',
			},
			{
				name: 'Upload Video',
				value: 'uploadVideo',
				action: 'Upload a video for mass send',
				description: 'Turn a video media_id into a mass video (上传视频)',
			},
		],
		'uploadImage',
	),
	operationPicker(
		'audience',
		[
			{
				name: 'List Followers',
				value: 'listFollowers',
				action: 'List followers',
				description: 'Every follower, page by page (获取用户列表)',
			},
			{
				name: 'List Tag Followers',
				value: 'listTagFollowers',
				action: 'List the followers of a tag',
				description: 'The followers with a tag (获取标签下粉丝列表)',
			},
			{
				name: 'List Tags',
				value: 'listTags',
				action: 'List tags',
				description: 'The tags with their follower counts (获取标签)',
			},
		],
		'listTags',
	),
	...operationFields(operations),
];
