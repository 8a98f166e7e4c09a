/**
 * verifyCallbackUrl: the GET WeChat sends when a callback URL is saved in the admin console (reference G2, G4).
 *   OA     ?signature&timestamp&nonce&echostr       the echostr is plaintext; expects it back verbatim
 *   WeCom  ?msg_signature&timestamp&nonce&echostr   the echostr is encrypted; expects only the decrypted plaintext
 * One try: the console reports a failure to the admin rather than retrying.
 */
import { encrypt } from '@wecom/crypto';
import { resolveEndpoint, type CallbackPlatform, type VerifyOptions } from './options';
import { randomEchostr, sha1Signature } from './signature';
import { exchange } from './transport';

export interface VerifyRecord {
	platform: CallbackPlatform;
	/** The URL as requested, query included. */
	url: string;
	query: Record<string, string>;
	/** The body WeChat accepts: the echostr plaintext. */
	expected: string;
	/** 0 when there was no answer. */
	status: number;
	body: string;
	ms: number;
	timedOut: boolean;
	error?: string;
	/** Status 200 and the body exactly `expected` (no quotes, BOM or newline). */
	ok: boolean;
	problems: string[];
}

export async function verifyCallbackUrl(options: VerifyOptions): Promise<VerifyRecord> {
	const endpoint = resolveEndpoint(options, options.platform === 'wecom');
	const expected = options.echostr ?? randomEchostr();
	if (expected === '') throw new Error('echostr must not be empty');
	const { token, timestamp, nonce } = endpoint;
	let query: Record<string, string>;
	if (endpoint.platform === 'oa') {
		query = { signature: sha1Signature(token, timestamp, nonce), timestamp, nonce, echostr: expected };
	} else {
		// resolveEndpoint required both for WeCom.
		const echostr = encrypt(endpoint.encodingAesKey ?? '', expected, endpoint.receiveId ?? '');
		query = { msg_signature: sha1Signature(token, timestamp, nonce, echostr), timestamp, nonce, echostr };
	}
	const url = new URL(endpoint.url.href);
	for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
	const answer = await exchange({ method: 'GET', url: url.href, timeoutMs: endpoint.timeoutMs, signal: endpoint.signal });
	const problems = judge(answer.status, answer.body, expected, query.echostr, endpoint.timeoutMs, answer.timedOut, answer.error);
	return { platform: endpoint.platform, url: url.href, query, expected, ...answer, ok: problems.length === 0, problems };
}

function judge(status: number, body: string, expected: string, sentEchostr: string, timeoutMs: number, timedOut: boolean, error: string | undefined): string[] {
	if (status === 0) return [timedOut ? `no answer within ${timeoutMs} ms` : `no answer: ${error ?? 'unknown'}`];
	if (status !== 200) return [`HTTP ${status}`];
	if (body === expected) return [];
	if (body !== sentEchostr && body.replace(/^\uFEFF/, '').trim().replace(/^"(.*)"$/, '$1') === expected) return ['the echostr came back with a BOM, quotes or whitespace around it'];
	if (body === sentEchostr && sentEchostr !== expected) return ['the encrypted echostr came back; WeCom expects the decrypted plaintext'];
	return [`the body is not the echostr ${JSON.stringify(expected)}`];
}
