import { randomBytes } from 'node:crypto';
import type { JsonObject } from '../core/json';
import type { ApiRequest, JsonReply } from '../core/router';

/**
 * The Official Account errcodes the emulator answers, with WeChat's English errmsg for each. Numbers follow
 * the OA global errcode list as the SDKs carry it (wechatpy `constants.py` WeChatErrorCode; WxJava
 * `WxMpErrorMsgEnum` / `WxOpenErrorMsgEnum`, whose comments hold the English texts used below); where a
 * number was chosen without such a source the comment says so. Clients must branch on errcode, never errmsg.
 */
export const OaErrcode = {
	systemBusy: -1,
	/** Token "invalid or not latest": replaced by a newer /cgi-bin/token or a forced stable_token. */
	invalidCredential: 40001,
	invalidGrantType: 40002,
	invalidOpenid: 40003,
	invalidMediaType: 40004,
	invalidFileType: 40005,
	invalidMediaId: 40007,
	invalidMessageType: 40008,
	invalidImageSize: 40009,
	invalidVoiceSize: 40010,
	invalidVideoSize: 40011,
	invalidThumbSize: 40012,
	invalidAppId: 40013,
	invalidAccessToken: 40014,
	invalidOpenidListSize: 40032,
	invalidTemplateId: 40037,
	/** "删除单篇图文时，指定的 article_idx 不合法". */
	invalidArticleIdx: 40060,
	/** "参数错误 invalid args": the emulator's answer where WeChat documents no specific code (errmsg names the field). */
	invalidArgs: 40097,
	invalidIndustryId: 40102,
	/** Both token endpoints answer a wrong secret with 40125 "invalid appsecret" today (developers.weixin.qq.com
	 * community reports 2023-2024 for /cgi-bin/token and stable_token; wechatpy INVALID_APP_SECRET). Older
	 * servers said 40001, which is why 40001's text still mentions the AppSecret. */
	invalidAppSecret: 40125,
	/** mass/send with fewer than 2 openids ("invalid openid list size, at least two openid"). */
	openidListTooShort: 40130,
	invalidWxname: 40132,
	ipNotWhitelisted: 40164,
	/** "AppSecret冻结后，开发者无法使用AppSecret获取Access token(接口返回错误码40243)" (服务端 API 调用说明). */
	secretFrozen: 40243,
	/** api_add_template: "如果为空，或者关键词不在模板库中，会返回40246错误码" (addTemplate doc). */
	invalidKeywordName: 40246,
	missingAccessToken: 41001,
	missingAppId: 41002,
	missingSecret: 41004,
	missingMediaData: 41005,
	missingMediaId: 41006,
	accessTokenExpired: 42001,
	/** "用户修改微信密码，accesstoken 和 refreshtoken 失效": a token-invalid answer clients must refresh on. */
	authorizationExpired: 42007,
	requireSubscribe: 43004,
	industryChangeLimit: 43100,
	userRefused: 43101,
	emptyMediaData: 44001,
	emptyNewsData: 44003,
	emptyContent: 44004,
	contentTooLong: 45002,
	titleTooLong: 45003,
	articleCountOutOfLimit: 45008,
	dailyQuota: 45009,
	minuteQuota: 45011,
	responseOutOfTimeLimit: 45015,
	templateCountOutOfLimit: 45026,
	noMassQuota: 45028,
	clientMsgIdExists: 45065,
	clientMsgIdTooFast: 45066,
	clientMsgIdTooLong: 45067,
	/** The tag APIs' "非法的tag_id"; used for an unknown tag on user/tag/get and mass/sendall. */
	invalidTag: 45159,
	dataFormatError: 47001,
	argumentInvalid: 47003,
	apiUnauthorized: 48001,
} as const;

