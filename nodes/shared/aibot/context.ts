/** What the AI Bot Trigger puts in each item about the callback, for a reply: no secrets. */
export interface AiBotCallbackContext {
	platform: 'aibot';
	/** ms since the epoch. */
	receivedAt: number;
	msgid: string;
	chatId: string;
	chatType: 'single' | 'group';
	userId: string;
	/** Events only: enter_chat, template_card_event, ... */
	event?: string;
	/** WeCom's one-time URL for a reply within the hour (主动回复); only here, never at the item's top level. */
	responseUrl?: string;
	/** Reply "From a WeCom AI Bot Reply Node", a message: the stream the trigger opened for the answer. */
	streamId?: string;
	/** Reply "From a WeCom AI Bot Reply Node", enter_chat or template_card_event: the passive reply's slot. */
	replyId?: string;
	/** Until when the slot takes a reply (ms since the epoch). */
	replyBy?: number;
	/** Long connection only: the message came over the socket, and replies go back over it. */
	kind?: 'socket';
	/** Long connection only: the req_id of WeCom's push, which every reply to it carries. */
	reqId?: string;
	/** Long connection only: the bot whose connection (in the n8n process that holds it) the replies go through. */
	botId?: string;
}
