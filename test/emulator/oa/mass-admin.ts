import { isRecord } from '../core/json';
import type { ApiReply, TokenRequest, TokenRoute } from '../core/router';
import type { OaAccount } from './accounts';
import { followerViolation, oaRoute, requireVerified, type OaContext } from './context';
import { badField, invalidArg, OaErrcode, oaBare, oaOk, OaViolation, refuse, violation } from './errors';
import { massContent } from './mass-content';
import type { OaMassJob } from './mass-jobs';
import { own } from './lookup';

/** speed level -> realspeed (万/分钟): "0 = 80w/min, 1 = 60w, 2 = 45w, 3 = 30w, 4 = 10w" (WxJava). */
const REAL_SPEED = [80, 60, 45, 30, 10] as const;

/** A msg_id as sent: a number, or a string of digits (ids above 2^53 must travel as strings). */
function numericId(value: unknown): number | undefined {
	if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
	return typeof value === 'string' && /^\d{1,15}$/.test(value) ? Number(value) : undefined;
}

/** preview, get, delete and speed (reference F3-F7). */
export function massAdminRoutes(ctx: OaContext): Array<TokenRoute<'oa'>> {
	return [
		oaRoute(ctx, 'POST', '/cgi-bin/message/mass/preview', (req, account) => preview(ctx, req, account)),
		oaRoute(ctx, 'POST', '/cgi-bin/message/mass/get', (req, account) => {
			const body = isRecord(req.json) ? req.json : {};
			const msgId = numericId(body.msg_id);
			if (msgId === undefined) return refuse(badField('msg_id', 'is required'));
			const job = ctx.mass.find(account.appId, msgId);
			if (job === undefined) return refuse(invalidArg('msg_id', 'names no mass job of this account'));
			// No errcode on success, like WeChat (wechatpy fixture message_mass_get.json).
			return oaBare({ msg_id: job.msgId, msg_status: job.status });
		}),
		oaRoute(ctx, 'POST', '/cgi-bin/message/mass/delete', (req, account) => remove(ctx, req.json, account)),
		oaRoute(ctx, 'POST', '/cgi-bin/message/mass/speed/get', (_req, account) => oaBare({ speed: account.massSpeed, realspeed: REAL_SPEED[account.massSpeed] })),
		oaRoute(ctx, 'POST', '/cgi-bin/message/mass/speed/set', (req, account) => {
			const speed = isRecord(req.json) ? req.json.speed : undefined;
			if (typeof speed !== 'number' || !Number.isInteger(speed) || speed < 0 || speed > 4) return refuse(invalidArg('speed', 'must be 0 to 4'));
			account.massSpeed = speed;
			return oaOk();
		}),
	];
}

/**
 * mass/preview: `towxname` (a WeChat ID, 40132 when unknown) wins over `touser` (a follower, else 43004).
 * Recorded with a msg_id; a preview runs no job and pushes no event. An image preview is one image,
 * `image.media_id` (预览接口 doc); the send APIs' `images.media_ids` is not read here, so it is 41006.
 */
function preview(ctx: OaContext, req: TokenRequest<'oa'>, account: OaAccount): ApiReply {
	const body = req.json;
	if (!isRecord(body)) return refuse(violation(OaErrcode.dataFormatError));
	const denied = requireVerified(account);
	if (denied !== undefined) return refuse(denied);
	let touser: string;
	if (body.towxname !== undefined) {
		const openid = typeof body.towxname === 'string' ? own(account.wxnames, body.towxname) : undefined;
		if (openid === undefined) return refuse(violation(OaErrcode.invalidWxname));
		touser = openid;
	} else {
		const problem = followerViolation(ctx, account, body.touser, OaErrcode.requireSubscribe);
		if (problem !== undefined) return refuse(problem);
		touser = String(body.touser);
	}
	const read = { ...body };
	if (read.msgtype === 'image') delete read.images;
	const content = massContent(ctx, account, read);
	if (content instanceof OaViolation) return refuse(content);
	const msgId = ctx.ids.nextMassMsgId();
	ctx.mass.previews.push({
		appId: account.appId,
		msgId,
		touser,
		...(typeof body.towxname === 'string' ? { towxname: body.towxname } : {}),
		msgtype: content.msgtype,
		body,
		sentAt: ctx.clock.now(),
	});
	return oaOk({ msg_id: msgId }, 'preview success');
}

/**
 * mass/delete {msg_id | url, article_idx?}: only mpnews and mpvideo can be deleted; article_idx 0 or absent
 * deletes the whole message (status DELETE), 1..n one article (40060 outside that range). Deleting only
 * disables the article pages: messages already delivered stay in the chats. An unknown msg_id, or a whole
 * message deleted again, is 40059 "invalid msg id", which is what a replayed delete gets.
 */
function remove(ctx: OaContext, body: unknown, account: OaAccount): ApiReply {
	const fields = isRecord(body) ? body : {};
	let job: OaMassJob | undefined;
	if (fields.msg_id !== undefined) {
		const msgId = numericId(fields.msg_id);
		job = msgId === undefined ? undefined : ctx.mass.find(account.appId, msgId);
	} else if (typeof fields.url === 'string') {
		job = ctx.mass.findByArticleUrl(account.appId, fields.url);
	} else {
		return refuse(badField('msg_id', 'or url is required'));
	}
	const index = fields.article_idx ?? 0;
	if (job === undefined || (job.status === 'DELETE' && index === 0)) return refuse(violation(OaErrcode.invalidMsgId));
	if (job.msgtype !== 'mpnews' && job.msgtype !== 'mpvideo') return refuse(invalidArg('msg_id', 'only mpnews and mpvideo messages can be deleted'));
	const now = ctx.clock.now();
	if (index === 0) {
		for (const article of job.articles) article.deleted = true;
	} else {
		const article = job.articles.find((candidate) => candidate.idx === index);
		if (article === undefined) return refuse(violation(OaErrcode.invalidArticleIdx));
		article.deleted = true;
		if (!job.articles.every((candidate) => candidate.deleted)) return oaOk();
	}
	job.status = 'DELETE';
	job.deletedAt = now;
	return oaOk();
}
