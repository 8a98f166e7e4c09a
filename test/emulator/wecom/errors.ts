import { randomBytes } from 'node:crypto';
import type { JsonObject } from '../core/json';
import type { ApiRequest, JsonReply, PlatformProfile, TokenProblem } from '../core/router';

/**
 * The WeCom errcodes the emulator answers. Numbers and meanings follow WeCom's global errcode page
 * (developer.work.weixin.qq.com/document/path/90313); where that page and observed behaviour differ, the
 * comment says which we follow and why.
 */
export const WeComErrcode = {
	invalidCredential: 40001,
	/** Unknown `type` on media/upload. The page calls 40004 "不合法的媒体文件类型" and 40005 "不合法的type参数", but
	 * servers answer "40005 invalid file type" for content that does not match the type (wechatpy#204), so
	 * the emulator uses the errmsg-consistent pairing: 40004 for the parameter, 40005 for the content. */
	invalidMediaType: 40004,
	invalidFileType: 40005,
	invalidFileSize: 40006,
	invalidMediaId: 40007,
	invalidMessageType: 40008,
	invalidImageSize: 40009,
	invalidVideoSize: 40011,
	invalidCorpId: 40013,
	invalidAccessToken: 40014,
	invalidUserListSize: 40032,
	invalidAgentId: 40056,
	/** "不合法的参数": WeCom's answer for a field that breaks an API's own rules; errmsg names the field. */
	invalidParameter: 40058,
	missingAccessToken: 41001,
	missingCorpId: 41002,
	missingCorpSecret: 41004,
	missingMediaId: 41006,
	missingUrl: 41010,
	missingAgentId: 41011,
	missingTitle: 41016,
	missingDescription: 41033,
	accessTokenExpired: 42001,
	/** "更新的消息的应用与发送消息的应用不匹配": a response_code used by an app other than the sender. */
	updateAppMismatch: 42015,
	/** Observed for uploads whose `media` part is missing or empty ("empty media data"). */
	emptyMediaData: 44001,
	emptyContent: 44004,
	contentTooLong: 45002,
	articleCountOutOfLimit: 45008,
	/** "接口调用超过限制": also a group robot's answer beyond 20 messages a minute (reference B9). */
	apiFreqOutOfLimit: 45009,
	authorTooLong: 45032,
	/** Body is not a JSON object. */
	dataFormatError: 47001,
	/** "指定的成员/部门/标签参数无权限": observed on appchat/create when the app's visibility scope is not the
	 * root department (errmsg "no privilege to access/modify contact/party/agent"; blog post
	 * t.zoukankan.com/panjinzhao-p-12522627.html, 2020). */
	noPrivilege: 60011,
	/** "UserID、部门ID、标签ID全部非法或无权限": every recipient is unknown or outside the app's visibility. */
	allRecipientsInvalid: 81013,
	/** "指定的成员/部门/标签全部为空": no recipient given at all. */
	noRecipients: 82001,
	partyListTooLong: 82002,
	tagListTooLong: 82003,
	// Group chat (appchat). The 860xx codes are the errcode page's group-chat ones ("参数 chatid 不合法" ...
	// "非法操作非自己创建的群"); 862xx are listed next to them for chat sessions. Nobody has published which of
	// them appchat really answers for a missing chatid or a duplicate one, so those picks are the page entries
	// whose wording fits (sources: zsmhub/workweixin apis/api_error.go and WxJava WxCpErrorMsgEnum, both
	// transcribing developer.work.weixin.qq.com/document/path/90313).
	chatIdInvalid: 86001,
	chatNotFound: 86003,
	chatNameInvalid: 86004,
	chatOwnerInvalid: 86005,
	chatMemberCount: 86006,
	chatMemberInvalid: 86007,
	/** "非法操作非自己创建的群": a chat another app created, even of the same corp. */
	chatOfOtherApp: 86008,
	missingChatId: 86201,
	missingChatMembers: 86204,
	/** "群主不在群成员列表". */
	chatOwnerNotMember: 86207,
	/** "会话ID已经存在". */
	chatIdExists: 86215,
	missingMiniprogramAppid: 90200,
	miniprogramContentItemsOutOfLimit: 90201,
	/** "机器人webhookurl不合法或者机器人已经被移除出群"; observed errmsg "invalid webhook url"
	 * (wes-lin/Cloud189Checkin#175). */
	invalidWebhookUrl: 93000,
	/** "无权限操作指定的应用": the body's agentid is another app than the token's (the page's own example). */
	otherAgent: 301002,
	/** "文件MD5不匹配": a robot image whose md5 is not that of its bytes; observed errmsg "media md5 not match"
	 * (lenye/pmsg#2, funcodingdev/n8n-nodes-wecom#16). */
	mediaMd5Mismatch: 301019,
} as const;

/**
 * WeCom's errmsg shape: the message, then a request hint, the caller IP and a link to the errcode tool
 * (`not allow to access from your ip, hint: [1700000000_29_abc...], from ip: 1.2.3.4, more info at
 * https://open.work.weixin.qq.com/devtool/query?e=60020`). Clients must branch on errcode, never on this text.
 */
function errmsg(req: ApiRequest, errcode: number, message: string): string {
	const hint = `${Math.floor(Date.now() / 1000)}_${10 + Math.floor(Math.random() * 90)}_${randomBytes(16).toString('hex')}`;
	return `${message}, hint: [${hint}], from ip: ${req.remoteAddress}, more info at https://open.work.weixin.qq.com/devtool/query?e=${errcode}`;
}

export function weComError(req: ApiRequest, errcode: number, message: string): JsonReply {
	return { kind: 'json', status: 200, body: { errcode, errmsg: errmsg(req, errcode, message) } };
}

export function weComOk(fields: JsonObject = {}): JsonReply {
	return { kind: 'json', status: 200, body: { errcode: 0, errmsg: 'ok', ...fields } };
}

export const weComPlatform: PlatformProfile = {
	name: 'wecom',
	errorReply: weComError,
	tokenError(req: ApiRequest, problem: TokenProblem): JsonReply {
		switch (problem) {
			case 'missing':
				return weComError(req, WeComErrcode.missingAccessToken, 'access_token missing');
			case 'expired':
				return weComError(req, WeComErrcode.accessTokenExpired, 'access_token expired');
			case 'unknown':
			case 'invalidated':
				return weComError(req, WeComErrcode.invalidAccessToken, 'invalid access_token');
		}
	},
};
