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
	/** mass/delete of a msg_id WeChat no longer (or never) has a deletable message for: "invalid msg id" (community
	 * reports of mass/delete, 2020-2021). */
	invalidMsgId: 40059,
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
	/** Draft box and publishing (草稿箱 / 发布能力 pages): draft_update's 40114 index, 41039 source URL, 45166
	 * content; freepublish_submit's 53503 "该草稿未通过发布检查"; freepublish_getarticle's 53600 "Article ID 无效". */
	invalidIndexValue: 40114,
	invalidContentSourceUrl: 41039,
	invalidContent: 45166,
	draftCheckFailed: 53503,
	invalidArticleId: 53600,
	/** Menu checks of menu/create and menu/addconditional (40016-40027; 46003 when there is no menu). */
	invalidButtonSize: 40016,
	invalidButtonType: 40017,
	invalidButtonNameSize: 40018,
	invalidButtonKeySize: 40019,
	invalidButtonUrlSize: 40020,
	invalidSubButtonSize: 40023,
	invalidSubButtonType: 40024,
	invalidSubButtonNameSize: 40025,
	invalidSubButtonKeySize: 40026,
	invalidSubButtonUrlSize: 40027,
	menuNotExist: 46003,
	/** user/info/updateremark: "新的备注名，长度必须小于30字节". */
	invalidRemark: 40092,
	/** Tag APIs (User_Tag_Management): 45056 over 100 tags, 45057 a tag with over 100,000 fans cannot be
	 * deleted, 45058 tags 0/1/2 are WeChat's, 45059 a follower has 20 tags, 45157 duplicate name, 45158 name
	 * over 30 bytes. The English texts below are the emulator's (WeChat's docs give these only in Chinese). */
	tooManyTags: 45056,
	tagTooManyFans: 45057,
	reservedTag: 45058,
	followerTagLimit: 45059,
	tagNameExists: 45157,
	tagNameTooLong: 45158,
	/** "The OpenID entered does not belong to this AppID" (blacklist docs). */
	openidOfOtherAccount: 49003,
	/** Conditional menus: no such menuid, no such user, no default menu yet, empty matchrule, over the limit,
	 * a matchrule on private data (sex, region, language) since WeChat's privacy change. */
	noSuchMenuId: 65301,
	noSuchUser: 65302,
	noDefaultMenu: 65303,
	emptyMatchRule: 65304,
	conditionalMenuLimit: 65305,
	privateMatchRule: 65320,
	/** shorten/gen and shorten/fetch. */
	longDataTooLong: 9410010,
	shortExpireTooLong: 9410011,
	noSuchShortKey: 9410012,
	/** Web authorisation (网页授权): a code is single-use (40163) and valid 5 minutes, else 40029; the refresh
	 * token lasts 30 days (42002), an unknown one is 40030; a missing code is 41008. */
	invalidCode: 40029,
	invalidRefreshToken: 40030,
	missingCode: 41008,
	missingOpenid: 41009,
	refreshTokenExpired: 42002,
	codeUsed: 40163,
	/** Customer service (客服账号管理 / 会话控制 pages). */
	customServiceUnavailable: 65400,
	invalidKfAccount: 65401,
	kfAccountNotBound: 65402,
	invalidKfNickname: 65403,
	invalidKfAccountName: 65404,
	kfAccountLimit: 65405,
	kfAccountExists: 65406,
	noKfSession: 65413,
	customerInOtherSession: 65414,
	kfNotOnline: 65415,
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
	40059: 'invalid msg id',
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
	40114: 'invalid index value',
	41039: 'invalid content_source_url',
	45166: 'invalid content',
	// WeChat documents these two only in Chinese; the texts are the emulator's.
	53503: 'draft did not pass the publish check',
	53600: 'invalid article id',
	40016: 'invalid button size',
	40017: 'invalid button type',
	40018: 'invalid button name size',
	40019: 'invalid button key size',
	40020: 'invalid button url size',
	40023: 'invalid sub button size',
	40024: 'invalid sub button type',
	40025: 'invalid sub button name size',
	40026: 'invalid sub button key size',
	40027: 'invalid sub button url size',
	46003: 'menu no exist',
	40092: 'invalid remark name',
	45056: 'too many tags, at most 100',
	45057: 'tag has more than 100000 fans, untag them first',
	45058: 'can not modify the tag reserved by system',
	45059: 'user has too many tags, at most 20',
	45157: 'invalid tag name, tag name exists',
	45158: 'tag name too long',
	49003: 'not same appid with appid of access_token',
	65301: 'no such menuid',
	65302: 'no such user',
	65303: 'there is no selfmenu, please create selfmenu first',
	65304: 'match rule empty',
	65305: 'conditional menu count limit',
	65320: 'match rule contains privacy data',
	9410010: 'long_data size out of limit',
	9410011: 'expire_seconds out of limit',
	9410012: 'short_key not exist or expired',
	40029: 'invalid code',
	40030: 'invalid refresh_token',
	40163: 'code been used',
	41008: 'missing code',
	41009: 'missing openid',
	42002: 'refresh_token expired',
	65400: 'please enable new custom service or wait for a while if you have enabled',
	65401: 'invalid custom service account',
	65402: 'the custom service account need to bind a wechat user',
	65403: 'illegal nickname',
	65404: 'illegal custom service account',
	65405: 'custom service account number reach limit',
	65406: 'custom service account exists',
	65413: 'this openid has no session',
	65414: 'this openid is in other session',
	65415: 'the worker is not online',
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
