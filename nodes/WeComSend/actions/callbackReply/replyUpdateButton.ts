import { callbackReplyOperation } from './reply';
import { requireText } from '../../../shared/execution/itemContext';

/** The answer to a template_card_event: relabel the clicked button (e.g. "已同意"). */
export const { description, execute } = callbackReplyOperation(
	'replyUpdateButton',
	'update_button',
	[
		{
			displayName: 'Button Text',
			name: 'replaceName',
			type: 'string',
			default: '已处理',
			required: true,
			description: 'What the clicked button shows from now on',
		},
	],
	async (ctx) => ({
		replaceName: requireText(ctx, 'replaceName', 'Button Text', 'Enter the text the button shows after the click.'),
	}),
);
