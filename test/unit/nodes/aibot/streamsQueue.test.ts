/**
 * The stream store in queue mode, on a real redis-server: the shared contract, and what makes it worth sharing:
 * a stream the trigger opened in one webhook process is polled from another and written by a worker, and a
 * finish waiting on a worker learns of a poll answered elsewhere.
 */
import {
	finalShown,
	findStream,
	openStream,
	pollStream,
	updateStream,
	type StreamState,
} from '../../../../nodes/shared/aibot/streams';
import { sharedState } from '../../../../nodes/shared/state';
import { hashedKey } from '../../../../nodes/shared/state/redisState';
import { resetProcessState, restoreTimings, timings } from '../../../../nodes/shared/testSeam';
import { useQueueMode } from '../../../helpers/queueMode';
import { streamStoreContract } from './streamStore';

const queue = useQueueMode();
afterEach(() => restoreTimings());

it('lives in Redis', () => {
	expect(sharedState().kind).toBe('redis');
});

describe('stream store contract: Redis', streamStoreContract);

it('a stream opened in one process is written and polled from others', async () => {
	await openStream('shared-1', Date.now());
	resetProcessState(); // the worker
	await updateStream('shared-1', (state) => ({ ...state, content: 'from the worker' }));
	resetProcessState(); // another webhook process
	expect(await pollStream('shared-1')).toEqual({ content: 'from the worker', finish: false, card: undefined });
	expect((await findStream('shared-1'))?.shown).toBe('from the worker');
});

it("a finish waiting in one process sees the final answer shown by another process's poll", async () => {
	await openStream('shared-2', Date.now());
	await updateStream('shared-2', (state) => ({ ...state, content: 'done', finished: true }));
	const waited = Date.now();
	const shown = finalShown('shared-2', 5_000);
	setTimeout(() => {
		void (async () => {
			// Another process's poll: the same keys through its own connection, none of this process's wake-ups.
			const other = queue().otherProcess;
			const raw = await other.get('aibot-stream|shared-2');
			const state = JSON.parse(raw!) as StreamState;
			await other.swap(
				'aibot-stream|shared-2',
				raw,
				JSON.stringify({ ...state, shown: 'done', shownFinal: true }),
				60_000,
			);
		})();
	}, 300);
	await expect(shown).resolves.toBe(true);
	expect(Date.now() - waited).toBeLessThan(1_500);
});

it('Redis forgets a stream an hour after WeCom stopped polling it (the key expires by its TTL)', async () => {
	timings.aiBotPollWindowMs = 1_000;
	await openStream('shared-ttl', Date.now());
	const ttl = await queue().client().pttl(hashedKey('bull:n8n-nodes-wecom-oa', 'aibot-stream|shared-ttl'));
	expect(ttl).toBeGreaterThan(60 * 60_000);
	expect(ttl).toBeLessThanOrEqual(1_000 + 60 * 60_000);
});

it('a stream opened by a process whose clock is hours off is written by another and keeps its TTL', async () => {
	// n8n's main (the long connection's trigger) on one host, a worker on another: Redis's TTL decides, not a clock.
	const skew = jest.spyOn(Date, 'now').mockReturnValue(Date.now() - 5 * 60 * 60_000);
	try {
		await openStream('shared-skew', Date.now());
	} finally {
		skew.mockRestore();
	}
	resetProcessState(); // the worker
	const written = await updateStream('shared-skew', (state) => ({ ...state, content: 'from the worker' }));
	expect(written?.content).toBe('from the worker');
	expect((await findStream('shared-skew'))?.content).toBe('from the worker');
	const key = hashedKey('bull:n8n-nodes-wecom-oa', 'aibot-stream|shared-skew');
	expect(await queue().client().pttl(key)).toBeGreaterThan(60 * 60_000);
});

it('keeps no stream text in Redis under a readable key', async () => {
	await openStream('shared-3', Date.now());
	const keys = await queue().client().keys('*');
	expect(keys.some((key) => key.includes('shared-3') || key.includes('aibot-stream'))).toBe(false);
});
