/**
 * Customer-service messages (客服消息, message/custom/send): what the OA Reply node sends when asked, and what
 * a passive reply becomes when the guard already answered WeChat (allowed within 48 h of the user's message).
 */
import type { IDataObject } from 'n8n-workflow';
import type { ReplyFields, ReplyKind } from '../callback/reply';
import { callJson, type TokenClient } from '../transport/client';

/** A passive reply's content as a custom/send body for the same user. */
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
			// custom/send wants a thumbnail; the video's own media stands in when the reply had none.
			return {
				touser: toUser,
				msgtype: 'video',
				video: {
					media_id: any.mediaId,
					thumb_media_id: any.mediaId,
					title: any.title ?? '',
					description: any.description ?? '',
				},
			};
		case 'music':
			return {
				touser: toUser,
				msgtype: 'music',
				music: {
					title: any.title ?? '',
					description: any.description ?? '',
					musicurl: any.musicUrl ?? '',
					hqmusicurl: any.hqMusicUrl ?? '',
					thumb_media_id: any.thumbMediaId,
				},
			};
		case 'news': {
			const [first] = (any.articles as Array<Record<string, string>>) ?? [];
			if (!first) return undefined;
			// custom/send carries one article now.
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
