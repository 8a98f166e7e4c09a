/**
 * Queue mode: pacing windows and quota blocks are shared by every worker through n8n's Redis (a real
 * redis-server). resetProcessState() plays the next worker: empty memory, its own connection to the same Redis.
 */
import { blockUntil, takeSlot, whenUnblocked } from '../../../nodes/shared/transport/pacer';
import { resetProcessState } from '../../../nodes/shared/testSeam';
import { useQueueMode } from '../../helpers/queueMode';

useQueueMode();
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

test("a robot's window filled by one worker makes the next worker wait for it", async () => {
	const limit = { max: 3, windowMs: 600 };
	const slots = await Promise.all([1, 2, 3].map(() => takeSlot('robot|shared-window', limit)));
	// Room for all three at once (a new connection's first command may take a moment).
	for (const slot of slots) expect(slot.waitedMs).toBeLessThan(300);
	for (const slot of slots) slot.release();
	await settle();
	resetProcessState(); // another worker
	const next = await takeSlot('robot|shared-window', limit);
	next.release();
	expect(next.waitedMs).toBeGreaterThan(450);
});

test("a quota refusal seen by one worker holds the other worker's calls", async () => {
	blockUntil('quota|corp|/cgi-bin/message/send', Date.now() + 500);
	await settle();
	resetProcessState(); // another worker
	const started = Date.now();
	await whenUnblocked('quota|corp|/cgi-bin/message/send');
	expect(Date.now() - started).toBeGreaterThan(350);
	const slot = await takeSlot('quota|corp|/cgi-bin/message/send', { max: 10, windowMs: 60_000 });
	slot.release();
	expect(slot.waitedMs).toBeLessThan(300);
});
