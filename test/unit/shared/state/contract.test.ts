/**
 * The SharedState contract, run against both implementations: in process, and Redis on a real redis-server
 * (where the two "processes" are two clients with their own connections).
 */
import { Redis } from 'ioredis';
import { randomBytes } from 'node:crypto';
import { MemoryState } from '../../../../nodes/shared/state/memoryState';
import { RedisState } from '../../../../nodes/shared/state/redisState';
import type { SharedState } from '../../../../nodes/shared/state/sharedState';
import { startRedis, type RedisServer } from '../../../helpers/redisServer';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Implementation {
	name: string;
	/** Two views of one shared state: two processes for Redis, one process's state twice in memory. */
	open(): Promise<[SharedState, SharedState]>;
	closeAll(): Promise<void>;
}

let redis: RedisServer;
beforeAll(async () => {
	redis = await startRedis();
});
afterAll(async () => {
	await redis?.close();
});

const opened: SharedState[] = [];
const implementations: Implementation[] = [
	{
		name: 'in process',
		open: async () => {
			const state = new MemoryState();
			return [state, state];
		},
		closeAll: async () => undefined,
	},
	{
		name: 'Redis',
		open: async () => {
			// A fresh prefix per test: tests never see each other's keys.
			const prefix = `test-${randomBytes(4).toString('hex')}`;
			const pair = [0, 1].map(() => new RedisState(new Redis({ host: '127.0.0.1', port: redis.port }), prefix));
			opened.push(...pair);
			return [pair[0], pair[1]];
		},
		closeAll: async () => {
			await Promise.all(opened.splice(0).map((state) => state.close()));
		},
	},
];

