/**
 * Customer-service accounts and sessions (客服账号管理, 会话控制): up to 100 accounts named prefix@wechatid, a
 * WeChat user bound to each (in the console, here by a control call), sessions that need the account bound
 * and online, and the queue of followers waiting. Only verified accounts may call these (48001 otherwise);
 * an account that has not switched to the new customer service gets 65400 (a control call turns it off).
 */
import { charLength, isRecord, nonEmptyString } from '../core/json';
import type { ApiReply, TokenRequest, TokenRoute } from '../core/router';
import type { OaAccount } from './accounts';
import { oaRoute, requireVerified, type OaContext } from './context';
import { OaErrcode, oaBare, oaOk, refuse, violation } from './errors';

/** "每个账号最多添加100个客服账号". */
export const MAX_KF_ACCOUNTS = 100;
/** WeChat returns at most 100 waiting followers per call. */
const MAX_WAITING_LISTED = 100;
const KF_ACCOUNT = /^[A-Za-z0-9_]{1,10}@[^@\s]{1,30}$/;

export interface OaKfWorker {
	appId: string;
	kfAccount: string;
	nickname: string;
	kfId: number;
	/** A WeChat user is bound to the account (65402 for sessions otherwise). */
	bound: boolean;
	online: boolean;
}

export interface OaKfSession {
	appId: string;
	kfAccount: string;
	openid: string;
	createtime: number;
}

export interface OaKfWaiting {
	appId: string;
	openid: string;
	latestTime: number;
}

export class OaCustomService {
	workers: OaKfWorker[] = [];
	sessions: OaKfSession[] = [];
	waiting: OaKfWaiting[] = [];
	/** Accounts that have not enabled the new customer service. */
	disabled = new Set<string>();
	private nextId = 1001;

	newId(): number {
		return this.nextId++;
	}

	worker(appId: string, kfAccount: unknown): OaKfWorker | undefined {
		return this.workers.find((worker) => worker.appId === appId && worker.kfAccount === kfAccount);
	}

	reset(): void {
		this.workers = [];
		this.sessions = [];
		this.waiting = [];
		this.disabled.clear();
		this.nextId = 1001;
	}
}

type Handler = (req: TokenRequest<'oa'>, account: OaAccount) => ApiReply;

function kfRoute(
	ctx: OaContext,
	kf: OaCustomService,
	method: 'GET' | 'POST',
	path: string,
	handle: Handler,
): TokenRoute<'oa'> {
	return oaRoute(ctx, method, path, (req, account) => {
		const problem =
			requireVerified(account) ??
			(kf.disabled.has(account.appId) ? violation(OaErrcode.customServiceUnavailable) : undefined);
		if (problem !== undefined) return refuse(problem);
		if (method === 'POST' && !isRecord(req.json)) return refuse(violation(OaErrcode.dataFormatError));
		return handle(req, account);
	});
}

function body(req: TokenRequest<'oa'>): Record<string, unknown> {
	return isRecord(req.json) ? req.json : {};
}

function nicknameProblem(nickname: unknown): ApiReply | undefined {
	return nonEmptyString(nickname) && charLength(nickname) <= 16
		? undefined
		: refuse(violation(OaErrcode.invalidKfNickname));
}

function follows(account: OaAccount, openid: unknown): openid is string {
	return nonEmptyString(openid) && account.followers.includes(openid);
}

