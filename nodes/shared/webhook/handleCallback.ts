/**
 * The webhook() of both triggers. GET: URL verification. POST: verify, decrypt and parse before anything
 * starts (refusals answer 4xx with a short reason and a log line without secrets), drop WeChat's retries
 * (they get the first delivery's answer), apply the Trigger On filter, then either answer "success" at once
 * and run the workflow, or leave the answer to a reply node, guarded so that WeChat hears "success" before
 * its 5 s deadline when the workflow is slower.
 */
import type { IDataObject, INodeExecutionData, IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';
import { verifyUrl } from '../callback/verifyUrl';
import { inbound, type InboundMessage } from '../callback/inbound';
import { readTimestampWindow } from '../callback/query';
import { dedupeKey } from '../callback/dedupe';
import type { CallbackRefusal } from '../callback/refusal';
import type { Platform } from '../callback/platform';
import { answer, screenAnswers, silence, type CallbackResponse } from './answer';
import { openReplySlot, screenWrite } from './replySlots';
import { checkRetry, triggerMemory } from './dedupeStores';
import { passesFilter } from './filters';
import { checkWithSecrets } from './callbackSecrets';
import { CALLBACK_KEY, DEFAULT_GUARD_MS, MAX_GUARD_MS, MIN_GUARD_MS, type CallbackContext } from './context';

export interface CallbackTriggerSpec {
	platform: Platform;
	credentialType: 'weChatOaApi' | 'weComApi';
	/** The credential field WeChat puts after the message as receiveId: appId or corpId. */
	receiveIdField: 'appId' | 'corpId';
	/** For log lines. */
	label: string;
	/**
	 * The run's items when they are not the callback itself (WeChat Customer Service pulls the messages a
	 * kf_msg_or_event announces). Called after WeChat has its answer; no items, no run.
	 */
	collect?: (exec: IWebhookFunctions, message: IDataObject) => Promise<INodeExecutionData[]>;
}

interface RawRequest {
	rawBody?: Buffer;
	query?: object;
}

const NO_RESPONSE: IWebhookResponseData = { noWebhookResponse: true };

export const NO_CREDENTIAL: CallbackRefusal = {
	ok: false,
	status: 500,
	code: 'notConfigured',
	reason: 'the trigger has no credential',
};

/** The run's item: the message, and its XML when the trigger asks for it. */
function itemOf(accepted: InboundMessage, options: IDataObject): IDataObject {
	const json: IDataObject = { ...accepted.message };
	if (options.includeRawXml === true) json.rawXml = accepted.rawXml;
	return json;
}

function contentTypeOf(body: string): string {
	return body.startsWith('<xml') ? 'application/xml; charset=utf-8' : 'text/plain; charset=utf-8';
}

/** Answers a refusal and logs it (rate-limited, without secrets). */
export function refuseRequest(
	exec: IWebhookFunctions,
	spec: Pick<CallbackTriggerSpec, 'label'>,
	res: CallbackResponse,
	refusal: CallbackRefusal,
): IWebhookResponseData {
	const line = triggerMemory(exec).refusals.admit(
		`${spec.label} refused a callback: ${refusal.code} (${refusal.reason})`,
	);
	if (line) exec.logger.warn(line);
	answer(res, refusal.status, refusal.reason);
	return NO_RESPONSE;
}

/**
 * WeChat's 5 s run from when it sent the request; n8n may have spent some of them before webhook() runs (under
 * load, seconds). The request's signed timestamp bounds that: when it is plausible (not in the future, less
 * than 5 s old), the guard counts from it. It is whole seconds, so WeChat sent the request at that second or
 * up to 1 s later, never earlier: counting from it can only answer early. A request already past the guard
 * time is answered at once.
 */
export function guardFor(guardMs: number, query: object | undefined, now: number): number {
	const timestamp = Number((query as { timestamp?: unknown } | undefined)?.timestamp);
	if (!Number.isFinite(timestamp)) return guardMs;
	const age = now - timestamp * 1000;
	if (age < 0 || age >= 5_000) return guardMs;
	return Math.max(0, guardMs - age);
}

/** The Reply Guard option, within the bounds its field allows. */
function configuredGuardMs(options: IDataObject): number {
	const configured = Number(options.replyGuardMs ?? DEFAULT_GUARD_MS);
	if (!Number.isFinite(configured)) return DEFAULT_GUARD_MS;
	return Math.min(MAX_GUARD_MS, Math.max(MIN_GUARD_MS, configured));
}

export async function handleCallback(
	exec: IWebhookFunctions,
	spec: CallbackTriggerSpec,
): Promise<IWebhookResponseData> {
	const res = exec.getResponseObject() as unknown as CallbackResponse;
	const req = exec.getRequestObject() as unknown as RawRequest;
	// Only what the check needs is read before the answer (see callbackSecrets.ts for why the credential is kept).
	const options = exec.getNodeParameter('options', {}) as IDataObject;
	const timestampWindowSeconds = readTimestampWindow(options.timestampWindowSeconds);

	if (exec.getWebhookName() === 'setup') {
		const verified = await checkWithSecrets(exec, spec, (secrets) =>
			verifyUrl({ platform: spec.platform, query: req.query ?? {}, ...secrets, timestampWindowSeconds }),
		);
		if (!verified) return refuseRequest(exec, spec, res, NO_CREDENTIAL);
		if (!verified.ok) return refuseRequest(exec, spec, res, verified);
		answer(res, 200, verified.body);
		return NO_RESPONSE;
	}

	const accepted = await checkWithSecrets(exec, spec, (secrets) =>
		inbound({
			platform: spec.platform,
			query: req.query ?? {},
			rawBody: req.rawBody,
			...secrets,
			allowPlaintext: options.acceptPlaintext === true,
			timestampWindowSeconds,
		}),
	);
	if (!accepted) return refuseRequest(exec, spec, res, NO_CREDENTIAL);
	if (!accepted.ok) return refuseRequest(exec, spec, res, accepted);
	const receivedAt = Date.now();

	if (exec.getNodeParameter('reply', 'immediately') !== 'replyNode') {
		// "success" is the answer whatever follows, so WeChat gets it first; a retry gets it too and starts nothing.
		answer(res, 200, 'success');
		const retry = await checkRetry(exec, dedupeKey(accepted.message));
		if (!retry.first) return NO_RESPONSE;
		retry.settle('success');
		if (!passesFilter(accepted.message, exec.getNodeParameter('triggerOn', ['*']))) return NO_RESPONSE;
		const json = itemOf(accepted, options);
		if (spec.collect) {
			const items = await spec.collect(exec, json);
			return items.length > 0 ? { noWebhookResponse: true, workflowData: [items] } : NO_RESPONSE;
		}
		json[CALLBACK_KEY] = { platform: spec.platform, mode: accepted.mode, receivedAt } as IDataObject;
		return { noWebhookResponse: true, workflowData: [[{ json }]] };
	}

	const retry = await checkRetry(exec, dedupeKey(accepted.message));
	if (!retry.first) {
		// Normally the first delivery was answered long ago; if it is still open, this try hears "success" in time.
		const previous = await retry.wait(guardFor(configuredGuardMs(options), req.query, Date.now()), 'success');
		answer(res, 200, previous, contentTypeOf(previous));
		return NO_RESPONSE;
	}
	if (!passesFilter(accepted.message, exec.getNodeParameter('triggerOn', ['*']))) {
		retry.settle('success');
		answer(res, 200, 'success');
		return NO_RESPONSE;
	}

	const context: CallbackContext = { platform: spec.platform, mode: accepted.mode, receivedAt };
	const json = itemOf(accepted, options);
	const guardMs = guardFor(configuredGuardMs(options), req.query, receivedAt);
	const slot = openReplySlot(
		guardMs,
		retry.settle,
		() => {
			// Nobody replied in time (or the run ended without a reply and n8n answered): WeChat must not retry.
			if (!res.headersSent) answer(res, 200, 'success');
			else silence(res);
			retry.settle('success');
		},
		(body) => answer(res, 200, body, contentTypeOf(body)),
	);
	screenAnswers(res, (body) => screenWrite(slot.id, body));
	json[CALLBACK_KEY] = { ...context, replyId: slot.id, replyBy: slot.deadline } as IDataObject;
	return { workflowData: [[{ json }]] };
}
