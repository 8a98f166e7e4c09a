/**
 * /__emulator/wecom/kf/… for the e2e suite and `npm start` (the in-process tests call WeComKf directly):
 *   POST accounts          {corpId, name, open_kfid?, servicers?}                         → the account
 *   POST customer_message  {corpId, open_kfid, external_userid, text? | image? (base64)}  → {event}
 *   POST enter_session     {corpId, open_kfid, external_userid, scene?}                   → {event, welcome_code}
 * `event` is the kf_msg_or_event callback WeCom would push for it, ready for callbacks/push.
 */
import { badRequest, ok, type ControlApi } from '../../core/control-api';
import { isRecord } from '../../core/json';
import type { Clock } from '../../core/clock';
import type { MediaStore } from '../../core/media-store';
import { corpScope } from '../context';
import { MEDIA_TTL_MS } from '../media';
import type { WeComKf } from './state';

/** The plaintext of a kf_msg_or_event callback (path/94670 回调事件). */
export function kfEvent(corpId: string, openKfid: string, token: string, clock: Clock): Record<string, string | number> {
	return { ToUserName: corpId, CreateTime: clock.nowSeconds(), MsgType: 'event', Event: 'kf_msg_or_event', Token: token, OpenKfId: openKfid };
}

/** A customer's message: text, or an image stored as media so that media/get serves it. */
export function customerSays(kf: WeComKf, media: MediaStore, clock: Clock, input: { corpId: string; openKfid: string; externalUserId: string; text?: string; image?: Buffer }): Record<string, string | number> {
	let token: string;
	if (input.image) {
		const stored = media.add({ scope: corpScope(input.corpId), type: 'image', filename: 'customer.png', contentType: 'image/png', bytes: input.image, ttlMs: MEDIA_TTL_MS });
		token = kf.customerMessage(input.corpId, input.openKfid, input.externalUserId, 'image', { media_id: stored.mediaId });
	} else {
		token = kf.customerMessage(input.corpId, input.openKfid, input.externalUserId, 'text', { content: input.text ?? '' });
	}
	return kfEvent(input.corpId, input.openKfid, token, clock);
}

const text = (value: unknown): value is string => typeof value === 'string' && value !== '';

export function registerKfControls(api: ControlApi, kf: WeComKf, media: MediaStore, clock: Clock): void {
	api.add('POST', 'wecom/kf/accounts', ({ body }) => {
		if (!isRecord(body) || !text(body.corpId) || !text(body.name)) return badRequest('body must be {"corpId": string, "name": string, "open_kfid"?: string, "servicers"?: string[]}');
		const servicers = Array.isArray(body.servicers) ? body.servicers.filter(text) : [];
		return ok(kf.addAccount(body.corpId, { name: body.name, open_kfid: text(body.open_kfid) ? body.open_kfid : undefined, servicers }));
	});
	api.add('POST', 'wecom/kf/customer_message', ({ body }) => {
		if (!isRecord(body) || !text(body.corpId) || !text(body.open_kfid) || !text(body.external_userid) || (!text(body.text) && !text(body.image)))
			return badRequest('body must be {"corpId", "open_kfid", "external_userid", and "text" or "image" (base64)}');
		if (!kf.account(body.corpId, body.open_kfid)) return badRequest(`no kf account ${body.open_kfid}`);
		const image = text(body.image) ? Buffer.from(body.image, 'base64') : undefined;
		return ok({ event: customerSays(kf, media, clock, { corpId: body.corpId, openKfid: body.open_kfid, externalUserId: body.external_userid, text: text(body.text) ? body.text : undefined, image }) });
	});
	api.add('POST', 'wecom/kf/enter_session', ({ body }) => {
		if (!isRecord(body) || !text(body.corpId) || !text(body.open_kfid) || !text(body.external_userid)) return badRequest('body must be {"corpId", "open_kfid", "external_userid", "scene"?}');
		const entered = kf.enterSession(body.corpId, body.open_kfid, body.external_userid, text(body.scene) ? body.scene : '');
		return ok({ event: kfEvent(body.corpId, body.open_kfid, entered.token, clock), welcome_code: entered.welcomeCode });
	});
}
