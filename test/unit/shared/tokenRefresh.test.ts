/**
 * Token-cache hardening: a refresh that fails inside the pre-expiry window keeps the still-valid token and is
 * tried again later; a token answer without an access_token is an error, never a cached "undefined".
 */
import { getAccessToken, type FetchedToken, type TokenSource } from '../../../nodes/shared/transport/token';
import { resetProcessState } from '../../../nodes/shared/testSeam';

const source: TokenSource = { platform: 'oa', baseUrl: 'http://127.0.0.1:1', id: 'wx_app', secret: 'app-secret-value' };
const HOUR2 = 7200;

function scripted(answers: Array<string | Error>) {
	let calls = 0;
	const fetch = async (): Promise<FetchedToken> => {
		const answer = answers[Math.min(calls, answers.length - 1)];
		calls++;
		if (answer instanceof Error) throw answer;
		return { accessToken: answer, expiresInSeconds: HOUR2 };
	};
	return { fetch, calls: () => calls };
}

let now = 1_800_000_000_000;
beforeEach(() => {
	resetProcessState();
	jest.spyOn(Date, 'now').mockImplementation(() => now);
});
afterEach(() => jest.restoreAllMocks());

test('a refresh that fails in the last 5 minutes keeps the valid token, and is tried again later', async () => {
	const staticData: Record<string, unknown> = {};
	const { fetch, calls } = scripted(['tok-1', new Error('WeChat busy'), 'tok-2']);
	await expect(getAccessToken({ source, fetch, staticData })).resolves.toBe('tok-1');

	now += (HOUR2 - 4 * 60) * 1000; // 4 minutes before WeChat expires tok-1: inside the refresh window
	await expect(getAccessToken({ source, fetch, staticData })).resolves.toBe('tok-1');
	expect(calls()).toBe(2);
	await expect(getAccessToken({ source, fetch, staticData })).resolves.toBe('tok-1');
	expect(calls()).toBe(2); // not a refresh per call while WeChat is failing

	now += 60_000; // later, still before expiry: the next call tries again and gets the new token
	await expect(getAccessToken({ source, fetch, staticData })).resolves.toBe('tok-2');
	expect(calls()).toBe(3);
});

test('after a restart, static data still lets a failed refresh in the window fall back to the valid token', async () => {
	const staticData: Record<string, unknown> = {};
	await getAccessToken({ source, fetch: scripted(['tok-1']).fetch, staticData });
	resetProcessState();
	now += (HOUR2 - 2 * 60) * 1000;
	const failing = scripted([new Error('network down')]);
	await expect(getAccessToken({ source, fetch: failing.fetch, staticData })).resolves.toBe('tok-1');
	expect(failing.calls()).toBe(1);
});

test('once the token has really expired, a failed refresh is an error', async () => {
	const { fetch } = scripted(['tok-1', new Error('network down')]);
	await getAccessToken({ source, fetch });
	now += HOUR2 * 1000 + 1;
	await expect(getAccessToken({ source, fetch })).rejects.toThrow('network down');
});
