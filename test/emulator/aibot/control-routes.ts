/**
 * /__emulator/aibot/… for the out-of-process users (e2e suite, `npm start`):
 *   POST converse      {url, token, encodingAesKey, message, timeoutMs?, tries?, pollEveryMs?, pollForMs?}
 *                      → the conversation once WeCom would stop (stream finished, or polling time over)
 *   POST response_url  → {url}: a fresh response_url for a message
 *   GET  responses     what arrived through response_url, oldest first
 */
import { isRecord } from '../core/json';
import { badRequest, ok, type ControlApi } from '../core/control-api';
import type { AiBotControl } from './index';
import { converse, type ConverseOptions } from './pusher';

function parseConverse(body: unknown): ConverseOptions | string {
	if (!isRecord(body)) return 'body must be a JSON object';
	const { url, token, encodingAesKey, message } = body;
	if (typeof url !== 'string' || !/^https?:\/\//.test(url)) return 'url must be an http(s) URL';
	if (typeof token !== 'string' || token === '') return 'token is required';
	if (typeof encodingAesKey !== 'string' || encodingAesKey.length !== 43) return 'encodingAesKey must be 43 characters';
	if (!isRecord(message)) return 'message must be an object';
	const numbers: Partial<ConverseOptions> = {};
	for (const name of ['timeoutMs', 'tries', 'pollEveryMs', 'pollForMs'] as const) {
		const value = body[name];
		if (value === undefined) continue;
		if (typeof value !== 'number' || !(value > 0)) return `${name} must be a positive number`;
		numbers[name] = value;
	}
	return { url, token, encodingAesKey, message, ...numbers };
}

export function registerAiBotControls(api: ControlApi, control: AiBotControl): void {
	api.add('POST', 'aibot/converse', async ({ body }) => {
		const options = parseConverse(body);
		return typeof options === 'string' ? badRequest(options) : ok(await converse(options));
	});
	api.add('POST', 'aibot/response_url', () => ok({ url: control.responseUrl() }));
	api.add('GET', 'aibot/responses', () => ok(control.responses()));
}
