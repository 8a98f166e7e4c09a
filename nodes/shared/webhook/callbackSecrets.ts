/**
 * What a callback's check needs from the trigger's credential (Token, EncodingAESKey, AppID or CorpID), remembered
 * in this process per credential for a short while. Why: in n8n 2.x's default expression engine (`vm`), every
 * getCredentials in a webhook resolves the credential in an expression isolate of its own, built on the spot when
 * n8n's warm pool is empty, and all of that happens before WeChat has its answer; in a burst those builds queue up
 * for the CPU and answers miss WeChat's 5 s.
 *
 * A request the remembered secrets refuse reads the credential again before it is refused, so a changed Token or
 * key takes effect with the first request signed with it; old secrets are forgotten after `callbackSecretsTtlMs`.
 */
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';
import { registerProcessState, timings } from '../testSeam';

export interface CallbackSecrets {
	token: string;
	encodingAesKey?: string;
	/** AppID (OA) or CorpID (WeCom): what WeChat puts after the message. */
	receiveId: string;
}

export interface SecretsSource {
	credentialType: string;
	/** The credential field that holds the receiveId. */
	receiveIdField: string;
}

const remembered = new Map<string, { secrets: CallbackSecrets; until: number }>();
/** Reads under way: a burst arriving before anything is remembered waits on one read, not one each. */
const reading = new Map<string, Promise<CallbackSecrets>>();
registerProcessState(() => {
	remembered.clear();
	reading.clear();
});

type SecretsExec = Pick<IWebhookFunctions, 'getCredentials' | 'getNode'>;

/** One entry per credential (not per trigger): triggers sharing a credential share it. */
function keyOf(exec: SecretsExec, source: SecretsSource): string | undefined {
	const id = exec.getNode().credentials?.[source.credentialType]?.id;
	return id ? `${source.credentialType}\0${id}` : undefined;
}

/** The remembered secrets, if any are still fresh; never reads the credential. */
export function rememberedSecrets(exec: SecretsExec, source: SecretsSource): CallbackSecrets | undefined {
	const key = keyOf(exec, source);
	const entry = key === undefined ? undefined : remembered.get(key);
	if (!entry) return undefined;
	if (Date.now() < entry.until) return entry.secrets;
	remembered.delete(key!);
	return undefined;
}

async function read(exec: SecretsExec, source: SecretsSource): Promise<CallbackSecrets> {
	const credentials = (await exec.getCredentials(source.credentialType)) as IDataObject;
	return {
		token: String(credentials.token ?? '').trim(),
		encodingAesKey: String(credentials.encodingAesKey ?? '').trim() || undefined,
		receiveId: String(credentials[source.receiveIdField] ?? '').trim(),
	};
}

/**
 * Reads the credential (n8n decrypts and resolves it) and remembers what the check needs; throws without one.
 * `joinRead`: a read already under way will do (not when the remembered secrets just refused a request).
 */
export async function readSecrets(
	exec: SecretsExec,
	source: SecretsSource,
	joinRead = false,
): Promise<CallbackSecrets> {
	const key = keyOf(exec, source);
	if (key === undefined) return await read(exec, source);
	const pending = reading.get(key);
	if (pending && joinRead) return await pending;
	const fresh = read(exec, source);
	reading.set(key, fresh);
	try {
		const secrets = await fresh;
		remembered.set(key, { secrets, until: Date.now() + timings.callbackSecretsTtlMs });
		return secrets;
	} finally {
		if (reading.get(key) === fresh) reading.delete(key);
	}
}

/**
 * Runs `check` with the remembered secrets and, when there are none or they refuse, with the credential read
 * afresh. `undefined` when the trigger has no usable credential.
 */
export async function checkWithSecrets<R extends { ok: boolean }>(
	exec: SecretsExec,
	source: SecretsSource,
	check: (secrets: CallbackSecrets) => R,
): Promise<R | undefined> {
	const known = rememberedSecrets(exec, source);
	if (known) {
		const result = check(known);
		if (result.ok) return result;
	}
	let fresh: CallbackSecrets;
	try {
		fresh = await readSecrets(exec, source, known === undefined);
	} catch {
		return undefined;
	}
	return check(fresh);
}
