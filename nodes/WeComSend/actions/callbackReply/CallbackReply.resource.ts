import type { INodeProperties } from 'n8n-workflow';
import { operationFields, operationPicker } from '../../../shared/descriptions/operationPicker';
import * as replyText from './replyText';
import * as replyImage from './replyImage';
import * as replyVoice from './replyVoice';
import * as replyVideo from './replyVideo';
import * as replyNews from './replyNews';
import * as replyUpdateButton from './replyUpdateButton';

export const operations = { replyText, replyImage, replyVoice, replyVideo, replyNews, replyUpdateButton };

export const description: INodeProperties[] = [
	operationPicker(
		'callbackReply',
		[
			{ name: 'Reply With Image', value: 'replyImage', action: 'Reply to a callback with an image' },
			{ name: 'Reply With News', value: 'replyNews', action: 'Reply to a callback with news articles' },
			{ name: 'Reply With Text', value: 'replyText', action: 'Reply to a callback with text' },
			{ name: 'Reply With Video', value: 'replyVideo', action: 'Reply to a callback with a video' },
			{ name: 'Reply With Voice', value: 'replyVoice', action: 'Reply to a callback with a voice message' },
			{
				name: 'Update Clicked Button',
				value: 'replyUpdateButton',
				action: 'Relabel the clicked template card button',
				description: 'Answer a template_card_event (更新按钮)',
			},
		],
		'replyText',
	),
	...operationFields({ callbackReply: operations }),
];
