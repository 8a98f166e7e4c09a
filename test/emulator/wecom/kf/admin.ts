/**
 * Account and servicer administration of WeChat Customer Service: kf/account/add|update|del (path/94662, 94664,
 * 94663) with the avatar as an uploaded image, and kf/servicer/add|del|list (path/94646, 94647, 94645) with a
 * result per member or department.
 */
import type { TokenRequest, TokenRoute } from '../../core/router';
import { corpScope, type WeComContext } from '../context';
import { WeComErrcode, weComOk, weComPlatform } from '../errors';
import { invalidField, refuse, Violation } from '../violation';
import { KfErrcode } from './errors';
import { findAccount, post, type KfContext } from './common';

/** "不多于16个字符". */
const MAX_NAME_CHARS = 16;
/** userid_list and department_id_list: at most 100 each per call. */
const MAX_SERVICERS_PER_CALL = 100;

function nameProblem(name: unknown): Violation | undefined {
	if (typeof name !== 'string' || name.trim() === '' || [...name].length > MAX_NAME_CHARS)
		return new Violation(KfErrcode.invalidAccountName, 'invalid kf account name');
	return undefined;
}

function avatarProblem(ctx: WeComContext, req: TokenRequest, mediaId: unknown): Violation | undefined {
	if (typeof mediaId !== 'string' || ctx.media.find(mediaId, corpScope(req.caller.corpId))?.type !== 'image')
		return new Violation(WeComErrcode.invalidMediaId, 'invalid media_id');
	return undefined;
}

function accountAddRoute(ctx: KfContext): TokenRoute {
	return post('/cgi-bin/kf/account/add', (req, body) => {
		const problem = nameProblem(body.name) ?? avatarProblem(ctx, req, body.media_id);
		if (problem) return refuse(req, problem);
		const account = ctx.kf.addAccount(req.caller.corpId, { name: body.name as string, media_id: body.media_id as string });
		return weComOk({ open_kfid: account.open_kfid });
	});
}

function accountUpdateRoute(ctx: KfContext): TokenRoute {
	return post('/cgi-bin/kf/account/update', (req, body) => {
		const account = findAccount(ctx, req, body.open_kfid);
		if (account instanceof Violation) return refuse(req, account);
		const problem =
			(body.name !== undefined ? nameProblem(body.name) : undefined) ??
			(body.media_id !== undefined ? avatarProblem(ctx, req, body.media_id) : undefined);
		if (problem) return refuse(req, problem);
		if (typeof body.name === 'string') account.name = body.name;
		if (typeof body.media_id === 'string') account.media_id = body.media_id;
		return weComOk();
	});
}

function accountDeleteRoute(ctx: KfContext): TokenRoute {
	return post('/cgi-bin/kf/account/del', (req, body) => {
		const account = findAccount(ctx, req, body.open_kfid);
		if (account instanceof Violation) return refuse(req, account);
		ctx.kf.deleteAccount(req.caller.corpId, account.open_kfid);
		return weComOk();
	});
}

function servicerChangeRoute(ctx: KfContext, action: 'add' | 'del'): TokenRoute {
	return post(`/cgi-bin/kf/servicer/${action}`, (req, body) => {
		const account = findAccount(ctx, req, body.open_kfid);
		if (account instanceof Violation) return refuse(req, account);
		const users = Array.isArray(body.userid_list) ? body.userid_list : [];
		const departments = Array.isArray(body.department_id_list) ? body.department_id_list : [];
		if (users.length === 0 && departments.length === 0) return refuse(req, invalidField('userid_list', 'empty'));
		if (users.length > MAX_SERVICERS_PER_CALL) return refuse(req, invalidField('userid_list', `more than ${MAX_SERVICERS_PER_CALL}`));
		if (departments.length > MAX_SERVICERS_PER_CALL) return refuse(req, invalidField('department_id_list', `more than ${MAX_SERVICERS_PER_CALL}`));
		const members = ctx.apps.find(req.caller.corpId, req.caller.agentId)?.users ?? [];
		const result_list = [
			...users.map((userid) => {
				if (typeof userid !== 'string' || !members.includes(userid)) return { userid: String(userid), errcode: 60111, errmsg: 'invalid userid' };
				// Adding a servicer twice, or removing someone who is not one, is "ignored" with errcode 0 (path/94647).
				const already = account.servicers.includes(userid);
				if (action === 'add' ? already : !already) return { userid, errcode: 0, errmsg: 'ignored' };
				if (action === 'add') account.servicers.push(userid);
				else account.servicers.splice(account.servicers.indexOf(userid), 1);
				return { userid, errcode: 0, errmsg: 'success' };
			}),
			...departments.map((id) => ({ department_id: Number(id), errcode: 0, errmsg: 'success' })),
		];
		return weComOk({ result_list });
	});
}

function servicerListRoute(ctx: KfContext): TokenRoute {
	return {
		method: 'GET',
		path: '/cgi-bin/kf/servicer/list',
		platform: weComPlatform,
		auth: 'token',
		handle(req) {
			const account = findAccount(ctx, req, req.query.open_kfid);
			if (account instanceof Violation) return refuse(req, account);
			return weComOk({ servicer_list: account.servicers.map((userid) => ({ userid, status: 0 })) });
		},
	};
}

export function kfAdminRoutes(ctx: KfContext): TokenRoute[] {
	return [
		accountAddRoute(ctx),
		accountUpdateRoute(ctx),
		accountDeleteRoute(ctx),
		servicerChangeRoute(ctx, 'add'),
		servicerChangeRoute(ctx, 'del'),
		servicerListRoute(ctx),
	];
}
