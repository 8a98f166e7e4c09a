/**
 * WeCom's side of the AI bot (智能机器人), callback-URL mode: encrypted media behind the URLs a callback carries,
 * the response_url endpoint, the builders of the callbacks (callback.ts), and the pusher that plays a whole
 * conversation over HTTP with stream polls at WeCom's pace (pusher.ts, /__emulator/aibot/converse).
 */
import type { Clock } from '../core/clock';
import type { ControlApi } from '../core/control-api';
import type { Router } from '../core/router';
import { registerAiBotControls } from './control-routes';
import { AI_BOT_MEDIA_PATH, AiBotMedia } from './media';
import { AI_BOT_RESPONSE_PATH, AiBotResponses, type AiBotResponse } from './responses';

export interface AiBotControl {
	/** Stores a file encrypted with the bot's key; returns the absolute URL a callback's image/file carries. */
	addMedia(encodingAesKey: string, data: Buffer, fileName: string): string;
	/** A fresh response_url, as WeCom puts one in each message and card click. */
	responseUrl(): string;
	/** What arrived through response_url, oldest first. */
	responses(): AiBotResponse[];
}

export function registerAiBot(
	router: Router,
	api: ControlApi,
	clock: Clock,
	baseUrl: () => string,
): { control: AiBotControl; reset(): void } {
	const media = new AiBotMedia();
	const responses = new AiBotResponses(clock);
	router.add(media.route());
	router.add(responses.route());
	const control: AiBotControl = {
		addMedia: (encodingAesKey, data, fileName) =>
			`${baseUrl()}${AI_BOT_MEDIA_PATH}?id=${media.add(encodingAesKey, data, fileName)}`,
		responseUrl: () => `${baseUrl()}${AI_BOT_RESPONSE_PATH}?response_code=${responses.issue()}`,
		responses: () => [...responses.received],
	};
	registerAiBotControls(api, control);
	return {
		control,
		reset: () => {
			media.reset();
			responses.reset();
		},
	};
}

export { aiBotCallback, aiBotUrlCheck, type AiBotRequest, type AiBotSecrets } from './callback';
export type { AiBotResponse } from './responses';
export { converse, type Conversation, type ConverseOptions } from './pusher';
