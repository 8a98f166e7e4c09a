/**
 * The kf/* routes: accounts (account/list, add_contact_way; administration in admin.ts), sessions
 * (service_state/get, service_state/trans), sync_msg, send_msg and send_msg_on_event.
 */
import type { JsonObject } from '../../core/json';
import type { TokenRoute } from '../../core/router';
import { corpScope } from '../context';
import { WeComErrcode, weComError, weComOk } from '../errors';
import { invalidField, refuse, Violation } from '../violation';
import { KfErrcode } from './errors';
import { LONG_CODE_TTL_MS, REPLIES_PER_CUSTOMER_MESSAGE, REPLY_WINDOW_MS, SHORT_CODE_TTL_MS, type ServiceState } from './state';
import { findAccount, post, type KfContext } from './common';
import { checkKfPayload, KF_MSGTYPES } from './payloads';
import { kfAdminRoutes } from './admin';

const MAX_SYNC_LIMIT = 1000;
const MAX_ACCOUNT_PAGE = 100;
const MSGID = /^[0-9A-Za-z_-]{1,32}$/;

function encodeCursor(seq: number): string {
	return Buffer.from(`kf:${seq}`).toString('base64url');
}

function decodeCursor(cursor: unknown): number | undefined {
	if (cursor === undefined || cursor === '') return 0;
	if (typeof cursor !== 'string' || cursor.length > 64) return undefined;
	const match = /^kf:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
	return match ? Number(match[1]) : undefined;
}

/** POST kf/sync_msg {cursor?, token?, limit?, voice_format?, open_kfid?} → {next_cursor, has_more, msg_list}. */
function syncMsgRoute(ctx: KfContext): TokenRoute {
	return post('/cgi-bin/kf/sync_msg', (req, body) => {
		const corpId = req.caller.corpId;
		if (body.token !== undefined && (typeof body.token !== 'string' || !ctx.kf.tokenValid(corpId, body.token)))
			return weComError(req, KfErrcode.invalidMsgToken, 'invalid msg token');
		if (body.open_kfid !== undefined) {
			const account = findAccount(ctx, req, body.open_kfid);
			if (account instanceof Violation) return refuse(req, account);
		}
		const limit = body.limit === undefined ? MAX_SYNC_LIMIT : Number(body.limit);
		if (!Number.isInteger(limit) || limit < 1 || limit > MAX_SYNC_LIMIT) return refuse(req, invalidField('limit', `must be 1 to ${MAX_SYNC_LIMIT}`));
		const after = decodeCursor(body.cursor);
		if (after === undefined) return refuse(req, invalidField('cursor', 'unknown cursor'));
		const matching = ctx.kf.stream(corpId).filter((entry) => entry.seq > after && (body.open_kfid === undefined || entry.open_kfid === body.open_kfid));
		const page = matching.slice(0, limit);
		const last = page.length > 0 ? page[page.length - 1].seq : after;
		return weComOk({
			next_cursor: encodeCursor(last),
			has_more: matching.length > page.length ? 1 : 0,
			msg_list: page.map((entry) => ({ ...entry.message }) as JsonObject),
		});
	});
}

/** POST kf/send_msg {touser, open_kfid, msgid?, msgtype, <msgtype>: {...}} → {msgid}. */
function sendMsgRoute(ctx: KfContext): TokenRoute {
	return post('/cgi-bin/kf/send_msg', (req, body) => {
		const corpId = req.caller.corpId;
		const account = findAccount(ctx, req, body.open_kfid);
		if (account instanceof Violation) return refuse(req, account);
		if (typeof body.touser !== 'string' || body.touser === '') return refuse(req, invalidField('touser', 'missing'));
		if (body.msgid !== undefined && (typeof body.msgid !== 'string' || !MSGID.test(body.msgid))) return refuse(req, invalidField('msgid', 'at most 32 of [0-9a-zA-Z_-]'));
		const msgtype = body.msgtype;
		if (typeof msgtype !== 'string' || !KF_MSGTYPES.includes(msgtype)) return weComError(req, WeComErrcode.invalidMessageType, 'invalid message type');
		const problem = checkKfPayload(msgtype, body[msgtype], (mediaId, type) => ctx.media.find(mediaId, corpScope(corpId))?.type === type);
		if (problem) return refuse(req, problem);
		const session = ctx.kf.session(corpId, account.open_kfid, body.touser);
		if (session.state !== 0 && session.state !== 1) return weComError(req, KfErrcode.sessionStateMismatch, 'service state not match');
		if (session.lastCustomerAt === undefined || ctx.clock.now() - session.lastCustomerAt > REPLY_WINDOW_MS)
			return weComError(req, KfErrcode.sendTimeLimit, 'send msg time limit');
		if (session.sentSinceCustomer >= REPLIES_PER_CUSTOMER_MESSAGE) return weComError(req, KfErrcode.sendCountLimit, 'send msg count limit');
		session.sentSinceCustomer++;
		ctx.kf.recordSent(corpId, body);
		return weComOk({ msgid: typeof body.msgid === 'string' ? body.msgid : `kfmsg${ctx.clock.now()}${session.sentSinceCustomer}` });
	});
}

