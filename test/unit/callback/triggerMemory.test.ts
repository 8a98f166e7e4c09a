/** The memory triggers keep in one process: bounded across triggers, swept when idle, and refusal logs rate-limited. */
import { RefusalLog } from '../../../nodes/shared/callback/refusalLog';
import { TriggerMemories } from '../../../nodes/shared/callback/triggerMemory';

/** Remembers `count` distinct keys for a trigger, each answered at once. */
function deliver(memories: TriggerMemories, trigger: string, count: number, prefix = trigger): void {
	for (let i = 0; i < count; i++) {
		const check = memories.of(trigger).retries.check(`${prefix}:${i}`);
		if (check.first) check.settle('success');
	}
}

const isRetry = (memories: TriggerMemories, trigger: string, key: string) =>
	!memories.of(trigger).retries.check(key).first;

describe('TriggerMemories', () => {
	test('retry keys across triggers stay within the shared budget; the least recently used trigger gives way', () => {
		const memories = new TriggerMemories({ maxEntries: 1_000 });
		deliver(memories, 'old', 400);
		deliver(memories, 'busy', 400);
		deliver(memories, 'new', 400);
		expect(memories.entries).toBeLessThanOrEqual(1_000);
		// 'old' gave its oldest keys; the recent ones of every trigger are still recognised.
		expect(isRetry(memories, 'new', 'new:399')).toBe(true);
		expect(isRetry(memories, 'busy', 'busy:0')).toBe(true);
		expect(isRetry(memories, 'old', 'old:399')).toBe(true);
		expect(memories.of('old').retries.check('old:0').first).toBe(true);
	});

	test('one trigger alone stays within its own bound (5,000) and the shared one', () => {
		const memories = new TriggerMemories({ maxEntries: 20_000 });
		deliver(memories, 'flood', 12_000);
		expect(memories.entries).toBe(5_000);
		for (let i = 0; i < 30; i++) deliver(memories, `t${i}`, 1_000);
		expect(memories.entries).toBeLessThanOrEqual(20_000);
		expect(memories.triggers).toBeLessThanOrEqual(21);
	});

	test('the number of triggers is bounded too (least recently used out)', () => {
		const memories = new TriggerMemories({ maxTriggers: 50 });
		for (let i = 0; i < 200; i++) deliver(memories, `wf${i}`, 1);
		expect(memories.triggers).toBe(50);
		expect(isRetry(memories, 'wf199', 'wf199:0')).toBe(true);
		expect(isRetry(memories, 'wf0', 'wf0:0')).toBe(false);
	});

	test('a trigger that is used again moves to the back of the line', () => {
		const memories = new TriggerMemories({ maxTriggers: 3 });
		deliver(memories, 'a', 1);
		deliver(memories, 'b', 1);
		deliver(memories, 'c', 1);
		expect(isRetry(memories, 'a', 'a:0')).toBe(true); // touches 'a'
		deliver(memories, 'd', 1); // 'b' is now the least recently used
		expect(isRetry(memories, 'a', 'a:0')).toBe(true);
		expect(isRetry(memories, 'b', 'b:0')).toBe(false);
	});

	test('a removed workflow (no more requests) is forgotten once its keys expired, by the periodic sweep', () => {
		let now = 0;
		const memories = new TriggerMemories({ now: () => now, sweepEveryMs: 60_000 });
		deliver(memories, 'removed', 100);
		deliver(memories, 'live', 1);
		expect(memories.triggers).toBe(2);
		now = 4 * 60_000; // keys live 5 minutes after their answer: nothing expired yet
		deliver(memories, 'live', 1, 'later');
		expect(memories.triggers).toBe(2);
		now = 5 * 60_000 + 1;
		memories.of('live');
		expect(memories.triggers).toBe(1);
		expect(memories.entries).toBe(1); // 'live''s later key
	});

	test('a retry whose first delivery was evicted while waiting still gets an answer', async () => {
		const memories = new TriggerMemories({ maxEntries: 10 });
		const first = memories.of('a').retries.check('k');
		const retry = memories.of('a').retries.check('k');
		if (!first.first || retry.first) throw new Error('unexpected');
		deliver(memories, 'b', 20);
		first.settle('<xml>reply</xml>');
		await expect(retry.wait(60_000, 'success')).resolves.toBe('<xml>reply</xml>');
	});
});

describe('RefusalLog', () => {
	test('at most perWindow lines per window; the next logged line says how many were left out', () => {
		let now = 0;
		const log = new RefusalLog({ perWindow: 3, windowMs: 1_000, now: () => now });
		const written = Array.from({ length: 50 }, (_, i) => log.admit(`refused ${i}`)).filter(Boolean);
		expect(written).toEqual(['refused 0', 'refused 1', 'refused 2']);
		now = 999;
		expect(log.admit('still suppressed')).toBeUndefined();
		now = 1_000;
		expect(log.admit('refused again')).toBe('refused again (48 earlier refusals were not logged)');
		expect(log.admit('and again')).toBe('and again');
	});

	test('a quiet trigger logs every refusal', () => {
		let now = 0;
		const log = new RefusalLog({ now: () => now });
		for (let i = 0; i < 100; i++) {
			now += 60_000;
			expect(log.admit(`refused ${i}`)).toBe(`refused ${i}`);
		}
	});
});
