/**
 * /__emulator/aibot/ws/… for the out-of-process users (e2e suite, `npm start`), the long connection's part of
 * AiBotControl:
 *   POST bots      {botId, secret}                  a bot that may subscribe
 *   GET  connections                                 every connection since the last reset (open and closed)
 *   POST wait      {botId, timeoutMs?}              → {subscribed, ms} once the bot has a subscribed connection
 *   POST push      {botId, message}                 → {reqId, connectionId, cmd, body}; 409 without a connection
 *   POST converse  {botId, message, timeoutMs?}     → the conversation (longConnectionConverse.ts); 409 likewise
 *   POST media     {base64, fileName}               → {url, aeskey}: a file for a message's image/file/video
 *   POST drop      {botId?, mode?}                  → {dropped}: mode terminate (default, no close frame) | close
 *   GET  replies   [?botId=&reqId=]                 reply frames and their acks, oldest first
 */
import { badRequest, ok, type ControlApi, type ControlReply } from '../core/control-api';
import { isRecord, nonEmptyString } from '../core/json';
import type { AiBotControl } from './index';

const notConnected = (botId: string): ControlReply => ({
	status: 409,
	body: { error: `bot ${botId} has no subscribed long connection` },
});

function parseTarget(body: unknown): { botId: string; message: Record<string, unknown>; timeoutMs?: number } | string {
	if (!isRecord(body) || !nonEmptyString(body.botId)) return 'botId is required';
	if (!isRecord(body.message) || !nonEmptyString(body.message.msgtype))
		return 'message must be an object with a msgtype';
	const { timeoutMs } = body;
	if (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || !(timeoutMs > 0)))
		return 'timeoutMs must be a positive number';
	return { botId: body.botId, message: body.message, timeoutMs };
}

export function registerLongConnectionControls(api: ControlApi, control: AiBotControl): void {
	api.add('POST', 'aibot/ws/bots', ({ body }) => {
		if (!isRecord(body) || !nonEmptyString(body.botId) || !nonEmptyString(body.secret))
			return badRequest('body must be {botId, secret}');
		control.addSocketBot({ botId: body.botId, secret: body.secret });
		return ok();
	});
	api.add('GET', 'aibot/ws/connections', () => ok(control.socketConnections()));
	api.add('POST', 'aibot/ws/wait', async ({ body }) => {
		if (!isRecord(body) || !nonEmptyString(body.botId)) return badRequest('botId is required');
		const timeoutMs = typeof body.timeoutMs === 'number' && body.timeoutMs > 0 ? body.timeoutMs : 10_000;
		const started = Date.now();
		const subscribed = await control.waitForSocket(body.botId, timeoutMs);
		return ok({ subscribed, ms: Date.now() - started });
	});
	api.add('POST', 'aibot/ws/push', ({ body }) => {
		const target = parseTarget(body);
		if (typeof target === 'string') return badRequest(target);
		const pushed = control.pushOverSocket(target.botId, target.message);
		return pushed === undefined ? notConnected(target.botId) : ok(pushed);
	});
	api.add('POST', 'aibot/ws/converse', async ({ body }) => {
		const target = parseTarget(body);
		if (typeof target === 'string') return badRequest(target);
		const conversation = control.converseOverSocket(target.botId, target.message, { timeoutMs: target.timeoutMs });
		return conversation === undefined ? notConnected(target.botId) : ok(await conversation);
	});
	api.add('POST', 'aibot/ws/media', ({ body }) => {
		if (!isRecord(body) || !nonEmptyString(body.base64) || !nonEmptyString(body.fileName))
			return badRequest('body must be {base64, fileName}');
		return ok(control.socketMedia(Buffer.from(body.base64, 'base64'), body.fileName));
	});
	api.add('POST', 'aibot/ws/drop', ({ body }) => {
		const input = isRecord(body) ? body : {};
		if (input.botId !== undefined && !nonEmptyString(input.botId)) return badRequest('botId must be a bot id');
		if (input.mode !== undefined && input.mode !== 'terminate' && input.mode !== 'close')
			return badRequest('mode must be terminate or close');
		return ok({ dropped: control.dropSocket(input.botId, input.mode) });
	});
	api.add('GET', 'aibot/ws/replies', ({ query }) =>
		ok(control.socketReplies({ botId: query.botId, reqId: query.reqId })),
	);
}
