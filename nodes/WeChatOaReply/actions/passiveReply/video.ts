import { buildReplyFields, replyProperties } from '../../../shared/descriptions/passiveReply';
import type { ReplyFields } from '../../../shared/callback/reply';
import { passiveReplyOperation } from './reply';

export const { description, execute } = passiveReplyOperation(
	'video',
	replyProperties.video,
	async (ctx) => (await buildReplyFields(ctx, 'video')) as ReplyFields['video'],
);
