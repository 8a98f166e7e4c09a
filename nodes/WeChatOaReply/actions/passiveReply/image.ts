import { buildReplyFields, replyProperties } from '../../../shared/descriptions/passiveReply';
import type { ReplyFields } from '../../../shared/callback/reply';
import { passiveReplyOperation } from './reply';

export const { description, execute } = passiveReplyOperation(
	'image',
	replyProperties.image,
	async (ctx) => (await buildReplyFields(ctx, 'image')) as ReplyFields['image'],
);
