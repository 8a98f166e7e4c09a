import { buildReplyFields, replyProperties } from '../../../shared/descriptions/passiveReply';
import type { ReplyFields } from '../../../shared/callback/reply';
import { callbackReplyOperation } from './reply';

export const { description, execute } = callbackReplyOperation(
	'replyVideo',
	'video',
	replyProperties.video,
	async (ctx) => (await buildReplyFields(ctx, 'video')) as ReplyFields['video'],
);
