/**
 * Each trigger node's memory (retry store, refusal log), keyed by workflow id + node id, in this process; and the
 * retry check that also asks the shared state, so that in queue mode a retry reaching another webhook process is
 * recognised too.
 */
import type { IWebhookFunctions } from 'n8n-workflow';
import type { DedupeCheck } from '../callback/dedupe';
import { TriggerMemories, type TriggerMemory } from '../callback/triggerMemory';
import { processId, sharedState, type Claim, type SharedState } from '../state';
import { settleBy } from '../state/settleBy';
import { registerProcessState } from '../testSeam';

const memories = new TriggerMemories();
registerProcessState(() => memories.clear());

type TriggerExec = Pick<IWebhookFunctions, 'getWorkflow' | 'getNode'>;

const triggerOf = (exec: TriggerExec) => `${exec.getWorkflow().id ?? ''}\0${exec.getNode().id ?? exec.getNode().name}`;

export function triggerMemory(exec: TriggerExec): TriggerMemory {
	return memories.of(triggerOf(exec));
}

/** As long as this process's retry store remembers a key (WeChat's retries span about 20 s). */
const SHARED_TTL_MS = 5 * 60_000;
/** How often a retry whose first delivery another process holds looks for that delivery's answer. */
const ANSWER_POLL_MS = 50;

/**
 * Is this delivery the first? This process's retry store answers first (a retry of a delivery this process holds
 * waits on it directly); a delivery new here then claims the message key in the shared state, where a first
 * delivery received by another process already holds it. If the shared state cannot be reached, this process
 * decides alone: a second run is better than a message lost.
 */
export async function checkRetry(exec: TriggerExec, key: string): Promise<DedupeCheck<string>> {
	const trigger = triggerOf(exec);
	const local = memories.of(trigger).retries.check(key);
	if (!local.first) return local;
	const state = sharedState();
	const claimKey = `retry|${trigger}|${key}`;
	const answerKey = `answer|${trigger}|${key}`;
	let claim: Claim;
	try {
		claim = await state.claim(claimKey, processId(), SHARED_TTL_MS);
	} catch {
		return local;
	}
	if (claim.won) {
		return {
			first: true,
			settle: (answer) => {
				local.settle(answer);
				state.put(answerKey, answer, SHARED_TTL_MS).catch(() => undefined);
			},
			forget: (answer) => {
				local.forget(answer);
				state.release(claimKey, processId()).catch(() => undefined);
			},
		};
	}
	return {
		first: false,
		wait: async (withinMs, fallback) => {
			const answer = await answerWithin(state, answerKey, withinMs);
			// Retries of it reaching this process from now on wait here: on the answer, or on the shared state again.
			if (answer !== undefined) local.settle(answer);
			else local.forget(fallback);
			return answer ?? fallback;
		},
	};
}

async function answerWithin(state: SharedState, key: string, withinMs: number): Promise<string | undefined> {
	const deadline = Date.now() + withinMs;
	for (;;) {
		const answer = await settleBy(
			state.get(key).catch(() => undefined),
			deadline,
			undefined,
		);
		const left = deadline - Date.now();
		if (answer !== undefined || left <= 0) return answer;
		await new Promise((resolve) => setTimeout(resolve, Math.min(ANSWER_POLL_MS, left)).unref());
	}
}
