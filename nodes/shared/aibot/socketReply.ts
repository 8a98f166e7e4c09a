/**
 * Replies over the long connection (长连接): the frame goes through the connection held for the bot (in this
 * process, or in queue mode relayed through Redis to the process that holds it: socket/relay.ts), under the
 * req_id of WeCom's push (an active message, `aibot_send_msg`, gets its own), and WeCom's ack decides: an errcode
 * is reported as an API error with what to do about it.
 */
import { FieldError } from '../execution/errors';
import { WeChatApiError, type ErrcodeInfo } from '../transport/errors';
import type { AiBotCallbackContext } from './context';
import type { JsonObject } from './json';
import { AiBotSocketError } from './socket/connection';
import { CMD, newReqId, type ReplyCmd } from './socket/frames';
import { socketRelay } from './socket/chosenRelay';

/** What WeCom's errcodes on the long connection mean (its docs list none; these are the ones its service answers). */
const KNOWN: Record<number, ErrcodeInfo> = {
	846605: {
		en: 'invalid req_id',
		zh: '无效的 req_id',
		hint: "Reply with the item the trigger gave (its callback.reqId), through the same bot, and answer enter_chat and card clicks within 5 s: a welcome or card update needs the event's own req_id.",
	},
	846608: {
		en: 'stream update expired',
		zh: '流式消息更新已过期',
		hint: 'WeCom takes stream updates for 6 minutes after the last one: write and finish sooner, or use Reply Later for a late answer.',
	},
	846609: {
		en: 'long connection not subscribed',
		zh: '长连接未订阅',
		hint: 'The connection was not subscribed when the reply went out: check the Bot ID and Secret, and that no other program took over the bot.',
	},
};

const WHAT: Record<ReplyCmd, string> = {
	[CMD.respond]: 'the reply',
	[CMD.welcome]: 'the welcome',
	[CMD.updateCard]: 'the card update',
	[CMD.send]: 'the message',
};

export function isSocketContext(context: AiBotCallbackContext): boolean {
	return context.kind === 'socket';
}

function socketError(cmd: ReplyCmd, error: unknown): Error {
	if (!(error instanceof AiBotSocketError)) return error as Error;
	if (error.errcode !== undefined) {
		return new WeChatApiError(
			'wecom',
			`${cmd} (long connection)`,
			error.errcode,
			error.errmsg ?? '',
			{},
			KNOWN[error.errcode] ?? {
				en: `WeCom refused ${WHAT[cmd]}`,
				zh: '长连接回复失败',
				hint: "Check the content against WeCom's format for this reply, and reply once, in time, per message or event.",
			},
		);
	}
	const fix =
		error.kind === 'timeout' || error.kind === 'closed'
			? 'It may or may not have arrived, so it was not sent again. The connection reconnects by itself; check the n8n log for why it dropped.'
			: 'Stop the other program connected with this bot, then deactivate and activate the workflow.';
	return new FieldError('Long connection', `${WHAT[cmd]} not confirmed: ${error.message}`, fix);
}

/** Sends `body` as `cmd` for the item's push and waits for WeCom's ack. */
export async function sendOverSocket(context: AiBotCallbackContext, cmd: ReplyCmd, body: JsonObject): Promise<void> {
	if (!context.botId || !context.reqId) {
		throw new FieldError(
			'Input item',
			'came over a long connection but has no bot ID or req_id in its callback',
			'Reply with the item the WeCom AI Bot Long Connection Trigger gave (or one paired with it), without changing its callback.',
		);
	}
	const reqId = cmd === CMD.send ? newReqId(CMD.send) : context.reqId;
	try {
		await socketRelay().request(context.botId, cmd, reqId, body);
	} catch (error) {
		throw socketError(cmd, error);
	}
}
