import {
	cacheKey,
	getAccessToken,
	invalidateAccessToken,
	type FetchedToken,
	type TokenSource,
} from '../../../nodes/shared/transport/token';
import { resetProcessState } from '../../../nodes/shared/testSeam';

const source: TokenSource = { platform: 'wecom', baseUrl: 'http://127.0.0.1:1', id: 'ww_corp', secret: 'super-secret-value' };

function counter(tokens: string[], expiresInSeconds = 7200) {
	let calls = 0;
	const fetch = async (): Promise<FetchedToken> => {
		const accessToken = tokens[Math.min(calls, tokens.length - 1)];
		calls++;
		await new Promise((resolve) => setTimeout(resolve, 5));
		return { accessToken, expiresInSeconds };
	};
	return { fetch, calls: () => calls };
}

beforeEach(() => resetProcessState());
afterEach(() => jest.restoreAllMocks());

test('50 concurrent callers share one fetch', async () => {
	const { fetch, calls } = counter(['tok-1']);
	const tokens = await Promise.all(Array.from({ length: 50 }, () => getAccessToken({ source, fetch, staticData: {} })));
	expect(new Set(tokens)).toEqual(new Set(['tok-1']));
	expect(calls()).toBe(1);
});

test('a failed fetch is not cached: the next caller fetches again', async () => {
	let calls = 0;
	const fetch = async (): Promise<FetchedToken> => {
		calls++;
		if (calls === 1) throw new Error('boom');
		return { accessToken: 'tok-2', expiresInSeconds: 7200 };
	};
	await expect(getAccessToken({ source, fetch })).rejects.toThrow('boom');
	await expect(getAccessToken({ source, fetch })).resolves.toBe('tok-2');
});

test('static data survives a restart and holds neither the token nor the secret', async () => {
	const staticData: Record<string, unknown> = {};
	const first = counter(['tok-persisted-123456']);
	await getAccessToken({ source, fetch: first.fetch, staticData });
	const text = JSON.stringify(staticData);
	expect(text).not.toContain('tok-persisted-123456');
	expect(text).not.toContain(source.secret);
	expect(text).not.toContain(source.id);

	resetProcessState(); // a restarted n8n process
	const second = counter(['tok-other']);
	await expect(getAccessToken({ source, fetch: second.fetch, staticData })).resolves.toBe('tok-persisted-123456');
	expect(second.calls()).toBe(0);
});

test('a sealed entry is useless with another secret', async () => {
	const staticData: Record<string, unknown> = {};
	await getAccessToken({ source, fetch: counter(['tok-a']).fetch, staticData });
	resetProcessState();
	const rotated = { ...source, secret: 'rotated-secret' };
	const again = counter(['tok-b']);
	// Same key slot only if the key ignored the secret: force the lookup to read the other entry's slot.
	const entries = staticData.wecomOaAccessTokens as Record<string, unknown>;
	entries[cacheKey(rotated)] = entries[cacheKey(source)];
	await expect(getAccessToken({ source: rotated, fetch: again.fetch, staticData })).resolves.toBe('tok-b');
	expect(again.calls()).toBe(1);
});

test('two credentials never share a token', async () => {
	const other: TokenSource = { ...source, id: 'ww_other' };
	const a = await getAccessToken({ source, fetch: counter(['tok-a']).fetch });
	const b = await getAccessToken({ source: other, fetch: counter(['tok-b']).fetch });
	expect([a, b]).toEqual(['tok-a', 'tok-b']);
	expect(cacheKey(source)).not.toBe(cacheKey(other));
	expect(cacheKey(source)).not.toContain(source.secret);
});

test('invalidating a stale token keeps the newer one (one refresh for a burst of rejections)', async () => {
	const { fetch, calls } = counter(['tok-1', 'tok-2', 'tok-3']);
	const staticData: Record<string, unknown> = {};
	const old = await getAccessToken({ source, fetch, staticData });
	invalidateAccessToken(source, old, staticData);
	const fresh = await Promise.all(Array.from({ length: 10 }, () => getAccessToken({ source, fetch, staticData })));
	invalidateAccessToken(source, old, staticData); // a late rejection of the old token
	expect(await getAccessToken({ source, fetch, staticData })).toBe('tok-2');
	expect(new Set(fresh)).toEqual(new Set(['tok-2']));
	expect(calls()).toBe(2);
});

test('refreshes before expiry', async () => {
	const { fetch, calls } = counter(['tok-1', 'tok-2']);
	const start = Date.now();
	const now = jest.spyOn(Date, 'now').mockReturnValue(start);
	await getAccessToken({ source, fetch }); // 7200 s token: refresh 5 minutes early
	now.mockReturnValue(start + (7200 - 301) * 1000);
	expect(await getAccessToken({ source, fetch })).toBe('tok-1');
	now.mockReturnValue(start + (7200 - 299) * 1000);
	expect(await getAccessToken({ source, fetch })).toBe('tok-2');
	expect(calls()).toBe(2);
});
