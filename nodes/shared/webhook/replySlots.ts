/**
 * The rendezvous between a trigger that started a run and the reply nodes later in that run: the HTTP answer
 * is either one reply's passive reply or the trigger's guard ("success" before WeChat's 5 s), never both and
 * never neither. Claiming is synchronous, so whichever comes first wins; a reply that fails gives the answer
 * back to the guard at once. A closed slot is remembered past its deadline so that a second reply knows the
 * callback was answered, and how, instead of guessing. In-process memory keyed by a random id carried in the
 * item: never workflow static data, which every execution shares.
 */
import { randomUUID } from 'node:crypto';
import { registerProcessState } from '../testSeam';

/** open: nobody answered yet; replied: a reply node's passive reply went out; guarded: "success" went out. */
export type SlotState = 'open' | 'replied' | 'guarded';

export interface ReplySlot {
	id: string;
	/** When the guard answers, in ms since the epoch. */
	deadline: number;
}

/** A slot a reply node holds: the guard will not fire, so the node must end it one way or the other. */
export interface ClaimedSlot {
	/** The reply went out: retries of the same message get the same body. */
	settle(body: string): void;
	/** The reply could not go out: the guard answers "success" now. */
	release(): void;
}

interface Slot extends ReplySlot {
	state: SlotState;
	timer: NodeJS.Timeout;
	settle(answer: string): void;
	guard(): void;
}

/** After its deadline every reply is late whatever the slot says; this margin only covers timer jitter. */
const REMEMBER_AFTER_DEADLINE_MS = 60_000;
const slots = new Map<string, Slot>();

registerProcessState(() => {
	for (const slot of slots.values()) clearTimeout(slot.timer);
	slots.clear();
});

const done = (): void => undefined;

/** A remembered slot keeps its state only: its callbacks hold the HTTP response, which must not outlive the answer. */
function close(slot: Slot, state: 'replied' | 'guarded', answer?: string): void {
	clearTimeout(slot.timer);
	slot.state = state;
	if (answer === undefined) slot.guard();
	else slot.settle(answer);
	slot.settle = done;
	slot.guard = done;
}

function guardNow(slot: Slot): void {
	close(slot, 'guarded');
}

/** Oldest first, stopping at the first slot still worth remembering: no timer of its own, no scan of the rest. */
function forgetOld(now: number): void {
	for (const [id, slot] of slots) {
		if (slot.state === 'open' || slot.deadline + REMEMBER_AFTER_DEADLINE_MS > now) return;
		slots.delete(id);
	}
}

/** Opens a slot; `onGuard` answers "success" if nobody claims it by the deadline (or a claim fails). */
export function openReplySlot(guardMs: number, settle: (answer: string) => void, onGuard: () => void): ReplySlot {
	const now = Date.now();
	forgetOld(now);
	const id = randomUUID();
	const slot: Slot = {
		id,
		deadline: now + guardMs,
		state: 'open',
		settle,
		guard: onGuard,
		timer: setTimeout(() => {
			if (slot.state === 'open') guardNow(slot);
		}, guardMs),
	};
	slot.timer.unref();
	slots.set(id, slot);
	return { id, deadline: slot.deadline };
}

/** What this process knows of a slot; undefined when it never opened it (the trigger ran in another process). */
export function replySlotState(id: string): SlotState | undefined {
	return slots.get(id)?.state;
}

/** The reply node's claim: the slot if it was still open (the guard will not fire), else undefined. */
export function claimReplySlot(id: string): ClaimedSlot | undefined {
	const slot = slots.get(id);
	if (slot?.state !== 'open') return undefined;
	clearTimeout(slot.timer);
	slot.state = 'replied';
	return {
		settle: (body) => close(slot, 'replied', body),
		release: () => guardNow(slot),
	};
}

/**
 * A write to the callback's HTTP response while its slot is still open. XML is a reply relayed from a queue-mode
 * worker (which could not claim the slot here): it goes out and settles the slot. Anything else is n8n's own
 * answer at the end of a run without a reply (an empty 200, or 500 "Error in workflow" when a node failed first):
 * the guard answers "success" instead. Returns whether to drop the write.
 */
export function screenWrite(id: string, body: string): boolean {
	const slot = slots.get(id);
	if (slot?.state !== 'open') return false;
	if (body.startsWith('<xml')) {
		close(slot, 'replied', body);
		return false;
	}
	guardNow(slot);
	return true;
}

/** A reply node failed before claiming: the guard answers "success" now rather than after WeChat gave up. */
export function releaseReplySlot(id: string): void {
	const slot = slots.get(id);
	if (slot?.state === 'open') guardNow(slot);
}
