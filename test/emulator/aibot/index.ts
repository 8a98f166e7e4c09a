/**
 * WeCom's side of the AI bot (智能机器人), callback-URL mode: encrypted media behind the URLs a callback carries,
 * and the builders of the callbacks themselves (callback.ts).
 */
import type { Router } from '../core/router';
import { AI_BOT_MEDIA_PATH, AiBotMedia } from './media';

export interface AiBotControl {
	/** Stores a file encrypted with the bot's key; returns the absolute URL a callback's image/file carries. */
	addMedia(encodingAesKey: string, data: Buffer, fileName: string): string;
}

export function registerAiBot(router: Router, baseUrl: () => string): { control: AiBotControl; reset(): void } {
	const media = new AiBotMedia();
	router.add(media.route());
	return {
		control: {
			addMedia: (encodingAesKey, data, fileName) =>
				`${baseUrl()}${AI_BOT_MEDIA_PATH}?id=${media.add(encodingAesKey, data, fileName)}`,
		},
		reset: () => media.reset(),
	};
}

export { aiBotCallback, aiBotUrlCheck, type AiBotRequest, type AiBotSecrets } from './callback';
