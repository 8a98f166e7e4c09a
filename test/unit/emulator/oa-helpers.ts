import type { Emulator, OaAccountConfig } from '../../emulator';
import { http, multipart, postJson, SAMPLES, type FilePart, type HttpResult } from './helpers';

/** Official Account fixtures and calls, over real HTTP like the nodes make them. */

export const FOLLOWERS = ['o_follower_1', 'o_follower_2', 'o_follower_3', 'o_follower_4', 'o_follower_5'];

export const TEMPLATE_ID = 'tmpl_order_shipped';

export const OA: OaAccountConfig = {
	appId: 'wx_test_oa',
	appSecret: 'test-oa-secret',
	ghId: 'gh_test_oa',
	followers: FOLLOWERS,
	tags: [{ id: 100, name: '星标用户', openids: FOLLOWERS.slice(0, 3) }],
	templates: [
		{
			templateId: TEMPLATE_ID,
			title: '订单发货通知',
			content: '商品名称：{{thing1.DATA}}\n发货时间：{{time2.DATA}}\n快递单号：{{character_string3.DATA}}',
		},
		{ templateId: 'tmpl_legacy', title: '旧模板', content: '{{first.DATA}}\n金额：{{keyword1.DATA}}\n{{remark.DATA}}' },
	],
	subscribeTemplates: [{ templateId: 'sub_tmpl_1', title: '预约提醒', content: '预约项目：{{thing1.DATA}}\n预约时间：{{time2.DATA}}' }],
	subscriptions: [{ openid: 'o_follower_1', templateId: 'sub_tmpl_1', remaining: 1 }],
	industry: { primary: 1, secondary: 2 },
	wxnames: { wx_tester: 'o_follower_2' },
	templateBlockers: ['o_follower_5'],
};

/** A second account, for "another account's openid / media / token". */
export const OTHER_OA: OaAccountConfig = { appId: 'wx_other_oa', appSecret: 'other-secret', followers: ['o_other_1', 'o_other_2'] };

export const TEMPLATE_DATA = {
	thing1: { value: '运动鞋' },
	time2: { value: '2024年1月1日 12:00' },
	character_string3: { value: 'SF1234567890' },
};

export async function stableToken(emulator: Emulator, body: Record<string, unknown> = {}, account: OaAccountConfig = OA): Promise<HttpResult> {
	return postJson(emulator, '/cgi-bin/stable_token', { grant_type: 'client_credential', appid: account.appId, secret: account.appSecret, ...body });
}

export async function classicToken(emulator: Emulator, account: OaAccountConfig = OA): Promise<HttpResult> {
	const query = new URLSearchParams({ grant_type: 'client_credential', appid: account.appId, secret: account.appSecret });
	return http('GET', `${emulator.url}/cgi-bin/token?${query.toString()}`);
}

export async function oaToken(emulator: Emulator, account: OaAccountConfig = OA): Promise<string> {
	const { json } = await stableToken(emulator, {}, account);
	if (typeof json.access_token !== 'string') throw new Error(`stable_token failed: ${JSON.stringify(json)}`);
	return json.access_token;
}

/** POST an OA path with the token in the query. */
export async function oaCall(emulator: Emulator, path: string, token: string, body: unknown): Promise<HttpResult> {
	return postJson(emulator, `${path}?access_token=${encodeURIComponent(token)}`, body);
}

export async function oaGet(emulator: Emulator, path: string, token: string, query: Record<string, string> = {}): Promise<HttpResult> {
	return http('GET', `${emulator.url}${path}?${new URLSearchParams({ access_token: token, ...query }).toString()}`);
}

export async function sendTemplate(emulator: Emulator, token: string, body: Record<string, unknown> = {}): Promise<HttpResult> {
	return oaCall(emulator, '/cgi-bin/message/template/send', token, { touser: FOLLOWERS[0], template_id: TEMPLATE_ID, data: TEMPLATE_DATA, ...body });
}

export async function oaUpload(emulator: Emulator, token: string, path: string, parts: FilePart[], type?: string): Promise<HttpResult> {
	const { body, contentType } = multipart(parts);
	const query = new URLSearchParams({ access_token: token });
	if (type !== undefined) query.set('type', type);
	return http('POST', `${emulator.url}${path}?${query.toString()}`, body, { 'content-type': contentType });
}

/** A JPEG of `size` bytes (thumbs must be JPEG). */
export const jpg = (size = 200): Buffer => SAMPLES.jpg(size);

/** Uploads a temporary media and returns its id (thumbs answer thumb_media_id too). */
export async function oaMedia(emulator: Emulator, token: string, type: 'image' | 'voice' | 'video' | 'thumb'): Promise<string> {
	const data = { image: SAMPLES.png(), voice: SAMPLES.amr(), video: SAMPLES.mp4(), thumb: jpg() }[type];
	const { json } = await oaUpload(emulator, token, '/cgi-bin/media/upload', [{ filename: `sample.${type}`, data }], type);
	if (typeof json.media_id !== 'string') throw new Error(`upload failed: ${JSON.stringify(json)}`);
	return json.media_id;
}

/** uploadnews with one article whose cover is a fresh thumb; returns the news media_id. */
export async function oaNews(emulator: Emulator, token: string, titles: string[] = ['本周更新']): Promise<string> {
	const thumb = await oaMedia(emulator, token, 'thumb');
	const articles = titles.map((title) => ({ thumb_media_id: thumb, title, content: `<p>${title}</p>` }));
	const { json } = await oaCall(emulator, '/cgi-bin/media/uploadnews', token, { articles });
	if (typeof json.media_id !== 'string') throw new Error(`uploadnews failed: ${JSON.stringify(json)}`);
	return json.media_id;
}

export const text = (content: string): Record<string, unknown> => ({ msgtype: 'text', text: { content } });

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/**
 * Moves the emulator clock to 01:00 of the next China day (UTC+8), so that a test counting a daily quota
 * never straddles WeChat's midnight.
 */
export function toChinaMorning(emulator: Emulator): void {
	const day = 24 * 3600 * 1000;
	const sinceMidnight = (emulator.state.now + CHINA_OFFSET_MS) % day;
	emulator.advanceTime((day - sinceMidnight + 3600 * 1000) / 1000);
}

/** Moves the emulator clock to 01:00 of the 1st of the next China month. */
export function toChinaMonthStart(emulator: Emulator): void {
	const now = new Date(emulator.state.now + CHINA_OFFSET_MS);
	const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1, 1) - CHINA_OFFSET_MS;
	emulator.advanceTime((next - emulator.state.now) / 1000);
}
