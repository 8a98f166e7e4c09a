import { randomBytes } from 'node:crypto';
import { isRecord, utf8Length } from '../core/json';
import type { ApiReply, PublicRoute, TokenRequest, TokenRoute } from '../core/router';
import type { OaAccount } from './accounts';
import type { OaContext } from './context';
import { limitedRoute } from './api-quota';
import { invalidArg, OaErrcode, oaBare, oaOk, refuse, violation } from './errors';
import { qrImage } from './qr-image';
import type { QrScanEvent } from './events';

/** One ticket of qrcode/create. */
export interface OaQrCode {
	ticket: string;
	actionName: string;
	sceneId?: number;
	sceneStr?: string;
	/** ms on the emulator clock; null for a permanent code. */
	expiresAt: number | null;
	url: string;
}

/** One key of shorten/gen. */
export interface OaShortKey {
	shortKey: string;
	longData: string;
	createdAt: number;
	expiresAt: number;
}

/** "最大不超过2592000（即30天），此字段如果不填，则默认有效期为60秒". */
const MAX_EXPIRE = 2_592_000;
const DEFAULT_EXPIRE = 60;
/** Permanent scene ids are 1..100000. */
const MAX_LIMIT_SCENE_ID = 100_000;
const BASE62 = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Tickets look like WeChat's: base64 with +, / and =, so a client that does not URL-encode them fails. */
function ticket(): string {
	return `gQ${randomBytes(60).toString('base64')}`;
}

function scene(actionName: string, value: Record<string, unknown>): Pick<OaQrCode, 'sceneId' | 'sceneStr'> | string {
	if (actionName.endsWith('STR_SCENE')) {
		const sceneStr = value.scene_str;
		if (typeof sceneStr !== 'string' || sceneStr.length < 1 || sceneStr.length > 64)
			return 'action_info.scene.scene_str must be 1 to 64 characters';
		return { sceneStr };
	}
	const sceneId = value.scene_id;
	const max = actionName === 'QR_LIMIT_SCENE' ? MAX_LIMIT_SCENE_ID : 0xffffffff;
	if (!Number.isInteger(sceneId) || (sceneId as number) < 1 || (sceneId as number) > max)
		return `action_info.scene.scene_id must be an integer from 1 to ${max}`;
	return { sceneId: sceneId as number };
}

