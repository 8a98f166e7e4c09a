/**
 * The emulator's own HTTP API, for users in another process (the e2e suite's n8n, `npm start`): everything a
 * test does in-process through the Emulator object. It lives under a prefix no WeChat path can have, is
 * never logged and never meets a fault.
 */
export const CONTROL_PREFIX = '/__emulator/';

export interface ControlInput {
	/** The parsed JSON body; undefined when there was none. */
	body: unknown;
	query: Record<string, string>;
}

export interface ControlReply {
	status: number;
	body: unknown;
}

/** May answer later: a callback push (callbacks/push) answers when the trigger has. */
export type ControlHandler = (input: ControlInput) => ControlReply | Promise<ControlReply>;

export class ControlApi {
	private handlers = new Map<string, ControlHandler>();

	/** `path` is relative to the prefix, e.g. `log/clear`. */
	add(method: 'GET' | 'POST', path: string, handler: ControlHandler): void {
		const key = `${method} ${path}`;
		if (this.handlers.has(key)) throw new Error(`control route ${key} registered twice`);
		this.handlers.set(key, handler);
	}

	handle(method: string, path: string, input: ControlInput): ControlReply | Promise<ControlReply> {
		const handler = this.handlers.get(`${method} ${path}`);
		if (handler !== undefined) return handler(input);
		const known = [...this.handlers.keys()].some((key) => key.endsWith(` ${path}`));
		return known ? { status: 405, body: { error: `${method} not allowed on ${CONTROL_PREFIX}${path}` } } : { status: 404, body: { error: `no control route ${CONTROL_PREFIX}${path}` } };
	}
}

export function ok(body: unknown = { ok: true }): ControlReply {
	return { status: 200, body };
}

export function badRequest(reason: string): ControlReply {
	return { status: 400, body: { error: reason } };
}