export function kfRoutes(ctx: OaContext, kf: OaCustomService): Array<TokenRoute<'oa'>> {
	const now = (): number => ctx.clock.nowSeconds();
	return [
		kfRoute(ctx, kf, 'GET', '/cgi-bin/customservice/getkflist', (_req, account) =>
			oaBare({
				kf_list: kf.workers
					.filter((worker) => worker.appId === account.appId)
					.map((worker) => ({
						kf_account: worker.kfAccount,
						kf_nick: worker.nickname,
						kf_id: worker.kfId,
						kf_headimgurl: '',
					})),
			}),
		),
		kfRoute(ctx, kf, 'GET', '/cgi-bin/customservice/getonlinekflist', (_req, account) =>
			oaBare({
				kf_online_list: kf.workers
					.filter((worker) => worker.appId === account.appId && worker.online)
					.map((worker) => ({
						kf_account: worker.kfAccount,
						status: 1,
						kf_id: worker.kfId,
						accepted_case: kf.sessions.filter(
							(session) => session.appId === account.appId && session.kfAccount === worker.kfAccount,
						).length,
					})),
			}),
		),
		kfRoute(ctx, kf, 'POST', '/customservice/kfaccount/add', (req, account) => {
			const { kf_account: kfAccount, nickname } = body(req);
			if (!nonEmptyString(kfAccount) || !KF_ACCOUNT.test(kfAccount))
				return refuse(violation(OaErrcode.invalidKfAccountName));
			const badNickname = nicknameProblem(nickname);
			if (badNickname !== undefined) return badNickname;
			if (kf.worker(account.appId, kfAccount) !== undefined) return refuse(violation(OaErrcode.kfAccountExists));
			if (kf.workers.filter((worker) => worker.appId === account.appId).length >= MAX_KF_ACCOUNTS)
				return refuse(violation(OaErrcode.kfAccountLimit));
			kf.workers.push({
				appId: account.appId,
				kfAccount,
				nickname: String(nickname),
				kfId: kf.newId(),
				bound: false,
				online: false,
			});
			return oaOk();
		}),
		kfRoute(ctx, kf, 'POST', '/customservice/kfaccount/update', (req, account) => {
			const { kf_account: kfAccount, nickname } = body(req);
			const worker = kf.worker(account.appId, kfAccount);
			if (worker === undefined) return refuse(violation(OaErrcode.invalidKfAccount));
			const badNickname = nicknameProblem(nickname);
			if (badNickname !== undefined) return badNickname;
			worker.nickname = String(nickname);
			return oaOk();
		}),
		kfRoute(ctx, kf, 'POST', '/customservice/kfaccount/del', (req, account) => {
			const worker = kf.worker(account.appId, body(req).kf_account);
			if (worker === undefined) return refuse(violation(OaErrcode.invalidKfAccount));
			kf.workers = kf.workers.filter((other) => other !== worker);
			kf.sessions = kf.sessions.filter(
				(session) => !(session.appId === account.appId && session.kfAccount === worker.kfAccount),
			);
			return oaOk();
		}),
		kfRoute(ctx, kf, 'POST', '/customservice/kfsession/create', (req, account) => {
			const { kf_account: kfAccount, openid } = body(req);
			const worker = kf.worker(account.appId, kfAccount);
			if (worker === undefined) return refuse(violation(OaErrcode.invalidKfAccount));
			if (!worker.bound) return refuse(violation(OaErrcode.kfAccountNotBound));
			if (!worker.online) return refuse(violation(OaErrcode.kfNotOnline));
			if (!follows(account, openid)) return refuse(violation(OaErrcode.invalidOpenid));
			const current = kf.sessions.find((session) => session.appId === account.appId && session.openid === openid);
			// "如果该客服和用户会话已存在，则直接返回0".
			if (current !== undefined)
				return current.kfAccount === worker.kfAccount ? oaOk() : refuse(violation(OaErrcode.customerInOtherSession));
			kf.sessions.push({ appId: account.appId, kfAccount: worker.kfAccount, openid, createtime: now() });
			kf.waiting = kf.waiting.filter((entry) => !(entry.appId === account.appId && entry.openid === openid));
			return oaOk();
		}),
		kfRoute(ctx, kf, 'POST', '/customservice/kfsession/close', (req, account) => {
			const { kf_account: kfAccount, openid } = body(req);
			const worker = kf.worker(account.appId, kfAccount);
			if (worker === undefined) return refuse(violation(OaErrcode.invalidKfAccount));
			if (!follows(account, openid)) return refuse(violation(OaErrcode.invalidOpenid));
			const session = kf.sessions.find(
				(entry) => entry.appId === account.appId && entry.openid === openid && entry.kfAccount === worker.kfAccount,
			);
			if (session === undefined) return refuse(violation(OaErrcode.noKfSession));
			kf.sessions = kf.sessions.filter((entry) => entry !== session);
			return oaOk();
		}),
		kfRoute(ctx, kf, 'GET', '/customservice/kfsession/getsession', (req, account) => {
			const { openid } = req.query;
			if (!follows(account, openid)) return refuse(violation(OaErrcode.invalidOpenid));
			const session = kf.sessions.find((entry) => entry.appId === account.appId && entry.openid === openid);
			return oaBare({ createtime: session?.createtime ?? 0, kf_account: session?.kfAccount ?? '' });
		}),
		kfRoute(ctx, kf, 'GET', '/customservice/kfsession/getsessionlist', (req, account) => {
			const worker = kf.worker(account.appId, req.query.kf_account);
			if (worker === undefined) return refuse(violation(OaErrcode.invalidKfAccount));
			return oaBare({
				sessionlist: kf.sessions
					.filter((session) => session.appId === account.appId && session.kfAccount === worker.kfAccount)
					.map((session) => ({ createtime: session.createtime, openid: session.openid })),
			});
		}),
		kfRoute(ctx, kf, 'GET', '/customservice/kfsession/getwaitcase', (_req, account) => {
			const waiting = kf.waiting
				.filter((entry) => entry.appId === account.appId)
				.sort((a, b) => a.latestTime - b.latestTime);
			return oaBare({
				count: waiting.length,
				waitcaselist: waiting
					.slice(0, MAX_WAITING_LISTED)
					.map((entry) => ({ latest_time: entry.latestTime, openid: entry.openid })),
			});
		}),
	];
}
