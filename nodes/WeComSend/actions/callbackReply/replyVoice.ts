import { buildReplyFields, replyProperties } from '../../../shared/descriptions/passiveReply';
import type { ReplyFields } from '../../../shared/callback/reply';
import { callbackReplyOperation } from './reply';

export const { description, execute } = callbackReplyOperation(
	'replyVoice',
	'voice',
	replyProperties.voice,
	async (ctx) => (await buildReplyFields(ctx, 'voice')) as ReplyFields['voice'],
);
