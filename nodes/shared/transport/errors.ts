/**
 * What WeChat's errcodes mean and what the user can do about them. Pure data and pure errors: the n8n
 * layer turns these into NodeApiError, this module never imports n8n.
 */

export type Platform = 'wecom' | 'oa' | 'robot';

export interface ErrcodeInfo {
	/** English meaning. */
	en: string;
	/** Chinese meaning, as users find it in WeChat's docs. */
	zh: string;
	/** What to do about it. */
	hint: string;
}

const TRUSTED_IP_HINT =
	"Add this server's public IP to the app's trusted IPs (企业可信IP: 应用管理 → your app → 企业可信IP), " +
	"or set the credential's API Base URL to a relay whose IP is trusted, or set its Proxy URL.";
const OA_WHITELIST_HINT =
	"Add this server's public IP to the IP whitelist (公众平台 → 设置与开发 → 基本配置 → IP白名单), " +
	"or set the credential's API Base URL to a relay whose IP is whitelisted, or set its Proxy URL.";

const COMMON: Record<number, ErrcodeInfo> = {
	[-1]: { en: 'system busy', zh: '系统繁忙', hint: 'WeChat is busy; try again in a few seconds.' },
	40001: {
		en: 'invalid credential (wrong secret, or the access token is invalid or not the latest)',
		zh: '不合法的secret参数 / access_token无效',
		hint: 'Check the secret in the credential (copy it again from the admin console; it changes when regenerated).',
	},
	40003: { en: 'invalid openid / userid', zh: '不合法的UserID/openid', hint: 'Check the recipient ID.' },
	40004: { en: 'invalid media type', zh: '不合法的媒体文件类型', hint: 'Use a supported file type.' },
	40005: { en: 'invalid file type', zh: '不合法的文件类型', hint: 'Use a supported file type.' },
	40006: { en: 'invalid file size', zh: '不合法的文件大小', hint: 'The file is empty or too large.' },
	40007: {
		en: 'invalid media_id',
		zh: '不合法的媒体文件id',
		hint: 'Temporary media expire after 3 days: upload the file again, or pass a binary property instead of a media ID.',
	},
	40008: { en: 'invalid message type', zh: '不合法的消息类型', hint: 'Check the message type and its fields.' },
	40013: {
		en: 'invalid corpid / appid',
		zh: '不合法的CorpID/AppID',
		hint: 'Check the ID in the credential (WeCom: 我的企业 → 企业信息 → 企业ID; OA: 设置与开发 → 基本配置 → AppID).',
	},
	40014: {
		en: 'invalid access_token',
		zh: '不合法的access_token',
		hint: 'The node refreshes the token itself; if this persists, check that no other app shares the secret.',
	},
	40033: {
		en: 'invalid characters (\\uxxxx escapes)',
		zh: '不合法的字符',
		hint: 'Remove \\uXXXX escapes from the text.',
	},
	40035: { en: 'invalid parameter', zh: '不合法的参数', hint: 'Check the fields named in the message.' },
	40037: {
		en: 'invalid template_id',
		zh: '不合法的模板id',
		hint: 'Pick a template that exists in this account (Template → List).',
	},
	40056: {
		en: 'invalid agentid',
		zh: '不合法的agentid',
		hint: "Check the Agent ID in the credential (应用管理 → your app → AgentId) or the node's Agent ID override.",
	},
	40058: {
		en: 'invalid parameter value',
		zh: '不合法的参数',
		hint: 'A field has an invalid value: see the message for which one.',
	},
	40164: { en: 'caller IP is not in the IP whitelist', zh: '调用接口的IP地址不在白名单中', hint: OA_WHITELIST_HINT },
	40125: {
		en: 'invalid AppSecret',
		zh: '不合法的secret',
		hint: 'Copy the AppSecret again (设置与开发 → 基本配置 → AppSecret; resetting it invalidates the old one).',
	},
	40130: {
		en: 'a mass send to a list needs at least 2 openids',
		zh: '至少需要2个openid',
		hint: 'Add more openids, or use Preview for a single user.',
	},
	40243: {
		en: 'AppSecret is frozen',
		zh: 'AppSecret已被冻结',
		hint: 'Unfreeze or reset the AppSecret in 设置与开发 → 基本配置.',
	},
	42007: {
		en: 'the access token was revoked (the user or admin changed authorisation)',
		zh: 'access_token和refresh_token已失效',
		hint: "The node refreshes the token itself; if this persists, check the account's authorisation.",
	},
	43100: {
		en: 'the industry can change only once a month',
		zh: '修改行业过于频繁',
		hint: 'Wait until next month to change the industry again.',
	},
	43101: {
		en: 'the user refused this subscription message',
		zh: '用户拒绝接受消息',
		hint: 'The user must accept the subscription (订阅) first.',
	},
	45015: {
		en: 'the user last interacted more than 48 hours ago',
		zh: '回复时间超过限制',
		hint: "Customer-service messages can only be sent within 48 hours of the user's last message; use a template message instead.",
	},
	45047: {
		en: "too many customer-service messages since the user's last message",
		zh: '客服接口下行条数超过上限',
		hint: 'Wait for the user to write again.',
	},
	45028: {
		en: 'no mass-send quota left',
		zh: '没有群发配额',
		hint: 'Service accounts reach each follower at most 4 times a month (to everyone: 4 sends a month); subscription accounts send once a day.',
	},
	45065: {
		en: 'a mass job with this clientmsgid was already submitted',
		zh: '相同clientmsgid已存在群发记录',
		hint: "The earlier job's msg_id is in the answer; use Get Status on it.",
	},
	45066: {
		en: 'same clientmsgid retried within a minute',
		zh: '相同clientmsgid重试速度过快',
		hint: 'Wait a minute before retrying with the same client message ID.',
	},
	45067: { en: 'clientmsgid is too long', zh: 'clientmsgid长度超过限制', hint: 'Use at most 64 bytes.' },
	47003: {
		en: 'an argument is invalid (the errmsg names it)',
		zh: '参数错误',
		hint: 'Check the field named in the message, e.g. a template keyword that the template does not have.',
	},
	89503: {
		en: "this IP needs the admin's confirmation",
		zh: '此IP调用需要管理员确认',
		hint: 'Confirm the IP in the Official Account console (API IP 风险确认), or whitelist it.',
	},
	41001: {
		en: 'access_token missing',
		zh: '缺少access_token参数',
		hint: 'This is a bug in the node: please report it.',
	},
	41002: { en: 'corpid / appid missing', zh: '缺少corpid/appid参数', hint: 'Fill in the ID in the credential.' },
	41004: { en: 'secret missing', zh: '缺少secret参数', hint: 'Fill in the secret in the credential.' },
	42001: {
		en: 'access_token expired',
		zh: 'access_token已过期',
		hint: 'The node refreshes the token itself; if this persists, check the server clock.',
	},
	43004: {
		en: 'recipient has not followed the account',
		zh: '需要接收者关注',
		hint: 'The user must follow the Official Account first.',
	},
	44004: { en: 'text content is empty', zh: '文本消息内容为空', hint: 'Fill in the message content.' },
	45002: {
		en: 'content too long',
		zh: '消息内容超过限制',
		hint: 'Shorten the content (text and markdown: at most 2048 bytes).',
	},
	45009: {
		en: 'API frequency limit reached',
		zh: '接口调用超过限制',
		hint:
			"The node already waited out WeCom's one-minute block and sent again (up to 3 times), so this is an hourly or daily quota: " +
			"150,000 calls an hour per API for the corp, or the app's messages for the day (the account limit × 200 person-times). " +
			'It lifts after the hour, or the next day (Beijing time). Other systems of the corp use the same quota.',
	},
	45033: { en: 'API concurrency limit reached', zh: '接口并发调用超过限制', hint: "Lower the node's concurrency." },
	47001: {
		en: 'malformed request body',
		zh: '数据格式错误',
		hint: 'Check the JSON fields (e.g. the template card JSON).',
	},
	48001: {
		en: 'API not authorized for this app/account',
		zh: 'api功能未授权',
		hint: 'Check that the app or account has this permission (unverified OAs lack many APIs).',
	},
	48002: { en: 'API disabled', zh: 'API接口被禁用', hint: 'Enable the API for this app in the admin console.' },
	60011: {
		en: 'no privilege for this member / department / tag',
		zh: '指定的成员/部门/标签参数无权限',
		hint: "Add them to the app's visible range (应用管理 → your app → 可见范围). Group chats need the app to be visible to the whole company (可见范围 = the root department).",
	},
	60020: { en: 'caller IP is not a trusted IP of this app', zh: '访问ip不在白名单之中', hint: TRUSTED_IP_HINT },
	86001: {
		en: 'invalid chat ID',
		zh: '参数chatid不合法',
		hint: 'Use the chatid returned by Create (letters and digits, at most 32).',
	},
	86003: {
		en: 'the chat does not exist',
		zh: '参数chatid对应的群不存在',
		hint: 'Check the chat ID. Group Chat only reaches chats created by this app with Create; to post into any other group, add a group robot and use the Group Robot resource.',
	},
	86004: { en: 'invalid chat name', zh: '参数群名不合法', hint: 'Use a name of at most 50 characters.' },
	86005: {
		en: 'invalid chat owner',
		zh: '参数群主不合法',
		hint: "The owner must be a member of the chat and of the app's visible range.",
	},
	86006: {
		en: 'member count out of range',
		zh: '群成员数过多或过少',
		hint: 'A group chat needs at least 2 and at most 2000 members.',
	},
	86007: {
		en: 'invalid member',
		zh: '不合法的群成员',
		hint: "Every member must be a UserID in the app's visible range (可见范围).",
	},
	86008: {
		en: 'this app did not create the chat',
		zh: '非法操作非自己创建的群',
		hint: 'A chat can only be used by the app that created it: use the credential of that app, or create the chat with this one.',
	},
	86215: {
		en: 'the chat ID already exists',
		zh: '会话ID已经存在',
		hint: 'Leave Chat ID empty to let WeCom generate one, or pick another.',
	},
	86207: { en: 'the owner is not a member', zh: '群主不在群成员列表', hint: 'Add the owner to the members.' },
	81013: {
		en: 'every recipient is invalid (user, department and tag all invalid)',
		zh: 'UserID、部门ID、标签ID全部非法或无权限',
		hint: "Check the recipients' IDs and that they are in the app's visible range (可见范围).",
	},
	93000: {
		en: 'invalid webhook key, or the robot was removed from its group',
		zh: '机器人webhookurl不合法或者机器人已经被移除出群',
		hint: "Copy the key again from the group's robot (查看资料 → Webhook地址).",
	},
	93004: {
		en: 'the robot was removed from its group',
		zh: '机器人被移出群',
		hint: 'Add the robot to the group again and use its new key.',
	},
	301019: { en: 'image md5 does not match', zh: '文件MD5不匹配', hint: 'This is a bug in the node: please report it.' },
	301002: {
		en: 'no permission to operate this agent',
		zh: '无权限操作指定的应用',
		hint: 'The Agent ID does not belong to this secret: use the Agent ID of the app the secret comes from.',
	},
};

