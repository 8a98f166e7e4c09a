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

/** The callback context of the item, or an error that says how to wire the workflow. */
export function aiBotCallbackOf(exec: IExecuteFunctions, itemIndex: number): AiBotCallbackContext {
	const raw = exec.getInputData()[itemIndex]?.json?.callback as Partial<AiBotCallbackContext> | undefined;
	if (!raw || typeof raw !== 'object' || raw.platform !== 'aibot' || typeof raw.msgid !== 'string') {
		throw new FieldError(
			'Input item',
			`does not come from a ${TRIGGER_NAME}`,
			`Connect this node after a ${TRIGGER_NAME} (directly, or through nodes that keep its "callback" field).`,
		);
	}
	return raw as AiBotCallbackContext;
}
