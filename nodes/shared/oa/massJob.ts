/**
 * Submitting a mass job (sendall / send): a client message ID makes WeChat refuse a second job with the same
 * ID (45065, answering the first job's msg_id), so a retry after a network fault is safe and, when the first
 * attempt did go through, its job is reported instead of an error. Within a minute of the first attempt WeChat
 * answers 45066 instead (retried too fast, no msg_id): the node then waits out that minute and asks once more.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { callJson } from '../transport/client';
import { WeChatApiError } from '../transport/errors';
import { timings } from '../testSeam';
import { clientMessageId } from './clientMessageId';
import type { ItemContext } from '../execution/itemContext';
import type { OaRun } from './run';
import { SUBMITTED_NOTE } from '../descriptions/oaMass/content';

/** WeChat's "retried too fast" window for one clientmsgid. */
const SAME_ID_WINDOW_MS = 61_000;

const isCode = (error: unknown, errcode: number): error is WeChatApiError =>
	error instanceof WeChatApiError && error.errcode === errcode;

export async function submitMassJob(
	exec: IExecuteFunctions,
	run: OaRun,
	ctx: ItemContext,
	path: string,
	body: IDataObject,
): Promise<IDataObject> {
	const clientmsgid = clientMessageId(exec, ctx);
	const submit = async () =>
		(await callJson(run.client, {
			method: 'POST',
			path,
			json: { ...body, clientmsgid },
			kind: 'write',
			deduplicated: true,
		})) as IDataObject;
	let answer: IDataObject;
	let alreadySubmitted = false;
	try {
		try {
			answer = await submit();
		} catch (error) {
			if (!isCode(error, 45066)) throw error;
			await new Promise((resolve) => setTimeout(resolve, SAME_ID_WINDOW_MS * timings.retryScale));
			answer = await submit();
		}
	} catch (error) {
		if (!isCode(error, 45065) || error.details.msg_id === undefined) throw error;
		answer = error.details as IDataObject;
		alreadySubmitted = true;
	}
	return {
		msg_id: String(answer.msg_id),
		...(answer.msg_data_id !== undefined ? { msg_data_id: String(answer.msg_data_id) } : {}),
		msgtype: body.msgtype,
		clientmsgid,
		status: 'submitted',
		alreadySubmitted,
		note: SUBMITTED_NOTE,
	};
}
