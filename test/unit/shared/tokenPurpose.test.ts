/** The token cache holding other credentials of the same source (the jsapi_ticket) apart from the access token. */
import { cacheKey, getAccessToken, type TokenSource } from '../../../nodes/shared/transport/token';
import { resetProcessState } from '../../../nodes/shared/testSeam';

const source: TokenSource = { platform: 'oa', baseUrl: 'https://api.weixin.qq.com', id: 'wx1', secret: 's1' };
const ticket: TokenSource = { ...source, purpose: 'jsapi_ticket' };

beforeEach(() => resetProcessState());

test('a purpose has its own key; without one the key is what it always was (cached tokens survive the upgrade)', () => {
	expect(cacheKey(ticket)).not.toBe(cacheKey(source));
	// sha256("n8n-nodes-wecom-oa/key/v1\0oa\0https://api.weixin.qq.com\0wx1\0s1"), first 40 hex digits.
	expect(cacheKey({ ...source })).toBe('60c7e5104b901d950469823a293dda80142650d8');
});

test('the ticket and the token are cached, sealed and refreshed independently', async () => {
	const staticData = {};
	const token = await getAccessToken({
		source,
		staticData,
		fetch: async () => ({ accessToken: 'token-1', expiresInSeconds: 7200 }),
	});
	const first = await getAccessToken({
		source: ticket,
		staticData,
		fetch: async () => ({ accessToken: 'ticket-1', expiresInSeconds: 7200 }),
	});
	expect([token, first]).toEqual(['token-1', 'ticket-1']);
	resetProcessState();
	const fetch = jest.fn(async () => ({ accessToken: 'ticket-2', expiresInSeconds: 7200 }));
	expect(await getAccessToken({ source: ticket, staticData, fetch })).toBe('ticket-1'); // from static data
	expect(fetch).not.toHaveBeenCalled();
	expect(JSON.stringify(staticData)).not.toMatch(/ticket-1|token-1/);
});
