import { randomInt } from 'node:crypto';

/** One accepted appchat/send call. */
export interface ChatMessage {
	msgtype: string;
	/** The request body exactly as parsed. */
	body: unknown;
	sentAt: number;
}

/** A group chat created through appchat/create; it belongs to the app that created it. */
export interface WeComChat {
	chatid: string;
	corpId: string;
	/** The creating app: only it may update, read or post to the chat. */
	agentId: number;
	name: string;
	owner: string;
	/** Userids as the app's users list spells them, in the order they joined. */
	members: string[];
	createdAt: number;
	messages: ChatMessage[];
}

const CHATID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
/** Real generated chatids seen in the wild are long digit strings (e.g. "16894972527282740677"); clients must
 * treat them as opaque, so the emulator hands out 32 characters of the documented alphabet instead. */
const GENERATED_CHATID_LENGTH = 32;

export class WeComChats {
	/** By corpId, then chatid: a chatid is unique within a corp ("不能与已有的群重复"), not across corps. */
	private chats = new Map<string, Map<string, WeComChat>>();

	find(corpId: string, chatid: string): WeComChat | undefined {
		return this.chats.get(corpId)?.get(chatid);
	}

	add(chat: WeComChat): void {
		const corp = this.chats.get(chat.corpId) ?? new Map<string, WeComChat>();
		corp.set(chat.chatid, chat);
		this.chats.set(chat.corpId, corp);
	}

	/** A random chatid not yet used in the corp. */
	newChatId(corpId: string): string {
		for (;;) {
			const chatid = Array.from({ length: GENERATED_CHATID_LENGTH }, () => CHATID_ALPHABET[randomInt(CHATID_ALPHABET.length)]).join('');
			if (this.find(corpId, chatid) === undefined) return chatid;
		}
	}

	reset(): void {
		this.chats.clear();
	}

	snapshot(): WeComChat[] {
		return [...this.chats.values()].flatMap((corp) =>
			[...corp.values()].map((chat) => ({ ...chat, members: [...chat.members], messages: chat.messages.map((message) => ({ ...message })) })),
		);
	}
}
