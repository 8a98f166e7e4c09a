/** What the AI Bot Trigger puts in each item about the callback, for a reply: no secrets. */
export interface AiBotCallbackContext {
	platform: 'aibot';
	/** ms since the epoch. */
	receivedAt: number;
	msgid: string;
	chatId: string;
	chatType: 'single' | 'group';
	userId: string;
	/** WeCom's one-time URL for a reply within the hour (主动回复); only here, never at the item's top level. */
	responseUrl?: string;
}