/** qrcode/create (生成带参数的二维码), the public showqrcode download, and shorten/gen|fetch (短key托管). */
export function qrRoutes(ctx: OaContext): { api: Array<TokenRoute<'oa'>>; show: PublicRoute } {
	const json = (req: TokenRequest<'oa'>): Record<string, unknown> => (isRecord(req.json) ? req.json : {});
	const create = (req: TokenRequest<'oa'>, account: OaAccount): ApiReply => {
		const body = json(req);
		const actionName = body.action_name;
		if (
			actionName !== 'QR_SCENE' &&
			actionName !== 'QR_STR_SCENE' &&
			actionName !== 'QR_LIMIT_SCENE' &&
			actionName !== 'QR_LIMIT_STR_SCENE'
		)
			return refuse(invalidArg('action_name', 'must be QR_SCENE, QR_STR_SCENE, QR_LIMIT_SCENE or QR_LIMIT_STR_SCENE'));
		const info = isRecord(body.action_info) && isRecord(body.action_info.scene) ? body.action_info.scene : {};
		const found = scene(actionName, info);
		if (typeof found === 'string') return refuse(invalidArg('action_info', found));
		const permanent = actionName.startsWith('QR_LIMIT');
		let expire = DEFAULT_EXPIRE;
		if (!permanent && body.expire_seconds !== undefined) {
			if (!Number.isInteger(body.expire_seconds) || (body.expire_seconds as number) < 1)
				return refuse(invalidArg('expire_seconds', 'must be a positive integer'));
			expire = Math.min(body.expire_seconds as number, MAX_EXPIRE);
		}
		const code: OaQrCode = {
			ticket: ticket(),
			actionName,
			...found,
			expiresAt: permanent ? null : ctx.clock.now() + expire * 1000,
			url: `http://weixin.qq.com/q/${randomBytes(16).toString('base64url')}`,
		};
		account.qrCodes.push(code);
		return oaBare(
			permanent
				? { ticket: code.ticket, url: code.url }
				: { ticket: code.ticket, expire_seconds: expire, url: code.url },
		);
	};
	const gen = (req: TokenRequest<'oa'>, account: OaAccount): ApiReply => {
		const { long_data: longData, expire_seconds: expire = MAX_EXPIRE } = json(req);
		if (typeof longData !== 'string' || longData === '')
			return refuse(violation(OaErrcode.argumentInvalid, 'long_data'));
		if (utf8Length(longData) > 4096) return refuse(violation(OaErrcode.longDataTooLong));
		if (!Number.isInteger(expire) || (expire as number) < 1 || (expire as number) > MAX_EXPIRE)
			return refuse(violation(OaErrcode.shortExpireTooLong));
		const shortKey = Array.from(randomBytes(15), (byte) => BASE62[byte % 62]).join('');
		const now = ctx.clock.now();
		account.shortKeys.push({ shortKey, longData, createdAt: now, expiresAt: now + (expire as number) * 1000 });
		return oaOk({ short_key: shortKey });
	};
	const fetch = (req: TokenRequest<'oa'>, account: OaAccount): ApiReply => {
		const now = ctx.clock.now();
		const key = account.shortKeys.find((entry) => entry.shortKey === json(req).short_key && entry.expiresAt > now);
		if (key === undefined) return refuse(violation(OaErrcode.noSuchShortKey));
		return oaOk({
			long_data: key.longData,
			create_time: Math.floor(key.createdAt / 1000),
			expire_seconds: Math.floor((key.expiresAt - now) / 1000),
		});
	};
	return {
		api: [
			limitedRoute(ctx, 'POST', '/cgi-bin/qrcode/create', create),
			limitedRoute(ctx, 'POST', '/cgi-bin/shorten/gen', gen),
			limitedRoute(ctx, 'POST', '/cgi-bin/shorten/fetch', fetch),
		],
		// mp.weixin.qq.com/cgi-bin/showqrcode?ticket=: no access token, the ticket is the credential.
		show: {
			method: 'GET',
			path: '/cgi-bin/showqrcode',
			platform: ctx.platform,
			auth: 'none',
			handle(req) {
				const now = ctx.clock.now();
				const code = ctx.accounts
					.all()
					.flatMap((account) => account.qrCodes)
					.find((entry) => entry.ticket === req.query.ticket && (entry.expiresAt === null || entry.expiresAt > now));
				if (code === undefined)
					return {
						kind: 'binary',
						status: 404,
						contentType: 'text/html; charset=utf-8',
						headers: {},
						body: Buffer.from('<html><body>ticket not found</body></html>'),
					};
				return { kind: 'binary', status: 200, contentType: 'image/png', headers: {}, body: qrImage(code.ticket) };
			},
		},
	};
}

/**
 * A WeChat user scans a live code of the account: someone new follows through it (added to the followers, event
 * `subscribe` with `qrscene_<scene>`), a follower gets `SCAN` with the bare scene. The event is recorded, so a
 * configured callback target receives it. Throws for an unknown or expired ticket, or another account's user.
 */
export function scanQrCode(ctx: OaContext, appId: string, ticket: string, openid: string): QrScanEvent {
	const account = ctx.accounts.get(appId);
	if (account === undefined) throw new Error(`no OA account ${appId}`);
	const now = ctx.clock.now();
	const code = account.qrCodes.find((entry) => entry.ticket === ticket && (entry.expiresAt === null || entry.expiresAt > now));
	if (code === undefined) throw new Error('no live QR code of this account has that ticket');
	if (ctx.accounts.belongsElsewhere(appId, openid)) throw new Error(`${openid} is another account's openid`);
	const scene = code.sceneStr ?? String(code.sceneId);
	const follows = account.followers.includes(openid);
	if (!follows) account.followers.push(openid);
	const event: QrScanEvent = {
		ToUserName: account.ghId,
		FromUserName: openid,
		CreateTime: Math.floor(now / 1000),
		MsgType: 'event',
		Event: follows ? 'SCAN' : 'subscribe',
		EventKey: follows ? scene : `qrscene_${scene}`,
		Ticket: ticket,
	};
	ctx.events.record(appId, event);
	return event;
}
