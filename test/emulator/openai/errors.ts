/**
 * How an OpenAI-compatible endpoint words a refusal: an HTTP status and `{"error": {message, type, param, code}}`
 * (platform.openai.com/docs/guides/error-codes). OpenAI clients (and n8n's OpenAI Chat Model through them) read
 * the status and `error.message`; there is no errcode in the body.
 */
import type { ApiRequest, JsonReply, PlatformProfile } from '../core/router';

export type OpenAiErrorType = 'invalid_request_error' | 'server_error';

export function openAiError(
	status: number,
	message: string,
	{
		type = 'invalid_request_error',
		param = null,
		code = null,
	}: { type?: OpenAiErrorType; param?: string | null; code?: string | null } = {},
): JsonReply {
	return { kind: 'json', status, body: { error: { message, type, param, code } } };
}

/**
 * The profile of the model routes. They take an API key, not an access_token, so a token problem never reaches
 * here; an injected errcode fault (the core's `errcode` kind) becomes a 500 naming it.
 */
export const openAiPlatform: PlatformProfile = {
	name: 'openai',
	errorReply: (_req: ApiRequest, errcode: number, message: string) =>
		openAiError(500, `${message} (injected fault ${errcode})`, { type: 'server_error' }),
	tokenError: () => openAiError(401, "You didn't provide an API key."),
};
