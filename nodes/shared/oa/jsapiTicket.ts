/**
 * The JS-SDK's jsapi_ticket (网页 JS-SDK): fetched with the app's access token and cached by the same cache, in
 * the same layers and with the same early refresh and single-flight, as the token itself. WeChat limits
 * getticket calls tightly, so every page signature of every run shares one ticket.
 */
import { createHash, randomBytes } from 'node:crypto';
import { callJson, type TokenClient } from '../transport/client';
import { getAccessToken, type TokenSource } from '../transport/token';

const ticketSources = new WeakMap<TokenSource, TokenSource>();

/** The app's token source with the ticket as its purpose (one object per client, so its cache key is computed once). */
function ticketSource(source: TokenSource): TokenSource {
	let ticket = ticketSources.get(source);
	if (!ticket) {
		ticket = { ...source, purpose: 'jsapi_ticket' };
		ticketSources.set(source, ticket);
	}
	return ticket;
}

export async function getJsapiTicket(client: TokenClient): Promise<string> {
	return await getAccessToken({
		source: ticketSource(client.source),
		staticData: client.staticData,
		fetch: async () => {
			const answer = await callJson(client, {
				method: 'GET',
				path: '/cgi-bin/ticket/getticket',
				query: { type: 'jsapi' },
				kind: 'read',
			});
			return { accessToken: String(answer.ticket), expiresInSeconds: Number(answer.expires_in) || 7200 };
		},
	});
}

/** WeChat signs the page URL without its fragment: the `#` and everything after it are not part of it. */
export function signableUrl(url: string): string {
	const hash = url.indexOf('#');
	return hash === -1 ? url : url.slice(0, hash);
}

/** sha1 of `jsapi_ticket=…&noncestr=…&timestamp=…&url=…` (keys in ASCII order, raw values, no URL escaping). */
export function jsapiSignature(ticket: string, nonceStr: string, timestamp: number, url: string): string {
	return createHash('sha1')
		.update(`jsapi_ticket=${ticket}&noncestr=${nonceStr}&timestamp=${timestamp}&url=${url}`)
		.digest('hex');
}

/** 16 random letters and digits (WeChat asks for a random string; its samples use 16 characters). */
export function nonceString(): string {
	return randomBytes(8).toString('hex');
}
