import { buildReplyFields, replyProperties } from '../../../shared/descriptions/passiveReply';
import type { ReplyFields } from '../../../shared/callback/reply';
import { passiveReplyOperation } from './reply';

export const { description, execute } = passiveReplyOperation(
	'voice',
	replyProperties.voice,
	async (ctx) => (await buildReplyFields(ctx, 'voice')) as ReplyFields['voice'],
);
