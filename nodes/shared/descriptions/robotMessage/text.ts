import type { WeComMessageContent } from '../wecomMessage/types';
import { checkBytes, requireText } from '../../execution/itemContext';
import { idList } from '../wecomRecipients';

export const robotTextContent: WeComMessageContent = {
	msgtype: 'text',
	supportsSafe: false,
	properties: [
		{
			displayName: 'Content',
			name: 'content',
			type: 'string',
			typeOptions: { rows: 4 },
			default: '',
			required: true,
			description: 'At most 2048 bytes',
		},
		{
			displayName: 'Mention Members',
			name: 'mentionedList',
			type: 'string',
			default: '',
			placeholder: 'zhangsan|@all',
			description: 'UserIDs to @, separated by | or commas; @all mentions everyone',
		},
		{
			displayName: 'Mention Mobile Numbers',
			name: 'mentionedMobileList',
			type: 'string',
			default: '',
			placeholder: '13800001111|@all',
			description: 'Mobile numbers of members to @, separated by | or commas',
		},
	],
	async build(ctx) {
		const content = requireText(ctx, 'content', 'Content', 'Enter the text to send.');
		checkBytes(content, 2048, 'Content');
		const payload: { content: string; mentioned_list?: string[]; mentioned_mobile_list?: string[] } = { content };
		const members = idList(ctx.param<unknown>('mentionedList', ''));
		const mobiles = idList(ctx.param<unknown>('mentionedMobileList', ''));
		if (members.length) payload.mentioned_list = members;
		if (mobiles.length) payload.mentioned_mobile_list = mobiles;
		return payload;
	},
};
