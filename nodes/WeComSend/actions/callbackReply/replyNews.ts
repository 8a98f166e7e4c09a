import { buildReplyFields, replyProperties } from '../../../shared/descriptions/passiveReply';
import type { ReplyFields } from '../../../shared/callback/reply';
import { callbackReplyOperation } from './reply';

export const { description, execute } = callbackReplyOperation(
	'replyNews',
	'news',
	replyProperties.news,
	async (ctx) => (await buildReplyFields(ctx, 'news')) as ReplyFields['news'],
);
