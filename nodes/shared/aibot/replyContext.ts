/** What every AI-bot reply operation starts from: the trigger's callback context, and the credential's secrets. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { FieldError } from '../execution/errors';
import type { AiBotCallbackContext } from './context';
import type { ReplySecrets } from './reply';

export const TRIGGER_NAME = 'WeCom AI Bot Trigger';

export interface AiBotRun {
	secrets: ReplySecrets;
	proxyUrl: string;
}

export async function openAiBotRun(exec: IExecuteFunctions): Promise<AiBotRun> {
	const credentials = (await exec.getCredentials('weComAiBotApi')) as IDataObject;
	return {
		secrets: {
			token: String(credentials.token ?? '').trim(),
			encodingAesKey: String(credentials.encodingAesKey ?? '').trim(),
		},
		proxyUrl: String(credentials.proxyUrl ?? '').trim(),
	};
}

const isCallback = (value: unknown): value is AiBotCallbackContext =>
	!!value &&
	typeof value === 'object' &&
	(value as Partial<AiBotCallbackContext>).platform === 'aibot' &&
	typeof (value as Partial<AiBotCallbackContext>).msgid === 'string';

/**
 * The callback of the trigger item this item came from, through n8n's paired items: an AI Agent (or any node
 * that outputs new items) between the trigger and the reply drops the trigger's fields, `callback` with them.
 */
function callbackOfTriggerItem(exec: IExecuteFunctions, itemIndex: number): unknown {
	const trigger = exec
		.getParentNodes(exec.getNode().name)
		.find((node) => /\.weComAiBot(LongConnection)?Trigger$/.test(node.type));
	if (!trigger) return undefined;
	try {
		const proxy = exec.getWorkflowDataProxy(itemIndex) as { $: (name: string) => { item?: { json?: IDataObject } } };
		return proxy.$(trigger.name).item?.json?.callback;
	} catch {
		// No paired item leads back to the trigger (e.g. a Code node that made new items without pairedItem).
		return undefined;
	}
}

/** The callback context of the item (its own, or its trigger item's), or an error that says how to wire the workflow. */
export function aiBotCallbackOf(exec: IExecuteFunctions, itemIndex: number): AiBotCallbackContext {
	const own: unknown = exec.getInputData()[itemIndex]?.json?.callback;
	const raw = isCallback(own) ? own : callbackOfTriggerItem(exec, itemIndex);
	if (!isCallback(raw)) {
		throw new FieldError(
			'Input item',
			`does not come from a ${TRIGGER_NAME}`,
			`Connect this node after a ${TRIGGER_NAME}: directly, or through nodes that keep its "callback" field or pair each item with the trigger's (an AI Agent does).`,
		);
	}
	return raw;
}
