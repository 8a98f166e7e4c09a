/** The Bearer API key every model route takes, checked as OpenAI checks it (401 and its wording). */
import type { ApiReply, ApiRequest } from '../core/router';
import { openAiError } from './errors';

/** "sk-abc…wxyz" as OpenAI quotes a wrong key: never the whole key. */
function masked(key: string): string {
	return key.length > 8 ? `${key.slice(0, 3)}${'*'.repeat(key.length - 7)}${key.slice(-4)}` : '***';
}

/** A refusal for a bad key, or undefined when the Bearer key is one the emulator knows. */
export function checkApiKey(req: ApiRequest, keys: ReadonlySet<string>): ApiReply | undefined {
	const header = req.headers.authorization ?? '';
	const key = /^Bearer\s+(.+)$/i.exec(header)?.[1]?.trim() ?? '';
	if (key === '') {
		return openAiError(
			401,
			"You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
		);
	}
	if (keys.has(key)) return undefined;
	return openAiError(401, `Incorrect API key provided: ${masked(key)}.`, { code: 'invalid_api_key' });
}
