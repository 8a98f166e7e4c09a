import { isRecord, stableStringify, type JsonObject } from '../core/json';
import type { JsonReply, TokenRequest, TokenRoute } from '../core/router';
import { agentFromBody } from './apps';
import { APP_MESSAGE_CONTENT } from './content';
import { INTERACTION_CARD_TYPES, taskIdOf } from './content/template-card';
import { contentContext, type WeComContext } from './context';
import { WeComErrcode, weComError, weComOk, weComPlatform } from './errors';
import { noDelivery, reachesNobody, resolveRecipients, sendRecipients, type Delivery } from './recipients';
import { invalidField, refuse, Violation } from './violation';

/** WeCom: duplicate_check_interval "默认1800s，最大不超过4小时". */
const DEFAULT_DUPLICATE_CHECK_SECONDS = 1800;
const MAX_DUPLICATE_CHECK_SECONDS = 4 * 3600;

/**
 * POST /cgi-bin/message/send (reference B1). One error per call, checked in this order: body, agentid,
 * msgtype, recipient lists, options, content; then the recipients are resolved against the app's
 * visibility scope, the duplicate check applies, and the message is recorded as delivered.
 */
export function messageSendRoute(ctx: WeComContext): TokenRoute {
	return { method: 'POST', path: '/cgi-bin/message/send', platform: weComPlatform, auth: 'token', handle: (req) => send(ctx, req) };
}

function send(ctx: WeComContext, req: TokenRequest): JsonReply {
	if (!ctx.quota.admitCall(req.caller.corpId, '/cgi-bin/message/send', ctx.clock.now())) {
		return weComError(req, WeComErrcode.apiFreqOutOfLimit, 'api freq out of limit');
	}
	const body = req.json;
	if (!isRecord(body)) return weComError(req, WeComErrcode.dataFormatError, 'data format error');
	const app = agentFromBody(ctx.apps, req.caller, body.agentid);
	if (app instanceof Violation) return refuse(req, app);
	const msgtype = body.msgtype;
	const validateContent = typeof msgtype === 'string' ? APP_MESSAGE_CONTENT.get(msgtype) : undefined;
	if (typeof msgtype !== 'string' || validateContent === undefined) return weComError(req, WeComErrcode.invalidMessageType, 'invalid message type');
	const recipients = sendRecipients(body);
	if (recipients instanceof Violation) return refuse(req, recipients);
	const options = sendOptions(body);
	if (options instanceof Violation) return refuse(req, options);
	const content = body[msgtype];
	const contentViolation = validateContent(content, contentContext(ctx, req.caller, 'send'));
	if (contentViolation !== undefined) return refuse(req, contentViolation);
	const delivery = resolveRecipients(app, recipients);
	if (reachesNobody(delivery)) return weComError(req, WeComErrcode.allRecipientsInvalid, 'user & party & tag all invalid');

	const now = ctx.clock.now();
	const duplicateKey = stableStringify({ touser: body.touser, toparty: body.toparty, totag: body.totag, msgtype, content });
	const original = options.duplicateCheckMs === undefined ? undefined : ctx.messages.findDuplicate(app.corpId, app.agentId, duplicateKey, options.duplicateCheckMs);
	if (original !== undefined) {
		// WeCom does not document the answer to a suppressed duplicate; repeating the original's answer (same
		// msgid) is what makes a retried send indistinguishable from the first one for the client.
		ctx.messages.add({ ...original, body, sentAt: now, deduplicated: true, duplicateOf: original.msgid, delivery: noDelivery(), recalledAt: undefined }, duplicateKey);
		return { kind: 'json', status: 200, body: original.reply };
	}

	const cardType = msgtype === 'template_card' && isRecord(content) ? content.card_type : undefined;
	const taskId = cardType === undefined ? undefined : taskIdOf(content);
	// "同一个应用任务id不能重复". WeCom's wording for this case is unknown; 40058 names the field like other card errors.
	if (taskId !== undefined && ctx.messages.taskIdUsed(app.corpId, app.agentId, taskId)) {
		return refuse(req, invalidField('template_card.task_id', `${taskId} was already used by this app`));
	}
	const msgid = ctx.messages.newMsgid();
	const fields: JsonObject = { ...partialDelivery(delivery), msgid };
	const responseCode = typeof cardType === 'string' && INTERACTION_CARD_TYPES.has(cardType) ? ctx.messages.issueResponseCode(app.corpId, app.agentId, msgid).responseCode : undefined;
	if (responseCode !== undefined) fields.response_code = responseCode;
	const reply = weComOk(fields);
	// Over the per-member limit WeCom answers as usual and delivers nothing to that member.
	const dropped = ctx.quota.deliver(app.corpId, app.agentId, delivery.users, msgid, now);
	const delivered = dropped.length === 0 ? delivery : { ...delivery, users: delivery.users.filter((user) => !dropped.includes(user)) };
	ctx.messages.add({ msgid, corpId: app.corpId, agentId: app.agentId, msgtype, body, sentAt: now, deduplicated: false, delivery: delivered, ...(dropped.length > 0 ? { dropped } : {}), taskId, responseCode, reply: reply.body }, duplicateKey);
	return reply;
}

interface SendOptions {
	/** The duplicate-check window when enable_duplicate_check is on. */
	duplicateCheckMs?: number;
}

/** `safe`, `enable_duplicate_check` and `duplicate_check_interval`, checked for the values WeCom allows. */
function sendOptions(body: Record<string, unknown>): SendOptions | Violation {
	if (body.safe !== undefined && body.safe !== 0 && body.safe !== 1 && body.safe !== 2) return invalidField('safe', 'must be 0, 1 or 2');
	const enabled = body.enable_duplicate_check;
	if (enabled !== undefined && enabled !== 0 && enabled !== 1) return invalidField('enable_duplicate_check', 'must be 0 or 1');
	const interval = body.duplicate_check_interval ?? DEFAULT_DUPLICATE_CHECK_SECONDS;
	if (typeof interval !== 'number' || !Number.isInteger(interval) || interval < 1 || interval > MAX_DUPLICATE_CHECK_SECONDS) {
		return invalidField('duplicate_check_interval', 'must be 1 to 14400 seconds');
	}
	return enabled === 1 ? { duplicateCheckMs: interval * 1000 } : {};
}

/** The `invalid*` / `unlicenseduser` fields, `|`-joined and present only when non-empty. */
function partialDelivery(delivery: Delivery): JsonObject {
	const fields: JsonObject = {};
	if (delivery.invalidUsers.length > 0) fields.invaliduser = delivery.invalidUsers.join('|');
	if (delivery.invalidParties.length > 0) fields.invalidparty = delivery.invalidParties.join('|');
	if (delivery.invalidTags.length > 0) fields.invalidtag = delivery.invalidTags.join('|');
	if (delivery.unlicensedUsers.length > 0) fields.unlicenseduser = delivery.unlicensedUsers.join('|');
	return fields;
}
