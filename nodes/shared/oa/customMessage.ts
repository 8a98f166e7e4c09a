/**
 * Customer-service messages (客服消息, message/custom/send): what the OA Reply node sends when asked, and what
 * a passive reply becomes when the guard already answered WeChat (allowed within 48 h of the user's message).
 */
import type { IDataObject } from 'n8n-workflow';
import type { ReplyFields, ReplyKind } from '../callback/reply';
import { callJson, type TokenClient } from '../transport/client';
import { FieldError } from '../execution/errors';

/**
 * A passive reply's content as a custom/send body for the same user, carrying only what the reply had: where
 * custom/send needs more than the reply gave, an error says what, rather than a made-up value.
 */
export function customBodyFromReply<K extends ReplyKind>(
	toUser: string,
	kind: K,
	fields: ReplyFields[K],
): IDataObject | undefined {
	const any = fields as Record<string, unknown>;
	switch (kind) {
		case 'text':
			return { touser: toUser, msgtype: 'text', text: { content: any.content } };
		case 'image':
		case 'voice':
			return { touser: toUser, msgtype: kind, [kind]: { media_id: any.mediaId } };
		case 'video':
			// Without thumb_media_id: WeChat's own page lists media_id, title and description only.
			return {
				touser: toUser,
				msgtype: 'video',
				video: { media_id: any.mediaId, title: any.title ?? '', description: any.description ?? '' },
			};
		case 'music':
			if (!any.musicUrl) {
				throw new FieldError(
					'Music URL',
					'is empty, and a customer-service music message needs one',
					'Fill in Music URL, so that the reply can still go out when it is too late for a passive reply.',
				);
			}
			return {
				touser: toUser,
				msgtype: 'music',
				music: {
					title: any.title ?? '',
					description: any.description ?? '',
					musicurl: any.musicUrl,
					hqmusicurl: any.hqMusicUrl || any.musicUrl,
					thumb_media_id: any.thumbMediaId,
				},
			};
		case 'news': {
			const articles = (any.articles as Array<Record<string, string>>) ?? [];
			const [first] = articles;
			if (!first) return undefined;
			if (articles.length > 1) {
				throw new FieldError(
					'Articles',
					`has ${articles.length} articles, and a customer-service news message carries 1`,
					'Keep one article, or answer within the reply guard time (an event such as subscribe takes up to 8 passively).',
				);
			}
			return {
				touser: toUser,
				msgtype: 'news',
				news: {
					articles: [
						{
							title: first.title,
							description: first.description ?? '',
							url: first.url ?? '',
							picurl: first.picUrl ?? '',
						},
					],
				},
			};
		}
		default:
			return undefined;
	}
}

export async function sendCustomMessage(client: TokenClient, body: IDataObject): Promise<void> {
	await callJson(client, { method: 'POST', path: '/cgi-bin/message/custom/send', json: body, kind: 'write' });
}
