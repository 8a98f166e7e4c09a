import { isRecord } from '../../core/json';
import type { ApiRequest, JsonReply, PublicRoute } from '../../core/router';
import type { ContentContext } from '../content/types';
import type { WeComContext } from '../context';
import { WeComErrcode, weComError, weComOk, weComPlatform } from '../errors';
import { refuse } from '../violation';
import { ROBOT_MESSAGE_CONTENT } from './content';
import type { WeComRobot } from './robots';

/** A robot's uploads are usable by that robot only ("仅能由该机器人使用"), so each robot is its own media scope. */
export function robotScope(key: string): string {
	return `wecom-robot:${key}`;
}

/** The robot the `key` query parameter names; WeCom answers 93000 for a missing, unknown or removed one. */
export function robotOf(ctx: WeComContext, req: ApiRequest): WeComRobot | JsonReply {
	const robot = ctx.robots.find(req.query.key);
	return robot ?? weComError(req, WeComErrcode.invalidWebhookUrl, 'invalid webhook url');
}

/**
 * POST /cgi-bin/webhook/send?key=KEY (reference B9). No access_token: the key is the credential. Checked in
 * this order: key, rate limit, body, msgtype, payload; an accepted message is recorded in arrival order.
 */
export function robotSendRoute(ctx: WeComContext): PublicRoute {
	return { method: 'POST', path: '/cgi-bin/webhook/send', platform: weComPlatform, auth: 'none', handle: (req) => send(ctx, req) };
}

function send(ctx: WeComContext, req: ApiRequest): JsonReply {
	const robot = robotOf(ctx, req);
	if ('kind' in robot) return robot;
	const now = ctx.clock.now();
	if (!ctx.robots.withinLimit(robot.key, now)) return weComError(req, WeComErrcode.apiFreqOutOfLimit, 'api freq out of limit');
	const body = req.json;
	if (!isRecord(body)) return weComError(req, WeComErrcode.dataFormatError, 'data format error');
	const msgtype = body.msgtype;
	const validate = typeof msgtype === 'string' ? ROBOT_MESSAGE_CONTENT.get(msgtype) : undefined;
	if (typeof msgtype !== 'string' || validate === undefined) return weComError(req, WeComErrcode.invalidMessageType, 'invalid message type');
	const content: ContentContext = { mode: 'send', hasMedia: (mediaId, type) => ctx.media.find(mediaId, robotScope(robot.key))?.type === type };
	const violation = validate(body[msgtype], content);
	if (violation !== undefined) return refuse(req, violation);
	ctx.robots.record({ robotKey: robot.key, msgtype, body, sentAt: now });
	return weComOk();
}
