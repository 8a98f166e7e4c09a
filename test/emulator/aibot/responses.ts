/**
 * WeCom's response_url for the AI bot (主动回复消息): POST /cgi-bin/aibot/response?response_code=CODE with plain
 * JSON, markdown or template_card. Each code takes one call, for one hour. WeCom's page does not list the errcodes
 * of a refused call; the emulator answers 40058 (不合法的参数) with an errmsg that names the reason.
 */
import { randomBytes } from 'node:crypto';
import { isRecord } from '../core/json';
import type { Clock } from '../core/clock';
import type { ApiRequest, JsonReply, PublicRoute } from '../core/router';
import { weComError, weComOk, weComPlatform } from '../wecom/errors';

export const AI_BOT_RESPONSE_PATH = '/cgi-bin/aibot/response';
const VALID_MS = 60 * 60_000;
const INVALID = 40058;
const MAX_MARKDOWN_BYTES = 20_480;

export interface AiBotResponse {
	code: string;
	body: Record<string, unknown>;
	at: number;
}

interface Code {
	issuedAt: number;
	used: boolean;
}

export class AiBotResponses {
	private readonly codes = new Map<string, Code>();
	readonly received: AiBotResponse[] = [];

	constructor(private readonly clock: Clock) {}

	issue(): string {
		const code = randomBytes(12).toString('hex');
		this.codes.set(code, { issuedAt: this.clock.now(), used: false });
		return code;
	}

	reset(): void {
		this.codes.clear();
		this.received.length = 0;
	}

	route(): PublicRoute {
		return {
			method: 'POST',
			path: AI_BOT_RESPONSE_PATH,
			platform: weComPlatform,
			auth: 'none',
			handle: (req) => this.handle(req),
		};
	}

	private handle(req: ApiRequest): JsonReply {
		const code = req.query.response_code ?? '';
		const known = this.codes.get(code);
		if (!known) return weComError(req, INVALID, 'invalid response_code');
		if (known.used) return weComError(req, INVALID, 'response_code already used');
		if (this.clock.now() - known.issuedAt > VALID_MS) return weComError(req, INVALID, 'response_code expired');
		const body = req.json;
		if (!isRecord(body)) return weComError(req, INVALID, 'body is not JSON');
		const problem = checkResponseBody(body);
		if (problem) return weComError(req, INVALID, problem);
		known.used = true;
		this.received.push({ code, body, at: this.clock.now() });
		return weComOk();
	}
}

/** A markdown or template_card body as response_url (and the long connection's aibot_send_msg) takes it. */
export function checkResponseBody(body: Record<string, unknown>): string | undefined {
	if (body.msgtype === 'markdown') {
		const markdown = body.markdown;
		const content = isRecord(markdown) ? markdown.content : undefined;
		if (typeof content !== 'string' || content === '') return 'markdown.content is empty';
		if (Buffer.byteLength(content, 'utf8') > MAX_MARKDOWN_BYTES) return 'markdown.content exceeds 20480 bytes';
		return undefined;
	}
	if (body.msgtype === 'template_card') {
		const card = body.template_card;
		return isRecord(card) && typeof card.card_type === 'string' ? undefined : 'template_card.card_type missing';
	}
	return 'invalid msgtype';
}
