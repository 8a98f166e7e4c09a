/**
 * /__emulator/callbacks/… for the out-of-process users (e2e suite, benchmarks, `npm start`):
 *   POST oa       {appId, url, token, encodingAesKey?, mode?, timeoutMs?, tries?}   ({appId, url: null} removes)
 *   GET  oa       the configured targets, without secrets
 *   POST push     {platform, mode?, url, token, encodingAesKey?, receiveId?, message, timeoutMs?, tries?,
 *                  timestamp?, nonce?}  → the push record once the push is over
 *   POST verify   {platform, url, token, encodingAesKey?, receiveId?, echostr?, timeoutMs?, timestamp?, nonce?}
 *   GET  log[?appId=&source=event|push], POST log/clear, POST idle (answers when no push is in flight)
 */
import { badRequest, ok, type ControlApi, type ControlReply } from '../core/control-api';
import { parseOaTargetBody, parsePushBody, parseVerifyBody } from './parse';
import type { CallbackControl } from './pusher';
import { errorText } from './transport';

/** A refusal of the options (a thrown Error) becomes a 400 with the reason. */
async function attempt(run: () => Promise<unknown>): Promise<ControlReply> {
	try {
		return ok(await run());
	} catch (error) {
		return badRequest(errorText(error));
	}
}

export function registerCallbackControls(api: ControlApi, callbacks: CallbackControl): void {
	api.add('POST', 'callbacks/oa', ({ body }) => {
		const parsed = parseOaTargetBody(body);
		if (typeof parsed === 'string') return badRequest(parsed);
		try {
			callbacks.configureOa(parsed.appId, parsed.target);
		} catch (error) {
			return badRequest(errorText(error));
		}
		return ok({ targets: callbacks.oaTargets() });
	});
	api.add('GET', 'callbacks/oa', () => ok(callbacks.oaTargets()));
	api.add('POST', 'callbacks/push', ({ body }) => {
		const options = parsePushBody(body);
		return typeof options === 'string' ? badRequest(options) : attempt(() => callbacks.push(options));
	});
	api.add('POST', 'callbacks/verify', ({ body }) => {
		const options = parseVerifyBody(body);
		return typeof options === 'string' ? badRequest(options) : attempt(() => callbacks.verify(options));
	});
	api.add('GET', 'callbacks/log', ({ query }) => {
		const { appId, source } = query;
		if (source !== undefined && source !== 'event' && source !== 'push') return badRequest('source must be "event" or "push"');
		return ok(callbacks.log({ appId, source }));
	});
	api.add('POST', 'callbacks/log/clear', () => {
		callbacks.clearLog();
		return ok();
	});
	api.add('POST', 'callbacks/idle', async () => {
		await callbacks.idle();
		return ok();
	});
}
