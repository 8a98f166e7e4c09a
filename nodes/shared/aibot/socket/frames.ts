/**
 * The frames of the AI bot's long connection (智能机器人 长连接): JSON text `{ cmd, headers: { req_id }, body }`.
 * WeCom answers each client frame with a frame without `cmd`, carrying the same req_id and an errcode; it pushes
 * messages and events with their own req_id, which the replies to them must carry. Pure module.
 */
import { randomBytes } from 'node:crypto';
import { readJsonObject, type JsonObject } from '../json';

export const CMD = {
	subscribe: 'aibot_subscribe',
	ping: 'ping',
	message: 'aibot_msg_callback',
	event: 'aibot_event_callback',
	respond: 'aibot_respond_msg',
	welcome: 'aibot_respond_welcome_msg',
	updateCard: 'aibot_respond_update_msg',
	send: 'aibot_send_msg',
} as const;

export type ReplyCmd = typeof CMD.respond | typeof CMD.welcome | typeof CMD.updateCard | typeof CMD.send;

export interface Frame {
	cmd?: string;
	reqId: string;
	body?: JsonObject;
	errcode?: number;
	errmsg?: string;
}

/** The event WeCom sends a connection that a newer one for the same bot replaces, just before it closes it. */
export const DISPLACED_EVENT = 'disconnected_event';

/** A fresh req_id for a frame the client starts (WeCom's own pushes bring theirs). */
export function newReqId(cmd: string): string {
	return `${cmd}_${Date.now()}_${randomBytes(4).toString('hex')}`;
}

export function encodeFrame(cmd: string, reqId: string, body?: JsonObject): string {
	return JSON.stringify(
		body === undefined ? { cmd, headers: { req_id: reqId } } : { cmd, headers: { req_id: reqId }, body },
	);
}

/** A frame from WeCom, or undefined for anything that is not one (never throws on what the server sends). */
export function decodeFrame(text: string): Frame | undefined {
	const read = readJsonObject(text);
	if (!read.ok) return undefined;
	const { cmd, headers, body, errcode, errmsg } = read.value;
	const reqId = (headers as JsonObject | undefined)?.req_id;
	if (typeof reqId !== 'string') return undefined;
	return {
		...(typeof cmd === 'string' && cmd ? { cmd } : {}),
		reqId,
		...(body && typeof body === 'object' && !Array.isArray(body) ? { body: body as JsonObject } : {}),
		...(typeof errcode === 'number' ? { errcode } : {}),
		...(typeof errmsg === 'string' ? { errmsg } : {}),
	};
}

/** A push of a message or an event, which the trigger turns into a run. */
export function isPush(frame: Frame): boolean {
	return frame.cmd === CMD.message || frame.cmd === CMD.event;
}

export function isDisplacement(frame: Frame): boolean {
	const event = frame.body?.event as JsonObject | undefined;
	return frame.cmd === CMD.event && event?.eventtype === DISPLACED_EVENT;
}
