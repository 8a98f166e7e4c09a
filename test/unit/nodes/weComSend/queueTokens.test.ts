/**
 * Queue mode: one gettoken per app across workers. Workers share the token through n8n's Redis (a real
 * redis-server), sealed; resetProcessState() plays the next worker (empty memory, own connection, and here no
 * static data either, as a worker running another workflow would have).
 */
import { resetProcessState } from '../../../../nodes/shared/testSeam';
import { fetchShared } from '../../../../nodes/shared/transport/tokenShare';
import { useQueueMode } from '../../../helpers/queueMode';
import { useWeComFixture, items, APP } from '../wecomFixture';

const fx = useWeComFixture();
const text = {
	resource: 'message',
	operation: 'sendText',
	toUser: 'zhangsan',
	content: '={{ "item " + $json.index }}',
};
const queue = useQueueMode();

// The emulator forgets its tokens before each test: so does Redis.
beforeEach(async () => {
	await queue().client().flushall();
	resetProcessState();
});

test('three workers in turn, 10 items each: one gettoken in all, and Redis never holds the token in clear', async () => {
	for (let worker = 0; worker < 3; worker++) {
		resetProcessState();
		const result = await fx.send({ ...text, options: { concurrency: 5 } }, { items: items(10) });
		expect(result.items.map((item) => item.json.msgid).filter(Boolean)).toHaveLength(10);
	}
	expect(fx.gettokenCalls()).toBe(1);
	expect(fx.sent()).toHaveLength(30);
	const client = queue().client();
	const keys = await client.keys('*');
	const values = await Promise.all(
		keys.map(async (key) =>
			(await client.type(key)) === 'string' ? [key, await client.get(key)] : [key, await client.zrange(key, 0, -1)],
		),
	);
	const dump = JSON.stringify(values);
	const token = fx.entries('/cgi-bin/message/send')[0]?.query?.access_token;
	expect(typeof token).toBe('string');
	expect(dump).not.toContain(String(token));
	expect(dump).not.toContain(APP.corpSecret);
	expect(dump).not.toContain(APP.corpId);
});

test('a shared token WeChat rejects is dropped for every worker: one refresh, then shared again', async () => {
	await fx.send(text, { items: items(1) });
	fx.emulator.invalidateTokens();
	resetProcessState(); // another worker takes the shared (now invalid) token, is refused, refreshes once
	const result = await fx.send(text, { items: items(1) });
	expect(result.items[0].json.msgid).toBeTruthy();
	resetProcessState(); // a third worker takes the new token
	await fx.send(text, { items: items(1) });
	expect(fx.gettokenCalls()).toBe(2);
	expect(fx.entries('/cgi-bin/message/send').map((e) => (e.response as { errcode: number }).errcode)).toEqual([
		0, 40014, 0, 0,
	]);
});

test('five workers missing the token at once: the one holding the lock fetches, the others wait for its token', async () => {
	let fetches = 0;
	const fetch = async () => {
		fetches++;
		await new Promise((resolve) => setTimeout(resolve, 300));
		return { accessToken: `token-${fetches}`, expiresInSeconds: 7200 };
	};
	// Below the token cache's in-process single flight: each call stands for a worker of its own.
	const tokens = await Promise.all(
		[1, 2, 3, 4, 5].map(() =>
			fetchShared({
				key: 'credential-hash',
				fetch,
				seal: (token) => Buffer.from(token).toString('base64'),
				unseal: (sealed) => Buffer.from(sealed, 'base64').toString(),
				shareForMs: () => 60_000,
			}),
		),
	);
	expect(fetches).toBe(1);
	expect(new Set(tokens.map((token) => token.accessToken))).toEqual(new Set(['token-1']));
	for (const token of tokens) expect(token.expiresInSeconds).toBeGreaterThan(7100);
});
