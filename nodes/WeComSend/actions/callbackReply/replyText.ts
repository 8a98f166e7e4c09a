import { buildReplyFields, replyProperties } from '../../../shared/descriptions/passiveReply';
import type { ReplyFields } from '../../../shared/callback/reply';
import { callbackReplyOperation } from './reply';

export const { description, execute } = callbackReplyOperation(
	'replyText',
	'text',
	replyProperties.text,
	async (ctx) => (await buildReplyFields(ctx, 'text')) as ReplyFields['text'],
);
