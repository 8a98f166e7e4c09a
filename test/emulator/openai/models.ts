/**
 * GET /v1/models: what n8n's OpenAI credential test and the OpenAI Chat Model's model list read. The emulator
 * serves a few OpenAI model ids; a completion for any other id is refused with OpenAI's 404 (model_not_found).
 */
import type { ApiRequest, ApiReply, PublicRoute } from '../core/router';
import { checkApiKey } from './auth';
import { openAiPlatform } from './errors';

export const MODELS_PATH = '/v1/models';

export const EMULATED_MODELS: readonly string[] = ['gpt-4o-mini', 'gpt-4.1-mini', 'gpt-5-mini'];

/** When the model list was "published": a fixed date, so the answer never changes. */
const CREATED = Math.floor(Date.UTC(2024, 6, 18) / 1000);

export function modelsRoute(keys: ReadonlySet<string>): PublicRoute {
	const handle = (req: ApiRequest): ApiReply =>
		checkApiKey(req, keys) ?? {
			kind: 'json',
			status: 200,
			body: {
				object: 'list',
				data: EMULATED_MODELS.map((id) => ({ id, object: 'model', created: CREATED, owned_by: 'system' })),
			},
		};
	return { method: 'GET', path: MODELS_PATH, platform: openAiPlatform, auth: 'none', handle };
}
