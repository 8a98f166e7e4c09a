import type { INodeProperties } from 'n8n-workflow';
import { operationFields, operationPicker } from '../../../shared/descriptions/operationPicker';
import * as sendText from './sendText';
import * as sendMarkdown from './sendMarkdown';
import * as sendImage from './sendImage';
import * as sendNews from './sendNews';
import * as sendFile from './sendFile';
import * as sendVoice from './sendVoice';
import * as sendTemplateCard from './sendTemplateCard';
import * as uploadMedia from './uploadMedia';

export const operations = {
	sendText,
	sendMarkdown,
	sendImage,
	sendNews,
	sendFile,
	sendVoice,
	sendTemplateCard,
	uploadMedia,
};

export const description: INodeProperties[] = [
	operationPicker(
		'robot',
		[
			{ name: 'Send File', value: 'sendFile', action: 'Send a file with a group robot' },
			{
				name: 'Send Image',
				value: 'sendImage',
				action: 'Send an image with a group robot',
				description: 'JPG/PNG up to 2 MB, sent inline (base64 + md5)',
			},
			{ name: 'Send Markdown', value: 'sendMarkdown', action: 'Send markdown with a group robot' },
			{ name: 'Send News', value: 'sendNews', action: 'Send news articles with a group robot' },
			{
				name: 'Send Template Card',
				value: 'sendTemplateCard',
				action: 'Send a template card with a group robot',
				description: 'Text or news notice card (模板卡片)',
			},
			{
				name: 'Send Text',
				value: 'sendText',
				action: 'Send text with a group robot',
				description: 'Text with @mentions (群机器人)',
			},
			{ name: 'Send Voice', value: 'sendVoice', action: 'Send a voice message with a group robot' },
			{
				name: 'Upload Media',
				value: 'uploadMedia',
				action: 'Upload a file for a group robot',
				description: 'Upload a file or voice for this robot (valid 3 days)',
			},
		],
		'sendText',
	),
	...operationFields({ robot: operations }),
];