const MESSAGES: Readonly<Record<number, string>> = {
	[-1]: 'system error',
	40001: 'invalid credential, access_token is invalid or not latest, could get access_token by getStableAccessToken, more details at https://mmbizurl.cn/s/JtxxFh33r',
	40002: 'invalid grant_type',
	40003: 'invalid openid',
	40004: 'invalid media type',
	40005: 'invalid file type',
	40007: 'invalid media_id',
	40008: 'invalid message type',
	40009: 'invalid image size',
	40010: 'invalid voice size',
	40011: 'invalid video size',
	40012: 'invalid thumb size',
	40013: 'invalid appid',
	40014: 'invalid access_token',
	40032: 'invalid openid list size',
	40037: 'invalid template_id',
	40060: 'invalid article idx',
	40097: 'invalid args',
	40102: 'invalid industry id',
	40125: 'invalid appsecret',
	40130: 'invalid openid list size, at least two openid',
	40132: 'invalid username',
	40164: 'invalid ip, not in whitelist',
	// No English text is published for 40243; this one only has to say what happened.
	40243: 'appsecret is frozen',
	40246: 'keyword name invalid',
	41001: 'access_token missing',
	41002: 'appid missing',
	41004: 'appsecret missing',
	41005: 'media data missing',
	41006: 'media_id missing',
	42001: 'access_token expired',
	42007: 'access_token and refresh_token exception',
	43004: 'require subscribe',
	43100: 'change template too frequently',
	43101: 'user refuse to accept the msg',
	44001: 'empty media data',
	44003: 'empty news data',
	44004: 'empty content',
	45002: 'content size out of limit',
	45003: 'title size out of limit',
	45008: 'article size out of limit',
	45009: 'reach max api daily quota limit',
	45011: 'api minute-quota reach limit, must slower, retry next minute',
	45015: 'response out of time limit or subscription is canceled',
	45026: 'template num exceeds limit',
	45028: 'has no masssend quota',
	45065: 'clientmsgid exist',
	45066: 'same clientmsgid retry too fast',
	45067: 'clientmsgid size out of limit',
	45159: 'invalid tag id',
	47001: 'data format error',
	47003: 'argument invalid!',
	48001: 'api unauthorized',
};

/** WeChat's own text for an errcode, if the emulator knows one. */
export function oaMessage(errcode: number): string | undefined {
	return MESSAGES[errcode];
}

/** A reason the OA refuses a request: the errcode and the errmsg text before the request id. */
export class OaViolation {
	constructor(
		readonly errcode: number,
		readonly message: string,
	) {}
}

/** The errcode's standard text, followed by what exactly was wrong when `detail` is given. */
export function violation(errcode: number, detail?: string): OaViolation {
	const standard = MESSAGES[errcode] ?? `error ${errcode}`;
	return new OaViolation(errcode, detail === undefined ? standard : `${standard}, ${detail}`);
}

/** 47001 naming a field whose type or presence is wrong (WeChat's answer when the JSON does not fit). */
export function badField(path: string, reason: string): OaViolation {
	return violation(OaErrcode.dataFormatError, `${path} ${reason}`);
}

/** 40097 for a value WeChat has no specific errcode for, naming the field. */
export function invalidArg(path: string, reason: string): OaViolation {
	return violation(OaErrcode.invalidArgs, `${path} ${reason}`);
}

/**
 * The request id WeChat appends to every OA errmsg (`... rid: 642a7c22-4798b058-575e8fed`): the first part is
 * the hex Unix time, the others random. Clients must never parse errmsg; the rid only makes the text realistic.
 */
function rid(): string {
	return `${Math.floor(Date.now() / 1000).toString(16)}-${randomBytes(4).toString('hex')}-${randomBytes(4).toString('hex')}`;
}

export function oaError(errcode: number, message: string): JsonReply {
	return { kind: 'json', status: 200, body: { errcode, errmsg: `${message} rid: ${rid()}` } };
}

export function refuse(found: OaViolation): JsonReply {
	return oaError(found.errcode, found.message);
}

/** A success answer with `errcode: 0` (most write endpoints). */
export function oaOk(fields: JsonObject = {}, errmsg = 'ok'): JsonReply {
	return { kind: 'json', status: 200, body: { errcode: 0, errmsg, ...fields } };
}

/** A success answer WITHOUT errcode, as WeChat sends for token, user/get, tags/get, mass/get and the uploads. */
export function oaBare(fields: JsonObject): JsonReply {
	return { kind: 'json', status: 200, body: fields };
}

/** An injected errcode (fault) in OA wording: WeChat's text for the code when known. */
export function oaFaultReply(_req: ApiRequest, errcode: number, message: string): JsonReply {
	return oaError(errcode, oaMessage(errcode) ?? message);
}
