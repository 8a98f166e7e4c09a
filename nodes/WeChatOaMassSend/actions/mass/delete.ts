/** Delete a mass message (删除群发): its article pages stop opening; delivered cards stay in chats. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { FieldError } from '../../../shared/execution/errors';
import { callJson, replayNote } from '../../../shared/transport/client';
import { numericId } from '../../../shared/transport/json';

/** 40059 "invalid msg id": what WeChat answers when no message is left to delete, e.g. a replay of our delete. */
const ALREADY_DELETED: ReadonlySet<number> = new Set([40059]);

export const description = scoped({ resource: ['mass'], operation: ['delete'] }, [
	{
		displayName: 'Message ID',
		name: 'msgId',
		type: 'string',
		default: '',
		description: 'The msg_id of the job (or leave empty and give the article URL)',
	},
	{
		displayName: 'Article Index',
		name: 'articleIdx',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: 8 },
		default: 0,
		description: 'Which article, counting from 1; 0 deletes them all',
	},
	{
		displayName: 'Article URL',
		name: 'articleUrl',
		type: 'string',
		default: '',
		description: 'The URL of the article to delete, when no message ID is given',
	},
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const msgId = ctx.text('msgId');
	const url = ctx.text('articleUrl');
	if (!msgId && !url)
		throw new FieldError(
			'Message ID',
			'and Article URL are both empty',
			'Give the msg_id of the job, or the URL of the article.',
		);
	if (msgId && !/^\d+$/.test(msgId))
		throw new FieldError('Message ID', `"${msgId}" is not a msg_id`, 'Map the msg_id returned by the send.');
	const body: Record<string, unknown> = {};
	if (msgId) body.msg_id = numericId(msgId);
	else body.url = url;
	const index = Number(ctx.param<number>('articleIdx', 0));
	if (index) body.article_idx = index;
	const answer = await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/message/mass/delete',
		json: body,
		kind: 'write',
		deduplicated: true,
		doneOnReplay: ALREADY_DELETED,
	});
	const note = replayNote(answer, 'deleted');
	return {
		json: {
			msg_id: msgId,
			article_idx: index,
			...(url && !msgId ? { url } : {}),
			deleted: true,
			...(note ? { note } : {}),
		},
	};
};
