/**
 * Passive replies to a WeCom Trigger (被动回复): answered within WeChat's 5 s when the trigger's slot is still
 * open, always encrypted (WeCom callbacks are). When the workflow was slower and the trigger already answered,
 * the same content goes out as an application message to the sender, or is skipped, as the user chose.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { WeComOperation } from '../types';
import type { ReplyFields, ReplyKind } from '../../../shared/callback/reply';
import type { ItemContext } from '../../../shared/execution/itemContext';
import { scoped } from '../../../shared/descriptions/scope';
import { callbackOf, sendPassiveReply } from '../../../shared/webhook/passiveReply';
import { callJson } from '../../../shared/transport/client';
import { resolveAgentId } from '../options';

const TRIGGER = 'WeCom Trigger';

const whenLate: INodeProperties = {
	displayName: 'When Too Late',
	name: 'whenLate',
	type: 'options',
	options: [
		{
			name: 'Send as Application Message',
			value: 'appMessage',
			description: 'WeCom already got "success": send the reply to the sender with message/send',
		},
		{ name: 'Skip', value: 'skip', description: 'Send nothing more' },
	],
	default: 'appMessage',
	description: 'What to do when the trigger already answered WeCom (the workflow took longer than the reply guard)',
};

/** A passive reply's content as an application message payload, where one exists. */
function appMessage(kind: ReplyKind, fields: Record<string, unknown>): IDataObject | undefined {
	switch (kind) {
		case 'text':
			return { msgtype: 'text', text: { content: fields.content } };
		case 'image':
		case 'voice':
			return { msgtype: kind, [kind]: { media_id: fields.mediaId } };
		case 'video':
			return {
				msgtype: 'video',
				video: {
					media_id: fields.mediaId,
					...(fields.title ? { title: fields.title } : {}),
					...(fields.description ? { description: fields.description } : {}),
				},
			};
		case 'news':
			return {
				msgtype: 'news',
				news: {
					articles: (fields.articles as Array<Record<string, string>>).map((article) => ({
						title: article.title,
						description: article.description ?? '',
						url: article.url || 'https://work.weixin.qq.com',
						picurl: article.picUrl ?? '',
					})),
				},
			};
		default:
			return undefined;
	}
}

export function callbackReplyOperation<K extends ReplyKind>(
	operation: string,
	kind: K,
	properties: INodeProperties[],
	build: (ctx: ItemContext) => Promise<ReplyFields[K]>,
): WeComOperation {
	return {
		description: scoped({ resource: ['callbackReply'], operation: [operation] }, [
			...properties,
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [whenLate],
			},
		]),
		async execute(run, itemIndex) {
			const ctx = run.item(itemIndex);
			const { json } = callbackOf(this, itemIndex, TRIGGER);
			const fields = await build(ctx);
			const outcome = await sendPassiveReply(this, itemIndex, kind, fields, run.connection.secrets, TRIGGER);
			const toUser = String(json.FromUserName);
			if (outcome.sent === 'passive') return { json: { replied: 'passive', msgType: kind, toUser } };
			const message =
				ctx.param<IDataObject>('options', {}).whenLate === 'skip'
					? undefined
					: appMessage(kind, fields as Record<string, unknown>);
			if (!message)
				return {
					json: { replied: 'skipped', msgType: kind, toUser, reason: 'the trigger had already answered WeCom' },
				};
			const agentid = resolveAgentId(run.connection, json.AgentID);
			const answer = await callJson(run.connection.client, {
				method: 'POST',
				path: '/cgi-bin/message/send',
				json: { touser: toUser, agentid, ...message },
				kind: 'write',
			});
			return { json: { replied: 'appMessage', msgType: kind, toUser, msgid: String(answer.msgid ?? '') } };
		},
	};
}
