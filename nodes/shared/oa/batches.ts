/**
 * WeChat's batch APIs take a bounded list per call (tagging 50 openids, user info 100, blacklist 20). A longer
 * list goes out in consecutive calls of at most that size. When a call fails after earlier ones took effect,
 * the error says how many went through, because those calls are not undone.
 */
import type { INodeProperties } from 'n8n-workflow';
import { idList } from '../descriptions/wecomRecipients';
import { FieldError } from '../execution/errors';
import { WeChatApiError } from '../transport/errors';
import { callJson, type TokenClient } from '../transport/client';
import { TransportError } from '../transport/http';

/** The "OpenIDs" field of a batch operation that sends `perCall` a call. */
export function openIdsField(perCall: number): INodeProperties {
	return {
		displayName: 'OpenIDs',
		name: 'openIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'oABC…, oDEF…',
		description: `Follower openids, separated by commas or |, or a list from an expression; more than ${perCall} go out in several calls`,
	};
}

/** Openids from "a|b", "a, b", one a line, or a list from an expression; duplicates dropped, order kept. */
export function openidList(value: unknown, field: string): string[] {
	const openids = [...new Set(idList(value))];
	if (!openids.length)
		throw new FieldError(field, 'is empty', 'Enter one or more follower openids, separated by commas, or map a list.');
	return openids;
}

function chunk<T>(list: readonly T[], size: number): T[][] {
	const chunks: T[][] = [];
	for (let start = 0; start < list.length; start += size) chunks.push(list.slice(start, start + size));
	return chunks;
}

function afterProgress(error: unknown, note: string): unknown {
	if (error instanceof WeChatApiError)
		return new WeChatApiError(error.platform, error.api, error.errcode, `${error.errmsg} (${note})`, error.details);
	if (error instanceof TransportError)
		return new TransportError(`${error.message} (${note})`, error.sent, { status: error.status, code: error.code });
	return error;
}

/**
 * Sends `list` in calls of at most `size`, one after another, and returns each call's answer in order.
 * `done` words what the earlier calls achieved, for the error of a later one (e.g. "were tagged").
 */
export async function inBatches<T, R>(
	list: readonly T[],
	size: number,
	send: (batch: T[]) => Promise<R>,
	done: string,
): Promise<R[]> {
	const answers: R[] = [];
	let sent = 0;
	for (const batch of chunk(list, size)) {
		try {
			answers.push(await send(batch));
		} catch (error) {
			if (sent === 0) throw error;
			throw afterProgress(error, `the first ${sent} of ${list.length} ${done} by the earlier calls`);
		}
		sent += batch.length;
	}
	return answers;
}

/**
 * An idempotent membership change (tag, untag, blacklist, unblacklist): `openid_list` plus `fields`, `perCall`
 * openids a call. Applying it twice changes nothing, so a call whose outcome is unknown may be sent again.
 */
export async function changeMembers(
	client: TokenClient,
	path: string,
	openids: string[],
	perCall: number,
	fields: Record<string, unknown>,
	done: string,
): Promise<{ count: number; calls: number }> {
	const calls = await inBatches(
		openids,
		perCall,
		(openid_list) =>
			callJson(client, { method: 'POST', path, json: { openid_list, ...fields }, kind: 'write', deduplicated: true }),
		done,
	);
	return { count: openids.length, calls: calls.length };
}