/** Where a platform means something more specific by the same errcode. */
const BY_PLATFORM: Partial<Record<Platform, Record<number, ErrcodeInfo>>> = {
	oa: {
		45009: {
			en: "the account's daily quota for this API is used up",
			zh: '接口调用超过每日限额 (reach max api daily quota limit)',
			hint:
				'Template messages allow 100,000 a day by default, more with more followers (公众平台 → 开发 → 接口权限 shows the quota and today\'s use). ' +
				'The quota resets at midnight Beijing time; an administrator can reset it now with clear_quota (10 times a month). ' +
				'Waiting minutes does not help, so the node did not send again.',
		},
		45011: {
			en: 'API minute quota reached',
			zh: '接口调用超过分钟频率限制 (api minute-quota reach limit)',
			hint: "The node waited a minute and sent again (up to 3 times) and WeChat still refused: lower the node's concurrency or spread the sends over more time.",
		},
	},
	robot: {
		45009: {
			en: 'the robot sent more than 20 messages in a minute',
			zh: '机器人发送消息频率超过限制(20条/分钟)',
			hint: 'Set the option When Rate-Limited to Wait: the node then paces the robot to 20 a minute and loses nothing.',
		},
	},
};

export function describeErrcode(errcode: number, platform?: Platform): ErrcodeInfo | undefined {
	return (platform && BY_PLATFORM[platform]?.[errcode]) ?? COMMON[errcode];
}

