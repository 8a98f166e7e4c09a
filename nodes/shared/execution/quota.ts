/**
 * A node's call under WeChat's minute quotas (transport/quota.ts), with every wait told in n8n's log (node,
 * item, API path and errcode: never a URL, token or secret) and in the item's output (`rateLimited`).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { ApiCall, TokenClient } from '../transport/client';
import { callWithinQuota, MAX_QUOTA_WAITS, type QuotaOutcome, type QuotaRule } from '../transport/quota';

const duration = (ms: number) => (ms >= 1000 ? `${Math.round(ms / 1000)} s` : `${ms} ms`);

export async function callWithinQuotaLogged(
	exec: IExecuteFunctions,
	itemIndex: number,
	client: TokenClient,
	call: ApiCall,
	rule: QuotaRule = {},
): Promise<QuotaOutcome> {
	return await callWithinQuota(client, call, rule, (wait) => {
		const refused = `${exec.getNode().name}: ${call.path} refused with errcode ${wait.errcode}`;
		exec.logger.warn(
			!wait.givingUp
				? `${refused} (minute quota); item ${itemIndex} waits ${duration(wait.waitMs)} and is sent again (wait ${wait.wait} of ${MAX_QUOTA_WAITS})`
				: wait.wait > 0
					? `${refused} (quota) after ${wait.wait} waits; item ${itemIndex} fails`
					: `${refused} (quota) just after another item gave up waiting; item ${itemIndex} fails without waiting`,
		);
	});
}

/** The output's note on waiting, only when the call waited. */
export function rateLimitedField(outcome: QuotaOutcome): IDataObject {
	return outcome.rateLimited ? { rateLimited: { ...outcome.rateLimited } } : {};
}
