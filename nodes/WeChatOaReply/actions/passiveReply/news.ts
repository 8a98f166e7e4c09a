import { buildReplyFields, replyProperties } from '../../../shared/descriptions/passiveReply';
import type { ReplyFields } from '../../../shared/callback/reply';
import { passiveReplyOperation } from './reply';

export const { description, execute } = passiveReplyOperation(
	'news',
	replyProperties.news,
	async (ctx) => (await buildReplyFields(ctx, 'news')) as ReplyFields['news'],
);
