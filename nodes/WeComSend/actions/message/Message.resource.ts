import type { INodeProperties } from 'n8n-workflow';
import { operationFields, operationPicker } from '../../../shared/descriptions/operationPicker';
import * as sendText from './sendText';
import * as sendMarkdown from './sendMarkdown';
import * as sendImage from './sendImage';
import * as sendVoice from './sendVoice';
import * as sendVideo from './sendVideo';
import * as sendFile from './sendFile';
import * as sendTextCard from './sendTextCard';
import * as sendNews from './sendNews';
import * as sendMpNews from './sendMpNews';
import * as sendMiniProgramNotice from './sendMiniProgramNotice';
import * as sendTemplateCard from './sendTemplateCard';
import * as recall from './recall';
import * as updateTemplateCard from './updateTemplateCard';

export const operations = {
	sendText,
	sendMarkdown,
	sendImage,
	sendVoice,
	sendVideo,
	sendFile,
	sendTextCard,
	sendNews,
	sendMpNews,
	sendMiniProgramNotice,
	sendTemplateCard,
	recall,
	updateTemplateCard,
};

export const description: INodeProperties[] = [
	operationPicker(
		'message',
		[
			{
				name: 'Recall',
				value: 'recall',
				action: 'Recall a message',
				description: 'Recall a message sent in the last 24 hours (撤回)',
			},
			{ name: 'Send File', value: 'sendFile', action: 'Send a file', description: 'Send a file (文件消息)' },
			{
				name: 'Send Image',
				value: 'sendImage',
				action: 'Send an image',
				description: 'Send a JPG/PNG image (图片消息)',
			},
			{
				name: 'Send Markdown',
				value: 'sendMarkdown',
				action: 'Send a markdown message',
				description: 'Send markdown (markdown消息)',
			},
			{
				name: 'Send Mini Program Notice',
				value: 'sendMiniProgramNotice',
				action: 'Send a mini program notice',
				description: 'Send a mini program notification (小程序通知消息)',
			},
			{
				name: 'Send MpNews',
				value: 'sendMpNews',
				action: 'Send an mpnews message',
				description: 'Send articles stored by WeCom (图文消息 mpnews)',
			},
			{
				name: 'Send News',
				value: 'sendNews',
				action: 'Send a news message',
				description: 'Send 1 to 8 linked articles (图文消息)',
			},
			{
				name: 'Send Template Card',
				value: 'sendTemplateCard',
				action: 'Send a template card',
				description: 'Send a template card (模板卡片): notice, buttons, vote or drop-downs',
			},
			{ name: 'Send Text', value: 'sendText', action: 'Send a text message', description: 'Send text (文本消息)' },
			{
				name: 'Send Text Card',
				value: 'sendTextCard',
				action: 'Send a text card',
				description: 'Send a card with a title, text and link (文本卡片消息)',
			},
			{ name: 'Send Video', value: 'sendVideo', action: 'Send a video', description: 'Send an MP4 video (视频消息)' },
			{
				name: 'Send Voice',
				value: 'sendVoice',
				action: 'Send a voice message',
				description: 'Send an AMR voice clip (语音消息)',
			},
			{
				name: 'Update Template Card',
				value: 'updateTemplateCard',
				action: 'Update a template card',
				description: 'Change a sent card or its clicked button (更新模板卡片)',
			},
		],
		'sendText',
	),
	...operationFields({ message: operations }),
];
