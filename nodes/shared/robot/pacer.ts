/**
 * WeCom group robots accept 20 messages a minute each. This process-wide sliding window paces sends per
 * robot, across executions, so a batch waits for room instead of losing messages to errcode 45009.
 */

import { registerProcessState, timings } from '../testSeam';

const sentAt = new Map<string, number[]>();
registerProcessState(() => sentAt.clear());

function recent(robotId: string, now: number): number[] {
	const list = (sentAt.get(robotId) ?? []).filter((time) => time > now - timings.robotWindowMs);
	sentAt.set(robotId, list);
	return list;
}

/**
 * Resolves when this robot may send again, and books the slot. Call the returned function when WeCom has
 * answered: WeCom counts a message when it arrives, so the slot is re-stamped with that later time, or a
 * slow send would leave our window ahead of WeCom's and the 21st message would meet a 45009.
 */
export async function takeSlot(robotId: string): Promise<() => void> {
	for (;;) {
		const now = Date.now();
		const list = recent(robotId, now);
		if (list.length < timings.robotMax) {
			list.push(now);
			return () => {
				const current = sentAt.get(robotId);
				const index = current?.indexOf(now) ?? -1;
				if (current && index >= 0) current[index] = Math.max(now, Date.now());
				current?.sort((a, b) => a - b);
			};
		}
		await new Promise((resolve) => setTimeout(resolve, list[0] + timings.robotWindowMs - now + 5));
	}
}

/** WeCom said 45009 although we paced (another sender uses the robot): the window is full as far as we know. */
export function markWindowFull(robotId: string): void {
	const now = Date.now();
	sentAt.set(
		robotId,
		Array.from({ length: timings.robotMax }, () => now),
	);
}
