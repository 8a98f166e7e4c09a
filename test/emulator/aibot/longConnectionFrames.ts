/**
 * The frames of the AI bot's long connection (智能机器人长连接, developer.work.weixin.qq.com/document/path/101463):
 * JSON text `{cmd, headers: {req_id}, body}` both ways; the server answers each client frame with a frame without
 * cmd that carries the same req_id and errcode/errmsg.
 *
 * Errcodes: WeCom's page lists none, so these are the ones the real service answers as recorded by its users
 * (a probe of the service published in tangnie001-stack/corporate_rag docs/agents/wecom-sdk-facts.md: 853000 on a
 * wrong secret, 846605 for an event's req_id used to stream; openclaw-plugin-wecom#107: 846608 for a stream
 * updated after its window; hermes-agent#47564: 846609 before the subscription). Where no answer is on record
 * the emulator uses 40058 (不合法的参数) naming the field, as for the callback mode's response_url.
 */
import { isRecord } from '../core/json';

export const Cmd = {
	subscribe: 'aibot_subscribe',
	ping: 'ping',
	respond: 'aibot_respond_msg',
	respondWelcome: 'aibot_respond_welcome_msg',
	respondUpdate: 'aibot_respond_update_msg',
	send: 'aibot_send_msg',
	messageCallback: 'aibot_msg_callback',
	eventCallback: 'aibot_event_callback',
} as const;

export const SocketErrcode = {
	ok: 0,
	/** "invalid bot_id or secret"; the real server keeps the socket open, unsubscribed. */
	invalidBotOrSecret: 853000,
	/** "invalid req_id": unknown, another connection's, the wrong kind for the cmd, or past its window. */
	invalidReqId: 846605,
	/** "stream message update expired": a stream frame after six minutes without an update. */
	streamExpired: 846608,
	/** "aibot websocket not subscribed": anything but subscribe and ping before a subscription. */
	notSubscribed: 846609,
	invalidParameter: 40058,
} as const;

/** A frame the client sent, once it parsed as one. */
export interface ClientFrame {
	cmd: string;
	reqId: string;
	/** The body when it is an object; undefined when absent (ping). */
	body?: Record<string, unknown>;
}

/** The frame, or the reason it is not one (no answer can carry a req_id then). */
export function parseClientFrame(text: string): ClientFrame | string {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return 'not JSON';
	}
	if (!isRecord(value)) return 'not a JSON object';
	const { cmd, headers, body } = value;
	if (typeof cmd !== 'string' || cmd === '') return 'cmd missing';
	const reqId = isRecord(headers) ? headers.req_id : undefined;
	if (typeof reqId !== 'string' || reqId === '') return 'headers.req_id missing';
	if (body !== undefined && !isRecord(body)) return 'body is not an object';
	return { cmd, reqId, body };
}

/** The server's answer to a client frame. */
export function ackFrame(reqId: string, errcode: number, errmsg: string): string {
	return JSON.stringify({ headers: { req_id: reqId }, errcode, errmsg });
}

/**
 * The answer to a cmd the emulator does not serve (media upload): deliberately without errcode, so no client
 * mistakes an emulator gap for WeCom's answer.
 */
export function notServedFrame(reqId: string, cmd: string): string {
	return JSON.stringify({ headers: { req_id: reqId }, error: `the emulator does not serve ${cmd}` });
}

/** A message or event the server pushes; the client's replies carry its req_id. */
export function pushFrame(cmd: string, reqId: string, body: Record<string, unknown>): string {
	return JSON.stringify({ cmd, headers: { req_id: reqId }, body });
}
