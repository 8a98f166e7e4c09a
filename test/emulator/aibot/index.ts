/**
 * WeCom's side of the AI bot (智能机器人), callback-URL mode: encrypted media behind the URLs a callback carries,
 * the response_url endpoint, the builders of the callbacks (callback.ts), and the pusher that plays a whole
 * conversation over HTTP with stream polls at WeCom's pace (pusher.ts, /__emulator/aibot/converse).
 * Long-connection mode: the WebSocket server (longConnection*.ts, /__emulator/aibot/ws/*).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Clock } from '../core/clock';
import type { ControlApi } from '../core/control-api';
import type { Router } from '../core/router';
import { registerAiBotControls } from './control-routes';
import { AI_BOT_MEDIA_PATH, AiBotMedia } from './media';
import { AI_BOT_RESPONSE_PATH, AiBotResponses, type AiBotResponse } from './responses';
import { LongConnectionServer, type DropMode, type SocketBot, type SocketConnection, type SocketPush } from './longConnection';
import { registerLongConnectionControls } from './longConnectionControl';
import { converseOverSocket, type SocketConversation, type SocketConverseOptions } from './longConnectionConverse';
import type { ReplyFilter, SocketReply } from './longConnectionReplies';

export interface AiBotControl {
	/** Stores a file encrypted with the bot's key; returns the absolute URL a callback's image/file carries. */
	addMedia(encodingAesKey: string, data: Buffer, fileName: string): string;
	/** A fresh response_url, as WeCom puts one in each message and card click. */
	responseUrl(): string;
	/** What arrived through response_url, oldest first. */
	responses(): AiBotResponse[];
	/** A bot that may subscribe on the long connection (replacing one with the same id). */
	addSocketBot(bot: SocketBot): void;
	/** Stores a file encrypted with a fresh key of its own, as long-connection messages carry media: `{url, aeskey}`. */
	socketMedia(data: Buffer, fileName: string): { url: string; aeskey: string };
	/** Pushes a message or event to the bot's subscribed connection; undefined when it has none. */
	pushOverSocket(botId: string, message: Record<string, unknown>): SocketPush | undefined;
	/** Pushes and collects the reply frames until the answer is complete; undefined when the bot has no connection. */
	converseOverSocket(botId: string, message: Record<string, unknown>, options?: SocketConverseOptions): Promise<SocketConversation> | undefined;
	/** Reply frames received (accepted and refused), oldest first. */
	socketReplies(filter?: ReplyFilter): SocketReply[];
	/** Every connection since the last reset. */
	socketConnections(): SocketConnection[];
	/** Drops the bot's open connections (every bot's without an id); returns how many. */
	dropSocket(botId?: string, mode?: DropMode): number;
	/** Resolves true once the bot has a subscribed connection, false after `timeoutMs`. */
	waitForSocket(botId: string, timeoutMs: number): Promise<boolean>;
}

export interface AiBotModule {
	control: AiBotControl;
	/** The long connection's WebSocket upgrade (the root path). */
	upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
	/** Clears media, response_url codes and what arrived, socket replies and closed connections; open sockets stay. */
	reset(): void;
	/** Ends every socket (the HTTP server cannot close while one is open). */
	close(): void;
}

export function registerAiBot(
	router: Router,
	api: ControlApi,
	clock: Clock,
	baseUrl: () => string,
	socketBots: readonly SocketBot[] = [],
): AiBotModule {
	const media = new AiBotMedia();
	const responses = new AiBotResponses(clock);
	router.add(media.route());
	router.add(responses.route());
	const addMedia = (encodingAesKey: string, data: Buffer, fileName: string): string =>
		`${baseUrl()}${AI_BOT_MEDIA_PATH}?id=${media.add(encodingAesKey, data, fileName)}`;
	const responseUrl = (): string => `${baseUrl()}${AI_BOT_RESPONSE_PATH}?response_code=${responses.issue()}`;
	const socket = new LongConnectionServer(clock, responseUrl);
	for (const bot of socketBots) socket.addBot(bot);
	const control: AiBotControl = {
		addMedia,
		responseUrl,
		responses: () => [...responses.received],
		addSocketBot: (bot) => socket.addBot(bot),
		socketMedia: (data, fileName) => {
			// 32 random bytes in the 43-character base64 of an EncodingAESKey, the shape WeCom's aeskey has.
			const aeskey = randomBytes(32).toString('base64').slice(0, 43);
			return { url: addMedia(aeskey, data, fileName), aeskey };
		},
		pushOverSocket: (botId, message) => socket.push(botId, message),
		converseOverSocket: (botId, message, options) => converseOverSocket(socket, botId, message, options),
		socketReplies: (filter) => socket.replies.entries(filter),
		socketConnections: () => socket.connectionsSnapshot(),
		dropSocket: (botId, mode) => socket.drop(botId, mode),
		waitForSocket: (botId, timeoutMs) => socket.waitForSubscription(botId, timeoutMs),
	};
	registerAiBotControls(api, control);
	registerLongConnectionControls(api, control);
	return {
		control,
		upgrade: (req, duplex, head) => socket.upgrade(req, duplex, head),
		reset: () => {
			media.reset();
			responses.reset();
			socket.reset();
		},
		close: () => socket.close(),
	};
}

export { aiBotCallback, aiBotUrlCheck, type AiBotRequest, type AiBotSecrets } from './callback';
export type { AiBotResponse } from './responses';
export { converse, type Conversation, type ConverseOptions } from './pusher';
export type { DropMode, SocketBot, SocketConnection, SocketPush } from './longConnection';
export type { SocketConversation, SocketConverseOptions } from './longConnectionConverse';
export type { ReplyFilter, SocketReply } from './longConnectionReplies';
