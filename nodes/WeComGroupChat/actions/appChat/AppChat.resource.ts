import type { INodeProperties } from 'n8n-workflow';
import { operationFields, operationPicker } from '../../../shared/descriptions/operationPicker';
import * as create from './create';
import * as update from './update';
import * as get from './get';
import * as sendText from './sendText';
import * as sendMarkdown from './sendMarkdown';
import * as sendImage from './sendImage';
import * as sendVoice from './sendVoice';
import * as sendVideo from './sendVideo';
import * as sendFile from './sendFile';
import * as sendTextCard from './sendTextCard';
import * as sendNews from './sendNews';
import * as sendMpNews from './sendMpNews';

export const operations = {
	create,
	update,
	get,
	sendText,
	sendMarkdown,
	sendImage,
	sendVoice,
	sendVideo,
	sendFile,
	sendTextCard,
	sendNews,
	sendMpNews,
};

export const description: INodeProperties[] = [
	operationPicker(
		'appChat',
		[
			{
				name: 'Create',
				value: 'create',
				action: 'Create a group chat',
				description: 'Create a group chat owned by this app (创建群聊会话)',
			},
			{
				name: 'Get',
				value: 'get',
				action: 'Get a group chat',
				description: 'Get the name, owner and members (获取群聊会话)',
			},
			{ name: 'Send File', value: 'sendFile', action: 'Send a file to a group chat' },
			{ name: 'Send Image', value: 'sendImage', action: 'Send an image to a group chat' },
			{ name: 'Send Markdown', value: 'sendMarkdown', action: 'Send markdown to a group chat' },
			{ name: 'Send MpNews', value: 'sendMpNews', action: 'Send mpnews articles to a group chat' },
			{ name: 'Send News', value: 'sendNews', action: 'Send news articles to a group chat' },
			{
				name: 'Send Text',
				value: 'sendText',
				action: 'Send text to a group chat',
				description: 'Send text to a group chat (应用推送消息)',
			},
			{ name: 'Send Text Card', value: 'sendTextCard', action: 'Send a text card to a group chat' },
			{ name: 'Send Video', value: 'sendVideo', action: 'Send a video to a group chat' },
			{ name: 'Send Voice', value: 'sendVoice', action: 'Send a voice message to a group chat' },
			{
				name: 'Update',
				value: 'update',
				action: 'Update a group chat',
				description: 'Rename, change owner, add or remove members (修改群聊会话)',
			},
		],
		'sendText',
	),
	...operationFields({ appChat: operations }),
];
