import { createHash, randomBytes } from 'node:crypto';
import { isRecord, isStringArray, stableStringify, utf8Length, type JsonObject } from '../core/json';
import type { ApiReply, TokenRequest, TokenRoute } from '../core/router';
import type { OaAccount } from './accounts';
import { oaRoute, requireVerified, type OaContext } from './context';
import { badField, OaErrcode, oaError, oaMessage, oaOk, OaViolation, refuse, violation } from './errors';
import { massContent, type MassContent } from './mass-content';
import { MASS_MESSAGES_PER_USER_PER_MONTH, type OaMassArticle, type OaMassJob } from './mass-jobs';

/** "clientmsgid 开发者侧群发msgid，长度限制64字节". */
const CLIENTMSGID_MAX_BYTES = 64;
/** "群发时，微信后台将对 24 小时内的群发记录进行检查，如果该 clientmsgid 已经存在一条群发记录，则会拒绝本次群发请求". */
const CLIENTMSGID_WINDOW_MS = 24 * 3600 * 1000;
/** 45066 "相同 clientmsgid 重试速度过快，请间隔1分钟重试". */
const CLIENTMSGID_RETRY_MS = 60 * 1000;
/** "群发接口每分钟限制请求60次". */
const CALLS_PER_MINUTE = 60;
/** Service accounts: "开发者使用高级群发接口的每日调用限制为100次". */
const SERVICE_CALLS_PER_DAY = 100;
/** Service accounts: is_to_all (into the history list) at most 4 times a month. */
const SERVICE_TO_ALL_PER_MONTH = 4;
/** Verified subscription accounts: "群发接口每天可成功调用1次". */
const SUBSCRIPTION_SENDS_PER_DAY = 1;
/** mass/send: "OpenID最少2个，最多10000个". */
const MAX_OPENIDS = 10_000;

type Target = { isToAll: boolean; tagId?: number; recipients: string[] } | { touser: string[]; recipients: string[] };

/** POST /cgi-bin/message/mass/sendall and /cgi-bin/message/mass/send (reference F1, F2). */
export function massSendRoutes(ctx: OaContext): Array<TokenRoute<'oa'>> {
	return [
		oaRoute(ctx, 'POST', '/cgi-bin/message/mass/sendall', (req, account) => submit(ctx, req, account, 'sendall')),
		oaRoute(ctx, 'POST', '/cgi-bin/message/mass/send', (req, account) => submit(ctx, req, account, 'send')),
	];
}

/**
 * Checks in order: body, permission, target, content, clientmsgid (length, then the 24-h duplicate check),
 * the quotas; then submits a job (SENDING until the mass job delay has passed) and answers "send job
 * submission success". The job reaches the account's followers in the target who have not yet received 4
 * mass messages this month; the rest are filtered out (FilterCount).
 */
function submit(ctx: OaContext, req: TokenRequest<'oa'>, account: OaAccount, api: OaMassJob['api']): ApiReply {
	const body = req.json;
	if (!isRecord(body)) return refuse(violation(OaErrcode.dataFormatError));
	const denied = requireVerified(account);
	if (denied !== undefined) return refuse(denied);
	const target = api === 'sendall' ? tagTarget(account, body.filter) : listTarget(account, body.touser);
	if (target instanceof OaViolation) return refuse(target);
	const content = massContent(ctx, account, body);
	if (content instanceof OaViolation) return refuse(content);
	if (body.clientmsgid !== undefined && typeof body.clientmsgid !== 'string') return refuse(badField('clientmsgid', 'must be a string'));
	if (typeof body.clientmsgid === 'string' && utf8Length(body.clientmsgid) > CLIENTMSGID_MAX_BYTES) return refuse(violation(OaErrcode.clientMsgIdTooLong));
	// "如不填，则后台默认以群发范围和群发内容的摘要值做为clientmsgid": identical sends are duplicates too.
	const clientmsgid = typeof body.clientmsgid === 'string' ? body.clientmsgid : digest(api, target, content);
	const now = ctx.clock.now();
	const earlier = ctx.mass.findByClientMsgId(account.appId, clientmsgid, now - CLIENTMSGID_WINDOW_MS);
	if (earlier !== undefined) {
		if (now - earlier.submittedAt < CLIENTMSGID_RETRY_MS) return refuse(violation(OaErrcode.clientMsgIdTooFast));
		// The answer carries the existing job's msg_id (wechatpy: "返回数据中带有已存在的群发任务的 msgid").
		const reply = oaError(OaErrcode.clientMsgIdExists, oaMessage(OaErrcode.clientMsgIdExists) ?? 'clientmsgid exist');
		return { ...reply, body: { ...reply.body, msg_id: earlier.msgId } };
	}
	const overQuota = quotaViolation(ctx, account, target, now);
	if (overQuota !== undefined) return refuse(overQuota);
	return start(ctx, account, { api, body, target, content, clientmsgid, clientmsgidGiven: typeof body.clientmsgid === 'string', now });
}

/** A mass call that passed every check. */
interface Submission {
	api: OaMassJob['api'];
	body: Record<string, unknown>;
	target: Target;
	content: MassContent;
	clientmsgid: string;
	clientmsgidGiven: boolean;
	now: number;
}

