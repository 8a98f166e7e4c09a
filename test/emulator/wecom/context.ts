import type { Clock } from '../core/clock';
import type { MediaStore } from '../core/media-store';
import type { TokenOwner, TokenStore } from '../core/tokens';
import type { WeComApps } from './apps';
import type { WeComChats } from './appchat/chats';
import type { ContentContext } from './content/types';
import type { WeComMessages } from './messages';
import type { WeComQuota } from './quota';
import type { WeComRobots } from './robot/robots';

/** Everything the WeCom route handlers share. */
export interface WeComContext {
	apps: WeComApps;
	messages: WeComMessages;
	/** Group chats (appchat). */
	chats: WeComChats;
	/** Group robots (webhook) and what they sent. */
	robots: WeComRobots;
	/** The per-corp API quota and the per-member message limits. */
	quota: WeComQuota;
	tokens: TokenStore;
	media: MediaStore;
	clock: Clock;
}

/** WeCom media "can be shared by every app in the corp": the corp is the media scope. */
export function corpScope(corpId: string): string {
	return `wecom:${corpId}`;
}

export function contentContext(ctx: WeComContext, caller: TokenOwner, mode: ContentContext['mode']): ContentContext {
	return {
		mode,
		hasMedia: (mediaId, type) => ctx.media.find(mediaId, corpScope(caller.corpId))?.type === type,
	};
}
