import { buildReplyFields, replyProperties } from '../../../shared/descriptions/passiveReply';
import type { ReplyFields } from '../../../shared/callback/reply';
import { passiveReplyOperation } from './reply';

export const { description, execute } = passiveReplyOperation(
	'text',
	replyProperties.text,
	async (ctx) => (await buildReplyFields(ctx, 'text')) as ReplyFields['text'],
);
