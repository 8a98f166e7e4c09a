import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';
import { description as appChat, operations as appChatOperations } from './actions/appChat/AppChat.resource';
import { description as robot, operations as robotOperations } from './actions/robot/Robot.resource';
import { defineResource, routeItems } from '../shared/execution/router';
import { openWeComRun } from '../shared/wecom/run';
import { openRobotRun } from '../shared/robot/run';
import { directoryLoadOptions } from '../shared/wecom/directoryOptions';
import { operationSubtitle } from '../shared/descriptions/subtitle';

const resources = {
	appChat: defineResource(appChatOperations, openWeComRun),
	// A chat reads messages in order: robot sends go one at a time, paced per robot.
	robot: defineResource(robotOperations, openRobotRun, { concurrency: 1 }),
};

const properties: INodeProperties[] = [
	{
		displayName: 'Resource',
		name: 'resource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'App Group Chat',
				value: 'appChat',
				description: 'Group chats created by your self-built app (群聊会话)',
			},
			{
				name: 'Group Robot',
				value: 'robot',
				description: 'A robot added to any group chat, by its webhook key (群机器人)',
			},
		],
		default: 'appChat',
	},
	...appChat,
	...robot,
];

export class WeComGroupChat implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'WeCom Group Chat',
		name: 'weComGroupChat',
		icon: { light: 'file:../../icons/wecom.svg', dark: 'file:../../icons/wecom.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: operationSubtitle(properties),
		description:
			'Create and message WeCom (企业微信) group chats owned by your app, or post through a group robot (群机器人)',
		defaults: { name: 'WeCom Group Chat' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'weComApi', required: true, displayOptions: { show: { resource: ['appChat'] } } },
			{ name: 'weComRobotApi', required: true, displayOptions: { show: { resource: ['robot'] } } },
		],
		properties,
	};

	/** Members, departments and tags for the recipient pickers. */
	methods = { loadOptions: directoryLoadOptions };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await routeItems(this, resources);
	}
}
