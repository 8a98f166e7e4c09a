import type { WeComMediaType } from '../media-rules';
import type { Violation } from '../violation';

export interface ContentContext {
	/** True when `mediaId` is a live upload of `type` that the calling app's corp may use. */
	hasMedia(mediaId: string, type: WeComMediaType): boolean;
	/** update_template_card accepts a card in its submitted state and without a new task_id. */
	mode: 'send' | 'update';
}

/** Checks the payload object of one msgtype (`body[msgtype]`); undefined when WeCom would accept it. */
export type ContentValidator = (payload: unknown, ctx: ContentContext) => Violation | undefined;