/** The errcodes that mean "this access token is no good": drop it, fetch another, retry once. */
export const TOKEN_INVALID_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001, 42007]);

/** Errors that are the user's configuration, never worth a retry. */
export const CONFIGURATION_ERRCODES: ReadonlySet<number> = new Set([
	40013, 40091, 40125, 40164, 40243, 41001, 41002, 41004, 60020,
]);

/** An answer from WeChat with errcode != 0. */
export class WeChatApiError extends Error {
	readonly platform: Platform;
	readonly api: string;
	readonly errcode: number;
	readonly errmsg: string;
	readonly hint: string;
	readonly meaning?: string;
	/** The other fields of WeChat's answer (e.g. 45065 carries the earlier job's msg_id). */
	readonly details: Record<string, unknown>;

	constructor(platform: Platform, api: string, errcode: number, errmsg: string, details: Record<string, unknown> = {}) {
		const info = describeErrcode(errcode, platform);
		const cleanMsg = redact(errmsg);
		super(`${api} failed: errcode ${errcode}, ${cleanMsg}`);
		this.name = 'WeChatApiError';
		this.platform = platform;
		this.api = api;
		this.errcode = errcode;
		this.errmsg = cleanMsg;
		this.meaning = info ? `${info.en} (${info.zh})` : undefined;
		this.hint = info?.hint ?? "See WeChat's global error code list for this errcode.";
		this.details = details;
	}
}

/** Removes anything that looks like an access token or secret from text meant for people. */
export function redact(text: string): string {
	return text
		.replace(/(access_token|corpsecret|secret|key)=([^&\s"']+)/gi, '$1=***')
		.replace(/("(?:access_token|corpsecret|secret|appsecret)"\s*:\s*")[^"]*(")/gi, '$1***$2');
}
