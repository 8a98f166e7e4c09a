/**
 * A reply through the response_url WeCom put in a message or card click (主动回复消息): one POST of plain JSON
 * (not encrypted), valid for an hour, once. WeCom answers HTTP 200 with an errcode.
 */
import { httpRequest } from '../transport/http';
import { parseJsonLossless } from '../transport/json';
import { WeChatApiError } from '../transport/errors';
import type { JsonObject } from './json';

const API = 'aibot/response (response_url)';

export async function sendToResponseUrl(url: string, body: JsonObject, proxyUrl: string): Promise<void> {
	const response = await httpRequest({ method: 'POST', url, json: body, proxyUrl: proxyUrl || undefined });
	let answer: unknown;
	try {
		answer = parseJsonLossless(response.body.toString('utf8'));
	} catch {
		answer = undefined;
	}
	const errcode = Number((answer as { errcode?: unknown } | undefined)?.errcode ?? (response.status === 200 ? 0 : -1));
	if (errcode !== 0) {
		const errmsg = String((answer as { errmsg?: unknown } | undefined)?.errmsg ?? `HTTP ${response.status}`);
		throw new WeChatApiError(
			'wecom',
			API,
			errcode,
			errmsg,
			{},
			{
				en: 'WeCom refused the reply through response_url',
				zh: '主动回复失败',
				hint: 'A response_url takes one reply, within an hour of the message: reply once per message, and sooner.',
			},
		);
	}
}
