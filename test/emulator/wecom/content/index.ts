import { articleContent } from './articles';
import { basicContent } from './basic';
import { cardContent } from './cards';
import { templateCard } from './template-card';
import type { ContentValidator } from './types';

/**
 * The msgtypes of application messages (message/send, reference B1) and their payload checks. Group chat
 * (appchat/send) accepts a subset of the same payloads and can pick its validators from here.
 */
export const APP_MESSAGE_CONTENT: ReadonlyMap<string, ContentValidator> = new Map(
	Object.entries({ ...basicContent, ...cardContent, ...articleContent, template_card: templateCard }),
);