function tagTarget(account: OaAccount, filter: unknown): Target | OaViolation {
	if (!isRecord(filter)) return badField('filter', 'is required');
	if (filter.is_to_all !== undefined && typeof filter.is_to_all !== 'boolean') return badField('filter.is_to_all', 'must be a boolean');
	if (filter.is_to_all === true) return { isToAll: true, recipients: [...account.followers] };
	if (!Number.isInteger(filter.tag_id)) return badField('filter.tag_id', 'is required when is_to_all is false');
	const tag = account.tags.find((candidate) => candidate.id === filter.tag_id);
	if (tag === undefined) return violation(OaErrcode.invalidTag);
	return { isToAll: false, tagId: tag.id, recipients: tag.openids.filter((openid) => account.followers.includes(openid)) };
}

function listTarget(account: OaAccount, touser: unknown): Target | OaViolation {
	if (!isStringArray(touser)) return badField('touser', 'must be an array of openids');
	if (touser.length < 2) return violation(OaErrcode.openidListTooShort);
	if (touser.length > MAX_OPENIDS) return violation(OaErrcode.invalidOpenidListSize);
	return { touser: [...touser], recipients: [...new Set(touser)].filter((openid) => account.followers.includes(openid)) };
}

function digest(api: string, target: Target, content: MassContent): string {
	const scope = 'touser' in target ? { touser: target.touser } : { isToAll: target.isToAll, tagId: target.tagId };
	return `digest:${createHash('sha256').update(stableStringify({ api, scope, msgtype: content.msgtype, payload: content.payload })).digest('hex')}`;
}

function quotaViolation(ctx: OaContext, account: OaAccount, target: Target, now: number): OaViolation | undefined {
	const { calls } = ctx.mass;
	const key = account.appId;
	if (calls.perMinute.count(key, now) >= CALLS_PER_MINUTE) return violation(OaErrcode.minuteQuota);
	if (account.serviceAccount) {
		if (calls.perDay.count(key, now) >= SERVICE_CALLS_PER_DAY) return violation(OaErrcode.dailyQuota);
		if ('isToAll' in target && target.isToAll && calls.toAllPerMonth.count(key, now) >= SERVICE_TO_ALL_PER_MONTH) return violation(OaErrcode.noMassQuota);
	} else if (calls.submittedPerDay.count(key, now) >= SUBSCRIPTION_SENDS_PER_DAY) {
		return violation(OaErrcode.noMassQuota);
	}
	return undefined;
}

function start(ctx: OaContext, account: OaAccount, submission: Submission): ApiReply {
	const { api, body, target, content, clientmsgid, clientmsgidGiven, now } = submission;
	const eligible = target.recipients.filter((openid) => ctx.mass.receivedThisMonth(account.appId, openid) < MASS_MESSAGES_PER_USER_PER_MONTH);
	const msgId = ctx.ids.nextMassMsgId();
	const msgDataId = content.msgtype === 'mpnews' ? ctx.ids.nextMsgDataId() : undefined;
	const reply: JsonObject = { msg_id: msgId };
	if (msgDataId !== undefined) reply.msg_data_id = msgDataId;
	const job: OaMassJob = {
		appId: account.appId,
		msgId,
		api,
		msgtype: content.msgtype,
		body,
		clientmsgid,
		clientmsgidGiven,
		recipients: eligible,
		totalCount: 'touser' in target ? target.touser.length : target.recipients.length,
		filterCount: eligible.length,
		sentCount: eligible.length,
		errorCount: 0,
		status: 'SENDING',
		submittedAt: now,
		finishAt: now + ctx.settings.massJobDelaySeconds * 1000,
		articles: msgDataId === undefined ? [] : articleUrls(account.appId, msgDataId, content),
		reply: oaOk(reply, 'send job submission success').body,
	};
	if (msgDataId !== undefined) job.msgDataId = msgDataId;
	if ('touser' in target) job.touser = target.touser;
	else {
		job.isToAll = target.isToAll;
		if (target.tagId !== undefined) job.tagId = target.tagId;
	}
	const { calls } = ctx.mass;
	calls.perMinute.add(account.appId, now);
	calls.perDay.add(account.appId, now);
	calls.submittedPerDay.add(account.appId, now);
	if (job.isToAll === true) calls.toAllPerMonth.add(account.appId, now);
	ctx.mass.submit(job);
	if (content.draft !== undefined) ctx.content.removeDraft(content.draft);
	return { kind: 'json', status: 200, body: job.reply };
}

/** The published articles' URLs, shaped like WeChat's (`__biz` is the base64 of a numeric account id). */
function articleUrls(appId: string, msgDataId: number, content: MassContent): OaMassArticle[] {
	const uin = createHash('sha256').update(appId).digest().readUInt32BE(0);
	const biz = Buffer.from(String(uin)).toString('base64');
	return content.articles.map((article, index) => ({
		idx: index + 1,
		title: article.title,
		url: `http://mp.weixin.qq.com/s?__biz=${biz}&mid=${msgDataId}&idx=${index + 1}&sn=${randomBytes(16).toString('hex')}#rd`,
		deleted: false,
	}));
}