describe.each(implementations)('SharedState contract: $name', (implementation) => {
	let a: SharedState;
	let b: SharedState;
	beforeEach(async () => {
		[a, b] = await implementation.open();
	});
	afterEach(async () => {
		await implementation.closeAll();
	});

	it('50 concurrent claims of one key from two processes: exactly one wins, every loser names the winner', async () => {
		const claims = await Promise.all(
			Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).claim('retry|msg-1', `holder-${i}`, 10_000)),
		);
		const winners = claims.flatMap((claim, i) => (claim.won ? [`holder-${i}`] : []));
		expect(winners).toHaveLength(1);
		for (const claim of claims) if (!claim.won) expect(claim.holder).toBe(winners[0]);
	});

	it('a claim expires after its TTL, and then the key can be claimed again', async () => {
		expect(await a.claim('k', 'first', 150)).toEqual({ won: true });
		expect(await b.claim('k', 'second', 150)).toEqual({ won: false, holder: 'first' });
		await sleep(250);
		expect(await b.claim('k', 'second', 150)).toEqual({ won: true });
	});

	it('release drops a claim only for its holder', async () => {
		await a.claim('lock', 'me', 10_000);
		expect(await b.release('lock', 'someone else')).toBe(false);
		expect(await b.claim('lock', 'other', 10_000)).toEqual({ won: false, holder: 'me' });
		expect(await a.release('lock', 'me')).toBe(true);
		expect(await b.claim('lock', 'other', 10_000)).toEqual({ won: true });
	});

	it('settle once: of a passive reply and a guard racing for 50 slots, exactly one outcome holds each, seen by both', async () => {
		const outcomes = await Promise.all(
			Array.from({ length: 50 }, async (_, i) => {
				const [reply, guard] = await Promise.all([
					a.claim(`slot|${i}`, 'replied', 10_000),
					b.claim(`slot|${i}`, 'guard', 10_000),
				]);
				return { reply, guard };
			}),
		);
		for (const { reply, guard } of outcomes) {
			expect([reply.won, guard.won].filter(Boolean)).toHaveLength(1);
			const winner = reply.won ? 'replied' : 'guard';
			expect(reply.won ? guard : reply).toEqual({ won: false, holder: winner });
		}
	});

	it('an answer stored by one process is read by the other until its TTL', async () => {
		expect(await b.get('answer|m')).toBeUndefined();
		await a.put('answer|m', '<xml>first</xml>', 150);
		expect(await b.get('answer|m')).toBe('<xml>first</xml>');
		await sleep(250);
		expect(await b.get('answer|m')).toBeUndefined();
	});

	it('swap writes only over the value it read: of two processes swapping from the same read, one wins', async () => {
		expect(await a.swap('stream', undefined, 'v1', 10_000)).toBe(true);
		expect(await b.swap('stream', undefined, 'other', 10_000)).toBe(false);
		const results = await Promise.all([
			a.swap('stream', 'v1', 'from a', 10_000),
			b.swap('stream', 'v1', 'from b', 10_000),
		]);
		expect(results.filter(Boolean)).toHaveLength(1);
		expect(await a.get('stream')).toBe(results[0] ? 'from a' : 'from b');
		expect(await b.swap('stream', 'v1', 'stale', 10_000)).toBe(false);
		expect(await b.swap('stream', await b.get('stream'), 'v3', 150)).toBe(true);
		await sleep(250);
		expect(await a.get('stream')).toBeUndefined();
	});

	it('swap without a TTL keeps the one the key has (no process clock involved)', async () => {
		await a.put('kept', 'v1', 300);
		expect(await b.swap('kept', 'v1', 'v2')).toBe(true);
		expect(await a.get('kept')).toBe('v2');
		await sleep(400);
		expect(await a.get('kept')).toBeUndefined();
	});

	it('a pacing window is one window for two processes', async () => {
		const window = { max: 5, windowMs: 400 };
		const waits = await Promise.all(
			Array.from({ length: 12 }, (_, i) => (i % 2 ? a : b).takeSlot('robot|r1', `s${i}`, window, 60_000)),
		);
		const booked = waits.flatMap((wait, i) => (wait === 0 ? [i] : []));
		expect(booked).toHaveLength(5);
		// Every slot is still in flight: ask again soon, a release may come any moment.
		for (const wait of waits) if (wait !== 0) expect(wait).toBeGreaterThan(0);
		for (const i of booked) await (i % 2 ? a : b).releaseSlot('robot|r1', `s${i}`, window.windowMs);
		// Released slots count for one more window from their release.
		const wait = await a.takeSlot('robot|r1', 'late', window, 60_000);
		expect(wait).toBeGreaterThan(300);
		expect(wait).toBeLessThanOrEqual(401);
		await sleep(wait);
		expect(await b.takeSlot('robot|r1', 'late', window, 60_000)).toBe(0);
	});

	it('a block from one process holds the other: no slot until it ends, and a shorter block does not shorten it', async () => {
		const window = { max: 20, windowMs: 60_000 };
		await a.block('quota|send', 300);
		await a.block('quota|send', 50);
		const wait = await b.takeSlot('quota|send', 's1', window, 60_000);
		expect(wait).toBeGreaterThan(200);
		expect(await b.blockedFor('quota|send')).toBeGreaterThan(200);
		await sleep(wait + 20);
		expect(await b.blockedFor('quota|send')).toBe(0);
		expect(await b.takeSlot('quota|send', 's1', window, 60_000)).toBe(0);
	});

	it('a lock expires: the other process takes it after the TTL, and the old holder cannot release the new lock', async () => {
		expect(await a.claim('token-lock|c1', 'worker-a', 150)).toEqual({ won: true });
		expect((await b.claim('token-lock|c1', 'worker-b', 150)).won).toBe(false);
		await sleep(250);
		expect(await b.claim('token-lock|c1', 'worker-b', 150)).toEqual({ won: true });
		expect(await a.release('token-lock|c1', 'worker-a')).toBe(false);
		expect(await a.claim('token-lock|c1', 'worker-a', 150)).toEqual({ won: false, holder: 'worker-b' });
	});
});

describe('SharedState in Redis', () => {
	it('a slot whose process died before releasing it frees itself after its hold', async () => {
		const state = new RedisState(new Redis({ host: '127.0.0.1', port: redis.port }), 'test-dead');
		try {
			const window = { max: 1, windowMs: 100 };
			expect(await state.takeSlot('robot|dead', 'never-released', window, 100)).toBe(0);
			expect(await state.takeSlot('robot|dead', 'next', window, 100)).toBeGreaterThan(0);
			await sleep(260);
			expect(await state.takeSlot('robot|dead', 'next', window, 100)).toBe(0);
		} finally {
			await state.close();
		}
	});

	it('keeps no key in the clear: message ids and robot keys are hashed', async () => {
		const client = new Redis({ host: '127.0.0.1', port: redis.port });
		const state = new RedisState(client, 'test-hashed');
		try {
			await state.claim('robot|secret-robot-key', 'x', 10_000);
			const keys = await client.keys('test-hashed:*');
			expect(keys).toHaveLength(1);
			expect(keys[0]).not.toContain('secret-robot-key');
		} finally {
			await state.close();
		}
	});
});
