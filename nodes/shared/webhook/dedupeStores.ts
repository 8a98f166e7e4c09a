/** Each trigger node's memory (retry store, refusal log), keyed by workflow id + node id, in this process. */
import type { IWebhookFunctions } from 'n8n-workflow';
import { TriggerMemories, type TriggerMemory } from '../callback/triggerMemory';
import { registerProcessState } from '../testSeam';

const memories = new TriggerMemories();
registerProcessState(() => memories.clear());

export function triggerMemory(exec: Pick<IWebhookFunctions, 'getWorkflow' | 'getNode'>): TriggerMemory {
	return memories.of(`${exec.getWorkflow().id ?? ''}\0${exec.getNode().id ?? exec.getNode().name}`);
}
