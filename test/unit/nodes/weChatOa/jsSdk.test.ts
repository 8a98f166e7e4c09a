/**
 * WeChat OA → JS-SDK: the signature against WeChat's published example, the URL's fragment dropped, and the
 * jsapi_ticket cached exactly like the access token (memory → sealed static data → one fetch for many items,
 * refreshed before it expires).
 */
import type { INodeParameters } from 'n8n-workflow';
import { createHash } from 'node:crypto';
import { useOaFixture, OA } from '../oaFixture';
import { WeChatOa } from '../../../../nodes/WeChatOa/WeChatOa.node';
import { jsapiSignature, signableUrl } from '../../../../nodes/shared/oa/jsapiTicket';
import { resetProcessState } from '../../../../nodes/shared/testSeam';

const fx = useOaFixture();
const getConfig = (parameters: INodeParameters, options: Parameters<typeof fx.run>[2] = {}) =>
	fx.run(new WeChatOa(), { resource: 'jsSdk', operation: 'getConfig', ...parameters }, options);
const ticketCalls = () => fx.entries('/cgi-bin/ticket/getticket');
const issuedTickets = () => ticketCalls().map((entry) => (entry.response as { ticket: string }).ticket);

// WeChat's JS-SDK guide (附录1, 签名算法) publishes these inputs and the signatures they give.
const PUBLISHED_TICKET = 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg';
test.each([
	['http://mp.weixin.qq.com?params=value', '0f9de62fce790f9a083d5c99e95740ceb90c27ed'],
	['http://mp.weixin.qq.com', 'f4d90daf4b3bca3078ab155816175ba34c443a7b'],
])("WeChat's published example: %s signs to %s", (url, signature) => {
	expect(jsapiSignature(PUBLISHED_TICKET, 'Wm3WZYTPz0wzccnW', 1414587457, url)).toBe(signature);
});

test('the part after # is not signed; the query is', () => {
	expect(signableUrl('https://a.example.com/p?x=1&y=2#/route?z=3')).toBe('https://a.example.com/p?x=1&y=2');
	expect(signableUrl('https://a.example.com/p')).toBe('https://a.example.com/p');
});

test('Get Config: appId, timestamp, nonceStr and the signature of the page URL with the fetched ticket', async () => {
	const before = Math.floor(Date.now() / 1000);
	const result = await getConfig({ url: 'https://shop.example.com/p/42?from=menu#/detail' });
	const config = result.items[0].json;
	expect(config).toEqual({
		appId: OA.appId,
		timestamp: expect.any(Number),
		nonceStr: expect.stringMatching(/^[0-9a-f]{16}$/),
		signature: expect.stringMatching(/^[0-9a-f]{40}$/),
		url: 'https://shop.example.com/p/42?from=menu',
	});
	expect(config.timestamp as number).toBeGreaterThanOrEqual(before);
	const [ticket] = issuedTickets();
	const expected = createHash('sha1')
		.update(
			`jsapi_ticket=${ticket}&noncestr=${String(config.nonceStr)}&timestamp=${String(config.timestamp)}` +
				'&url=https://shop.example.com/p/42?from=menu',
		)
		.digest('hex');
	expect(config.signature).toBe(expected);
	expect(ticketCalls()[0].query).toEqual({ access_token: expect.any(String), type: 'jsapi' });
	// The ticket never appears in the output or in static data in clear.
	expect(JSON.stringify(result.items)).not.toContain(ticket);
	expect(JSON.stringify(result.staticData)).not.toContain(ticket);
});

test('100 items and a second run share one ticket and one access token; every nonce differs', async () => {
	const staticData = {};
	const items = Array.from({ length: 100 }, (_, index) => ({ json: { page: `https://a.example.com/p/${index}` } }));
	const first = await getConfig({ url: '={{ $json.page }}', options: { concurrency: 10 } }, { items, staticData });
	await getConfig({ url: 'https://a.example.com/again' }, { staticData });
	expect(ticketCalls()).toHaveLength(1);
	expect(fx.account().stableTokenCalls).toBe(1);
	expect(new Set(first.items.map((item) => item.json.nonceStr)).size).toBe(100);
});

test('after a restart the sealed ticket in static data is used; memory alone is not needed', async () => {
	const staticData = {};
	await getConfig({ url: 'https://a.example.com/p' }, { staticData });
	resetProcessState(); // as if n8n restarted
	const again = await getConfig({ url: 'https://a.example.com/p' }, { staticData });
	expect(ticketCalls()).toHaveLength(1);
	const [ticket] = issuedTickets();
	const { timestamp, nonceStr, signature } = again.items[0].json;
	expect(signature).toBe(jsapiSignature(ticket, String(nonceStr), Number(timestamp), 'https://a.example.com/p'));
});

test('the ticket is refreshed a few minutes before it expires, once for concurrent items', async () => {
	const start = Date.now();
	const now = jest.spyOn(Date, 'now').mockReturnValue(start);
	try {
		await getConfig({ url: 'https://a.example.com/p' });
		now.mockReturnValue(start + (7200 - 301) * 1000);
		await getConfig({ url: 'https://a.example.com/p' });
		expect(ticketCalls()).toHaveLength(1);
		now.mockReturnValue(start + (7200 - 299) * 1000);
		const items = Array.from({ length: 20 }, () => ({ json: {} }));
		const late = await getConfig({ url: 'https://a.example.com/p', options: { concurrency: 5 } }, { items });
		expect(ticketCalls()).toHaveLength(2);
		const latest = issuedTickets()[1];
		const { timestamp, nonceStr, signature } = late.items[19].json;
		expect(signature).toBe(jsapiSignature(latest, String(nonceStr), Number(timestamp), 'https://a.example.com/p'));
	} finally {
		now.mockRestore();
	}
});

test('a rejected access token on getticket is refreshed once and the ticket fetched', async () => {
	await fx.run(new WeChatOa(), { resource: 'customerService', operation: 'listAccounts' });
	fx.emulator.invalidateTokens();
	const result = await getConfig({ url: 'https://a.example.com/p' });
	expect(result.items[0].json.signature).toBeTruthy();
	expect(ticketCalls().map((entry) => (entry.response as { errcode: number }).errcode)).toEqual([40001, 0]);
});

test.each([
	['', 'Page URL: is empty'],
	['/relative/page', 'Page URL: "/relative/page" is not an absolute http(s) URL'],
	['javascript:alert(1)', 'is not an absolute http(s) URL'],
])('page URL %j is refused before anything is sent', async (url, message) => {
	await expect(getConfig({ url: `={{ ${JSON.stringify(url)} }}` })).rejects.toMatchObject({
		message: expect.stringContaining(message),
	});
	expect(fx.emulator.log.entries()).toHaveLength(0);
});
