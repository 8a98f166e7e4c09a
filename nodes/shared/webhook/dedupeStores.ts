/** One retry store per trigger node (workflow id + node id), in this process's memory. */
import type { IWebhookFunctions } from 'n8n-workflow';
import { CallbackDedupe } from '../callback/dedupe';

const stores = new Map<string, CallbackDedupe<string>>();

export function dedupeStore(exec: IWebhookFunctions): CallbackDedupe<string> {
	const key = `${exec.getWorkflow().id ?? ''}\0${exec.getNode().id ?? exec.getNode().name}`;
	let store = stores.get(key);
	if (!store) {
		store = new CallbackDedupe<string>();
		stores.set(key, store);
	}
	return store;
}
