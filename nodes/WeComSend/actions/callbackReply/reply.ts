/**
 * Passive replies to a WeCom Trigger (被动回复): answered within WeChat's 5 s when the trigger's slot is still
 * open, always encrypted (WeCom callbacks are). When the workflow was slower and the trigger already answered,
 * the same content goes out as an application message to the sender, or is skipped, as the user chose.
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { WeComOperation } from '../types';
import type { NewsArticle, ReplyFields, ReplyKind } from '../../../shared/callback/reply';
import type { ItemContext } from '../../../shared/execution/itemContext';
import { replyOperation, type LateDelivery } from '../../../shared/webhook/replyOperation';
import type { WeComRun } from '../../../shared/wecom/run';
import { callJson } from '../../../shared/transport/client';
import { resolveAgentId } from '../options';

/**
 * A passive reply's content as an application message payload, where one exists. An application news article
 * needs a URL; a reply whose articles lack one goes out as text (titles and descriptions) rather than with an
 * invented link.
 */
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
		case 'news': {
			const articles = fields.articles as NewsArticle[];
			if (articles.some((article) => !article.url)) {
				const content = articles
					.map((article) => [article.title, article.description, article.url].filter(Boolean).join('\n'))
					.join('\n\n');
				return { msgtype: 'text', text: { content } };
			}
			return {
				msgtype: 'news',
				news: {
					articles: articles.map((article) => ({
						title: article.title,
						description: article.description ?? '',
						url: article.url,
						picurl: article.picUrl ?? '',
					})),
				},
			};
		}
		default:
			return undefined;
	}
}

const appMessageLate: LateDelivery<WeComRun> = {
	value: 'appMessage',
	name: 'Send as Application Message',
	what: 'an application message',
	description: 'WeCom already got "success": send the reply to the sender with message/send',
	async send(_exec, run, callback, kind, fields) {
		const message = appMessage(kind, fields as Record<string, unknown>);
		if (!message) return undefined;
		const agentid = resolveAgentId(run.connection, callback.AgentID);
		const answer = await callJson(run.connection.client, {
			method: 'POST',
			path: '/cgi-bin/message/send',
			json: { touser: String(callback.FromUserName), agentid, ...message },
			kind: 'write',
		});
		return {
			msgid: String(answer.msgid ?? ''),
			...(message.msgtype !== kind && { sentAs: message.msgtype }),
		};
	},
};

export function callbackReplyOperation<K extends ReplyKind>(
	operation: string,
	kind: K,
	properties: INodeProperties[],
	build: (ctx: ItemContext) => Promise<ReplyFields[K]>,
): WeComOperation {
	return replyOperation<WeComRun, K>({
		resource: 'callbackReply',
		operation,
		kind,
		triggerName: 'WeCom Trigger',
		properties,
		build,
		secrets: (run) => run.connection.secrets,
		late: appMessageLate,
	});
}
