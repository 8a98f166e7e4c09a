/**
 * The rendezvous between a trigger that started a run and the reply nodes later in that run: the HTTP answer
 * is either one reply's passive reply or the trigger's guard ("success" before WeChat's 5 s), never both and
 * never neither. Claiming is synchronous, so whichever comes first wins; a reply that fails gives the answer
 * back to the guard at once. A closed slot is remembered past its deadline so that a second reply knows the
 * callback was answered, and how, instead of guessing. In-process memory keyed by a random id carried in the
 * item: never workflow static data, which every execution shares.
 *
 * In queue mode the reply node runs on a worker and the slot lives in the webhook process. Then the slot is also
 * registered in the shared state, and the worker's reply and the guard settle it there, once: the worker stores
 * its reply and claims the slot; the guard claims it at the deadline, and when the worker got there first it
 * answers WeChat with the worker's reply itself (n8n's own relay of the reply may come first, or not at all).
 */
import { randomUUID } from 'node:crypto';
import { sharedState } from '../state';
import { settleBy } from '../state/settleBy';
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
	/** Writes a reply that a node in another process settled the slot with; absent: the slot is not shared. */
	answerWith?(body: string): void;
}

/** How a reply node in another process fared with the shared slot; unknown: not shared, or unreachable. */
export type SharedClaim = 'won' | 'guarded' | 'replied' | 'unknown';

/** After its deadline every reply is late whatever the slot says; this margin only covers timer jitter. */
const REMEMBER_AFTER_DEADLINE_MS = 60_000;
/**
 * The guard fires at most 4.5 s after WeChat's stamp and WeChat waits 5 s: its Redis step may take this long, then
 * it answers "success" on its own (a slow or hung Redis must not push the answer past WeChat's 5 s).
 */
const SHARED_GUARD_BUDGET_MS = 300;
const slots = new Map<string, Slot>();

const GUARDED = 'guarded';
const openKey = (id: string) => `reply-open|${id}`;
const claimKey = (id: string) => `reply|${id}`;
const bodyKey = (id: string, holder: string) => `reply-body|${id}|${holder}`;

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
	slot.answerWith = undefined;
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

/** At the deadline: "success", unless a reply node in another process settled the shared slot first. */
async function guardShared(slot: Slot): Promise<void> {
	if (slot.state !== 'open') return;
	if (!slot.answerWith) return guardNow(slot);
	const state = sharedState();
	const ttl = REMEMBER_AFTER_DEADLINE_MS;
	const by = Date.now() + SHARED_GUARD_BUDGET_MS;
	const claim = await settleBy(
		state.claim(claimKey(slot.id), GUARDED, ttl).catch(() => ({ won: true }) as const),
		by,
		{ won: true } as const,
	);
	// A reply in this process (or n8n's relay of the worker's reply) may have closed it meanwhile.
	if (slot.state !== 'open') return;
	if (claim.won) return guardNow(slot);
	const body = await settleBy(
		state.get(bodyKey(slot.id, claim.holder)).catch(() => undefined),
		by,
		undefined,
	);
	if (slot.state !== 'open') return;
	if (body === undefined) return guardNow(slot);
	const write = slot.answerWith;
	close(slot, 'replied', body);
	write(body);
}

/**
 * Opens a slot; `onGuard` answers "success" if nobody claims it by the deadline (or a claim fails). With
 * `answerWith` the slot is shared: a reply node in another process can settle it, and the guard then answers
 * with that reply through `answerWith`.
 */
export function openReplySlot(
	guardMs: number,
	settle: (answer: string) => void,
	onGuard: () => void,
	answerWith?: (body: string) => void,
): ReplySlot {
	const now = Date.now();
	forgetOld(now);
	const id = randomUUID();
	const slot: Slot = {
		id,
		deadline: now + guardMs,
		state: 'open',
		settle,
		guard: onGuard,
		answerWith,
		timer: setTimeout(() => void guardShared(slot), guardMs),
	};
	slot.timer.unref();
	slots.set(id, slot);
	if (answerWith) {
		sharedState()
			.put(openKey(id), '1', guardMs + REMEMBER_AFTER_DEADLINE_MS)
			.catch(() => undefined);
	}
	return { id, deadline: slot.deadline };
}

/**
 * A reply node's claim on a slot another process opened (queue mode): stores `body` and claims the slot in the
 * shared state. won: `body` is WeChat's answer (the guard there answers with it, if n8n's relay does not first);
 * guarded / replied: that process's guard, or another reply, settled it first; unknown: the slot is not shared.
 */
export async function claimSharedSlot(id: string, body: string): Promise<SharedClaim> {
	const state = sharedState();
	const ttl = REMEMBER_AFTER_DEADLINE_MS;
	try {
		if ((await state.get(openKey(id))) === undefined) return 'unknown';
		const holder = `replied:${randomUUID()}`;
		await state.put(bodyKey(id, holder), body, ttl);
		const claim = await state.claim(claimKey(id), holder, ttl);
		if (claim.won) return 'won';
		return claim.holder === GUARDED ? 'guarded' : 'replied';
	} catch {
		return 'unknown';
	}
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
 * A write to the callback's HTTP response while its slot is still open. A reply (XML; for the AI bot its sealed
 * JSON, told by `isReply`) is one relayed from a queue-mode worker (which could not claim the slot here): it goes
 * out and settles the slot. Anything else is n8n's own answer at the end of a run without a reply (an empty 200,
 * or 500 "Error in workflow" when a node failed first): the guard answers instead. Returns whether to drop the write.
 */
export function screenWrite(
	id: string,
	body: string,
	isReply: (body: string) => boolean = (text) => text.startsWith('<xml'),
): boolean {
	const slot = slots.get(id);
	if (slot?.state !== 'open') return false;
	if (isReply(body)) {
		close(slot, 'replied', body);
		return false;
	}
	if (sharedState().kind === 'redis') {
		// Queue mode: n8n's end-of-run answer can overtake its relay of the worker's reply; the shared slot says
		// whether that reply won, and then it is the answer.
		clearTimeout(slot.timer);
		void guardShared(slot);
	} else guardNow(slot);
	return true;
}

/** A reply node failed before claiming: the guard answers "success" now rather than after WeChat gave up. */
export function releaseReplySlot(id: string): void {
	const slot = slots.get(id);
	if (slot?.state === 'open') guardNow(slot);
}
