/**
 * The webhook() of both triggers. GET: URL verification. POST: verify, decrypt and parse before anything
 * starts (refusals answer 4xx with a short reason and a log line without secrets), drop WeChat's retries
 * (they get the first delivery's answer), apply the Trigger On filter, then either answer "success" at once
 * and run the workflow, or leave the answer to a reply node, guarded so that WeChat hears "success" before
 * its 5 s deadline when the workflow is slower.
 */
import type { IDataObject, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { verifyUrl } from '../callback/verifyUrl';
import { inbound } from '../callback/inbound';
import { dedupeKey } from '../callback/dedupe';
import type { CallbackRefusal } from '../callback/refusal';
import type { Platform } from '../callback/platform';
import { answer, silence, type CallbackResponse } from './answer';
import { openReplySlot } from './replySlots';
import { dedupeStore } from './dedupeStores';
import { passesFilter } from './filters';
import { CALLBACK_KEY, DEFAULT_GUARD_MS, type CallbackContext } from './context';

export interface CallbackTriggerSpec {
	platform: Platform;
	credentialType: 'weChatOaApi' | 'weComApi';
	/** The credential field WeChat puts after the message as receiveId: appId or corpId. */
	receiveIdField: 'appId' | 'corpId';
	/** For log lines. */
	label: string;
}

interface RawRequest {
	rawBody?: Buffer;
	query?: object;
}

const NO_RESPONSE: IWebhookResponseData = { noWebhookResponse: true };

function contentTypeOf(body: string): string {
	return body.startsWith('<xml') ? 'application/xml; charset=utf-8' : 'text/plain; charset=utf-8';
}

function refuseRequest(
	exec: IWebhookFunctions,
	spec: CallbackTriggerSpec,
	res: CallbackResponse,
	refusal: CallbackRefusal,
): IWebhookResponseData {
	exec.logger.warn(`${spec.label} refused a callback: ${refusal.code} (${refusal.reason})`);
	answer(res, refusal.status, refusal.reason);
	return NO_RESPONSE;
}

/**
 * WeChat's 5 s run from when it sent the request; n8n may have spent some of them before webhook() runs (under
 * load, seconds). The request's signed timestamp (whole seconds, so up to 1 s early) bounds that: when it is
 * plausible (not in the future, less than 5 s old), the guard counts from it, never leaving less than 200 ms.
 */
export function guardFor(guardMs: number, query: object | undefined, now: number): number {
	const timestamp = Number((query as { timestamp?: unknown } | undefined)?.timestamp);
	if (!Number.isFinite(timestamp)) return guardMs;
	const age = now - timestamp * 1000;
	if (age < 0 || age >= 5_000) return guardMs;
	return Math.max(200, Math.min(guardMs, guardMs - age + 500));
}

export async function handleCallback(
	exec: IWebhookFunctions,
	spec: CallbackTriggerSpec,
): Promise<IWebhookResponseData> {
	const res = exec.getResponseObject() as unknown as CallbackResponse;
	const req = exec.getRequestObject() as unknown as RawRequest;
	let credentials: IDataObject;
	try {
		credentials = (await exec.getCredentials(spec.credentialType)) as IDataObject;
	} catch {
		return refuseRequest(exec, spec, res, {
			ok: false,
			status: 500,
			code: 'notConfigured',
			reason: 'the trigger has no credential',
		});
	}
	const token = String(credentials.token ?? '').trim();
	const encodingAesKey = String(credentials.encodingAesKey ?? '').trim() || undefined;
	const receiveId = String(credentials[spec.receiveIdField] ?? '').trim();
	const options = exec.getNodeParameter('options', {}) as IDataObject;
	const timestampWindowSeconds = Number(options.timestampWindowSeconds ?? 300);

	if (exec.getWebhookName() === 'setup') {
		const verified = verifyUrl({
			platform: spec.platform,
			query: req.query ?? {},
			token,
			encodingAesKey,
			receiveId,
			timestampWindowSeconds,
		});
		if (!verified.ok) return refuseRequest(exec, spec, res, verified);
		answer(res, 200, verified.body);
		return NO_RESPONSE;
	}

	const accepted = inbound({
		platform: spec.platform,
		query: req.query ?? {},
		rawBody: req.rawBody,
		token,
		encodingAesKey,
		receiveId,
		modePolicy: options.encryptedOnly === true ? 'encryptedOnly' : 'any',
		timestampWindowSeconds,
	});
	if (!accepted.ok) return refuseRequest(exec, spec, res, accepted);

	const retry = dedupeStore(exec).check(dedupeKey(accepted.message));
	if (!retry.first) {
		const previous = await retry.answer;
		answer(res, 200, previous, contentTypeOf(previous));
		return NO_RESPONSE;
	}
	if (!passesFilter(accepted.message, exec.getNodeParameter('triggerOn', ['*']))) {
		retry.settle('success');
		answer(res, 200, 'success');
		return NO_RESPONSE;
	}

	const receivedAt = Date.now();
	const context: CallbackContext = { platform: spec.platform, mode: accepted.mode, receivedAt };
	const json: IDataObject = { ...accepted.message };
	if (options.includeRawXml === true) json.rawXml = accepted.rawXml;

	if (exec.getNodeParameter('reply', 'immediately') !== 'replyNode') {
		retry.settle('success');
		answer(res, 200, 'success');
		json[CALLBACK_KEY] = { ...context } as IDataObject;
		return { noWebhookResponse: true, workflowData: [[{ json }]] };
	}

	const guardMs = guardFor(
		Math.min(4_800, Math.max(500, Number(options.replyGuardMs ?? DEFAULT_GUARD_MS))),
		req.query,
		receivedAt,
	);
	const slot = openReplySlot(guardMs, retry.settle, () => {
		// Nobody replied in time (or the run ended without a reply and n8n answered): WeChat must not retry.
		if (!res.headersSent) answer(res, 200, 'success');
		else silence(res);
		retry.settle('success');
	});
	json[CALLBACK_KEY] = { ...context, replyId: slot.id, replyBy: slot.deadline } as IDataObject;
	return { workflowData: [[{ json }]] };
}
