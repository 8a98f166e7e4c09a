/**
 * The rendezvous between a trigger that started a run and the reply node later in that run: the HTTP answer
 * is either the reply node's passive reply or the trigger's guard ("success" before WeChat's 5 s), never both.
 * Claiming is synchronous, so whichever comes first wins. In-process memory keyed by a random id carried in
 * the item: never workflow static data, which every execution shares.
 */
import { randomUUID } from 'node:crypto';

export interface ReplySlot {
	id: string;
	/** When the guard answers, in ms since the epoch. */
	deadline: number;
	/** Tells the trigger's dedupe what this delivery was answered with. */
	settle(answer: string): void;
}

interface OpenSlot extends ReplySlot {
	timer: NodeJS.Timeout;
}

const slots = new Map<string, OpenSlot>();

/** Opens a slot; `onGuard` runs if nobody claims it by the deadline. */
export function openReplySlot(guardMs: number, settle: (answer: string) => void, onGuard: () => void): ReplySlot {
	const id = randomUUID();
	const timer = setTimeout(() => {
		if (slots.delete(id)) onGuard();
	}, guardMs);
	timer.unref();
	const slot: OpenSlot = { id, deadline: Date.now() + guardMs, settle, timer };
	slots.set(id, slot);
	return slot;
}

/** The reply node's claim: the slot if it was still open (the guard will not fire), else undefined. */
export function claimReplySlot(id: string): ReplySlot | undefined {
	const slot = slots.get(id);
	if (!slot) return undefined;
	clearTimeout(slot.timer);
	slots.delete(id);
	return slot;
}