/** POST kf/send_msg_on_event {code, msgid?, msgtype: text|msgmenu, ...}: the code is usable once. */
function sendOnEventRoute(ctx: KfContext): TokenRoute {
	return post('/cgi-bin/kf/send_msg_on_event', (req, body) => {
		const msgtype = body.msgtype;
		if (msgtype !== 'text' && msgtype !== 'msgmenu') return weComError(req, WeComErrcode.invalidMessageType, 'invalid message type');
		const problem = checkKfPayload(msgtype, body[msgtype], () => false);
		if (problem) return refuse(req, problem);
		// Nobody documents the errcode of an unknown or used code; the parameter error names the field.
		if (ctx.kf.takeCode(req.caller.corpId, body.code) === undefined) return refuse(req, invalidField('code', 'invalid, used or expired'));
		ctx.kf.recordSent(req.caller.corpId, body);
		return weComOk({ msgid: typeof body.msgid === 'string' ? body.msgid : `kfevt${ctx.clock.now()}` });
	});
}

/** POST kf/service_state/get {open_kfid, external_userid} → {service_state, servicer_userid}. */
function stateGetRoute(ctx: KfContext): TokenRoute {
	return post('/cgi-bin/kf/service_state/get', (req, body) => {
		const account = findAccount(ctx, req, body.open_kfid);
		if (account instanceof Violation) return refuse(req, account);
		if (typeof body.external_userid !== 'string' || body.external_userid === '') return refuse(req, invalidField('external_userid', 'missing'));
		const session = ctx.kf.session(req.caller.corpId, account.open_kfid, body.external_userid);
		return weComOk({ service_state: session.state, ...(session.servicer ? { servicer_userid: session.servicer } : {}) });
	});
}

/** Which states a session may go to from each state (转接规则 of service_state/trans). */
const TRANSITIONS: Record<ServiceState, readonly ServiceState[]> = {
	0: [1, 2, 3, 4],
	1: [2, 3, 4],
	2: [3, 4],
	3: [3, 4],
	4: [],
};

/** POST kf/service_state/trans {open_kfid, external_userid, service_state, servicer_userid?} → {msg_code?}. */
function stateTransRoute(ctx: KfContext): TokenRoute {
	return post('/cgi-bin/kf/service_state/trans', (req, body) => {
		const account = findAccount(ctx, req, body.open_kfid);
		if (account instanceof Violation) return refuse(req, account);
		if (typeof body.external_userid !== 'string' || body.external_userid === '') return refuse(req, invalidField('external_userid', 'missing'));
		const target = body.service_state;
		if (target !== 1 && target !== 2 && target !== 3 && target !== 4) return refuse(req, invalidField('service_state', 'must be 1, 2, 3 or 4'));
		if (target === 3 && (typeof body.servicer_userid !== 'string' || !account.servicers.includes(body.servicer_userid)))
			return refuse(req, invalidField('servicer_userid', 'not a servicer of this account'));
		const session = ctx.kf.session(req.caller.corpId, account.open_kfid, body.external_userid);
		if (!TRANSITIONS[session.state].includes(target)) return weComError(req, KfErrcode.stateTransitionNotAllowed, 'state transition not allowed');
		session.state = target;
		session.servicer = target === 3 ? (body.servicer_userid as string) : undefined;
		// A reply or closing code comes with the first change to 2 or 3, and with 4.
		const msgCode =
			target === 1 ? undefined : ctx.kf.issueCode(req.caller.corpId, account.open_kfid, body.external_userid, target === 4 ? SHORT_CODE_TTL_MS : LONG_CODE_TTL_MS);
		return weComOk(msgCode ? { msg_code: msgCode } : {});
	});
}

/** POST kf/account/list {offset, limit (1..100)} → {account_list}. */
function accountListRoute(ctx: KfContext): TokenRoute {
	return post('/cgi-bin/kf/account/list', (req, body) => {
		const offset = body.offset === undefined ? 0 : Number(body.offset);
		const limit = body.limit === undefined ? MAX_ACCOUNT_PAGE : Number(body.limit);
		if (!Number.isInteger(offset) || offset < 0) return refuse(req, invalidField('offset', 'must be 0 or more'));
		if (!Number.isInteger(limit) || limit < 1 || limit > MAX_ACCOUNT_PAGE) return refuse(req, invalidField('limit', `must be 1 to ${MAX_ACCOUNT_PAGE}`));
		const page = ctx.kf.accounts(req.caller.corpId).slice(offset, offset + limit);
		return weComOk({
			account_list: page.map((account) => ({
				open_kfid: account.open_kfid,
				name: account.name,
				avatar: `https://wework.qpic.cn/wwhead/${account.open_kfid}/0`,
				manage_privilege: true,
			})),
		});
	});
}

/** POST kf/add_contact_way {open_kfid, scene?} → {url}. */
function contactWayRoute(ctx: KfContext): TokenRoute {
	return post('/cgi-bin/kf/add_contact_way', (req, body) => {
		const account = findAccount(ctx, req, body.open_kfid);
		if (account instanceof Violation) return refuse(req, account);
		if (body.scene !== undefined && (typeof body.scene !== 'string' || !/^[0-9A-Za-z_-]{0,32}$/.test(body.scene)))
			return refuse(req, invalidField('scene', 'at most 32 of [0-9a-zA-Z_-]'));
		const scene = typeof body.scene === 'string' && body.scene !== '' ? `?enc_scene=ENC${Buffer.from(body.scene).toString('base64url')}` : '';
		return weComOk({ url: `https://work.weixin.qq.com/kf/${account.open_kfid}${scene}` });
	});
}

export function kfRoutes(ctx: KfContext): TokenRoute[] {
	return [syncMsgRoute(ctx), sendMsgRoute(ctx), sendOnEventRoute(ctx), stateGetRoute(ctx), stateTransRoute(ctx), accountListRoute(ctx), contactWayRoute(ctx), ...kfAdminRoutes(ctx)];
}
