/** Turns what the pure modules throw into n8n's errors: NodeApiError for WeChat, NodeOperationError for input. */
import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';
import { WeChatApiError } from '../transport/errors';
import { TransportError } from '../transport/http';

const PLATFORM_NAMES = { wecom: 'WeCom', oa: 'WeChat Official Account', robot: 'WeCom group robot' } as const;

/** Bad input: names the field and says how to fix it. Thrown by builders, turned into a NodeOperationError. */
export class FieldError extends Error {
	readonly field: string;
	readonly fix: string;

	constructor(field: string, problem: string, fix: string) {
		super(`${field}: ${problem}`);
		this.name = 'FieldError';
		this.field = field;
		this.fix = fix;
	}
}

/**
 * Something between n8n's processes that the node relies on failed (not the input, not WeChat's answer): turned
 * into a NodeApiError that says how to fix it.
 */
export class ServiceError extends Error {
	readonly fix: string;

	constructor(message: string, fix: string) {
		super(message);
		this.name = 'ServiceError';
		this.fix = fix;
	}
}

export function toNodeError(node: INode, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof FieldError) {
		return new NodeOperationError(node, error.message, { itemIndex, description: error.fix });
	}
	if (error instanceof ServiceError) {
		const apiError = new NodeApiError(node, { message: error.message } as JsonObject, {
			itemIndex,
			message: error.message,
			description: error.fix,
		});
		apiError.message = error.message; // n8n's generic text would hide which bot and why
		return apiError;
	}
	if (error instanceof WeChatApiError) {
		const platform = PLATFORM_NAMES[error.platform];
		const response: JsonObject = { errcode: error.errcode, errmsg: error.errmsg, api: error.api };
		const message = `${platform} ${error.api} failed with errcode ${error.errcode}: ${error.errmsg}`;
		// No httpCode: WeChat answered HTTP 200, and n8n replaces the message for codes that look like HTTP ones.
		const apiError = new NodeApiError(node, response, {
			itemIndex,
			message,
			description: [error.meaning, error.hint].filter(Boolean).join(' — '),
		});
		// n8n also swaps a message containing e.g. "EACCES" for a generic one, and WeChat's errmsg does
		// ("getStableAccessToken"): keep ours.
		apiError.message = message;
		return apiError;
	}
	if (error instanceof TransportError) {
		const description =
			error.sent === 'maybe'
				? 'The request may have reached WeChat, so it was not sent again (that could deliver it twice). ' +
					'For sends, turn on the duplicate check (or set a client message ID) to let the node retry safely.'
				: 'WeChat could not be reached: check the API Base URL / Proxy URL in the credential and the network.';
		const apiError = new NodeApiError(node, { message: error.message } as JsonObject, {
			itemIndex,
			message: error.message,
			description,
			httpCode: error.status ? String(error.status) : undefined,
		});
		apiError.message = error.message; // ours names the endpoint; n8n's generic text would not
		return apiError;
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, message, { itemIndex });
}
