import { buildReplyFields, replyProperties } from '../../../shared/descriptions/passiveReply';
import type { ReplyFields } from '../../../shared/callback/reply';
import { callbackReplyOperation } from './reply';

export const { description, execute } = callbackReplyOperation(
	'replyImage',
	'image',
	replyProperties.image,
	async (ctx) => (await buildReplyFields(ctx, 'image')) as ReplyFields['image'],
);
