/**
 * What WeChat's errcodes mean and what the user can do about them. Pure data and pure errors: the n8n
 * layer turns these into NodeApiError, this module never imports n8n.
 */

import { WECOM_DIRECTORY_ERRCODES } from './directoryErrcodes';

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

const MENU_HINT =
	'Menu rules: 1 to 3 buttons, 1 to 5 sub-buttons each, names up to 16 bytes (sub-buttons 60), keys 128 bytes, URLs 1024 bytes (http or https), and the field each type needs.';
/** Menu checks (menu/create, menu/addconditional); the node checks the same before sending. */
const MENU_ERRCODES: Record<number, ErrcodeInfo> = Object.fromEntries(
	(
		[
			[40016, 'invalid number of buttons', '不合法的按钮个数'],
			[40017, 'invalid button type', '不合法的按钮类型'],
			[40018, 'invalid button name length', '不合法的按钮名字长度'],
			[40019, 'invalid button key length', '不合法的按钮KEY长度'],
			[40020, 'invalid button URL length', '不合法的按钮URL长度'],
			[40023, 'invalid number of sub-buttons', '不合法的子菜单按钮个数'],
			[40024, 'invalid sub-button type', '不合法的子菜单按钮类型'],
			[40025, 'invalid sub-button name length', '不合法的子菜单按钮名字长度'],
			[40026, 'invalid sub-button key length', '不合法的子菜单按钮KEY长度'],
			[40027, 'invalid sub-button URL length', '不合法的子菜单按钮URL长度'],
		] as const
	).map(([errcode, en, zh]) => [errcode, { en, zh, hint: MENU_HINT }]),
);

const COMMON: Record<number, ErrcodeInfo> = {
	...MENU_ERRCODES,
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
			'A corp may call one API 10,000 times a minute and 150,000 an hour, and an app may send the account limit × 200 person-times of messages a day; ' +
			"the corp's other systems count too. Message sends have already waited out WeCom's one-minute block and been sent again (up to 3 times), " +
			'so for them this is the hourly or daily quota: it lifts after the hour, or the next day (Beijing time). Other calls: spread them out.',
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
	48002: {
		en: 'API disabled',
		zh: 'API接口被禁用',
		hint: 'Enable the API for this app in the admin console. For the directory: apps created since 2022 may not call some directory APIs, and the contact-sync secret only works from IPs trusted on 管理工具 → 通讯录同步.',
	},
	40029: {
		en: 'invalid OAuth code (wrong, for another app, or older than 5 minutes)',
		zh: '无效的oauth_code',
		hint: 'A code is valid for 5 minutes: exchange it as soon as the redirect arrives, or send the user through the authorize URL again.',
	},
	40163: {
		en: 'the OAuth code was already used',
		zh: 'oauth_code已使用',
		hint: 'A code works once: exchange it in one place only (a page reload or a second node sends it again), then keep the openid.',
	},
	40030: {
		en: 'invalid refresh_token',
		zh: '不合法的refresh_token',
		hint: 'Map the refresh_token from Get User From Code (Include Tokens) of this same account.',
	},
	42002: {
		en: 'refresh_token expired (30 days)',
		zh: 'refresh_token超时',
		hint: 'Send the user through the authorize URL again.',
	},
	65400: {
		en: 'the new customer service is not enabled',
		zh: 'API不可用，即没有开通/升级到新版客服功能',
		hint: 'Enable 客服功能 in 公众平台 → 功能 → 客服 (the new version), then wait a few minutes.',
	},
	65401: {
		en: 'no such customer-service account',
		zh: '无效客服账号',
		hint: 'Check the account (List Accounts shows them), full form prefix@wechatid.',
	},
	65402: {
		en: 'no WeChat user is bound to the customer-service account',
		zh: '客服账号尚未绑定微信号，不能投入使用',
		hint: 'Bind a WeChat user to it in 公众平台 → 功能 → 客服 before assigning sessions.',
	},
	65403: { en: 'invalid nickname', zh: '客服昵称不合法', hint: 'Use a nickname of 1 to 16 characters.' },
	65404: {
		en: 'invalid customer-service account',
		zh: '客服账号不合法',
		hint: "Use prefix@wechatid: up to 10 letters, digits or _, then the account's WeChat ID (公众号微信号).",
	},
	65405: {
		en: 'too many customer-service accounts',
		zh: '账号数目已达到上限',
		hint: 'An account has at most 100: delete one first.',
	},
	65406: {
		en: 'the customer-service account already exists',
		zh: '已经存在的客服账号',
		hint: 'Use Update Account to rename it.',
	},
	65413: {
		en: 'the follower has no session with this account',
		zh: '不存在对应用户的会话信息',
		hint: 'Get Session shows which account (if any) is serving the follower.',
	},
	65414: {
		en: 'the follower is being served by another account',
		zh: '客户正在被其他客服接待',
		hint: 'Close that session first (Get Session names the account).',
	},
	65415: {
		en: 'the customer-service account is not online',
		zh: '指定的客服不在线',
		hint: 'Assign the follower to an account from List Online Accounts.',
	},
	40032: {
		en: 'invalid openid list size',
		zh: '不合法的openid列表长度',
		hint: 'The list is empty or too long for this API (tagging 50, user info 100, blacklist 20 a call): the node splits longer lists, so check the list is not empty.',
	},
	40092: {
		en: 'invalid remark',
		zh: '备注名不合法',
		hint: 'Use a remark under 30 bytes; WeChat has also refused remarks over 20 bytes, so try a shorter one.',
	},
	45056: {
		en: 'too many tags',
		zh: '创建的标签数过多',
		hint: 'An account has at most 100 tags: delete unused ones first.',
	},
	45057: {
		en: 'the tag has over 100,000 followers',
		zh: '该标签下粉丝数超过10w，不允许直接删除',
		hint: 'Untag followers (Tag → Untag Followers) until fewer than 100,000 remain, then delete it.',
	},
	45058: {
		en: "WeChat's own tags (0, 1, 2) cannot be changed",
		zh: '不能修改0/1/2这三个系统默认保留的标签',
		hint: 'Use a tag the account created.',
	},
	45059: {
		en: 'a follower already has 20 tags',
		zh: '有粉丝身上的标签数已经超过限制，即超过20个',
		hint: 'Untag that follower from a tag before adding another.',
	},
	45157: {
		en: 'invalid or duplicate tag name',
		zh: '标签名非法，请注意不能和其他标签重名',
		hint: 'Pick a name no other tag of the account has (Tag → List shows them).',
	},
	45158: {
		en: 'tag name over 30 bytes',
		zh: '标签名长度超过30个字节',
		hint: 'Shorten the name (a Chinese character counts as 3 bytes).',
	},
	45159: {
		en: 'invalid tag id',
		zh: '非法的tag_id',
		hint: 'Use a tag ID from Tag → List; the tag may have been deleted.',
	},
	46003: { en: 'no menu exists', zh: '不存在的菜单数据', hint: 'Create the menu first (Menu → Create).' },
	49003: {
		en: 'the openid belongs to another account',
		zh: '传入的openid不属于此AppID',
		hint: "Openids differ per Official Account: use openids this account's trigger or follower list gave you.",
	},
	65301: {
		en: 'no conditional menu with this menuid',
		zh: '不存在此menuid对应的个性化菜单',
		hint: 'Use a menuid from Menu → Get (API configuration).',
	},
	65302: { en: 'no such user', zh: '没有相应的用户', hint: "Use a follower's openid (or WeChat ID) of this account." },
	65303: {
		en: 'no default menu yet',
		zh: '没有默认菜单，不能创建个性化菜单',
		hint: 'Create the default menu first (Menu → Create), then add conditional menus.',
	},
	65304: {
		en: 'the match rule is empty',
		zh: 'MatchRule信息为空',
		hint: 'Give the conditional menu a tag (or client platform) to match.',
	},
	65305: {
		en: 'too many conditional menus',
		zh: '个性化菜单数量受限',
		hint: 'Delete conditional menus you no longer need.',
	},
	65320: {
		en: 'the match rule uses private data',
		zh: '个性化菜单不再支持性别、地区、语言等隐私信息的匹配',
		hint: 'Match on a tag instead: tag the followers, then match that tag.',
	},
	9410012: {
		en: 'the short key does not exist, expired or belongs to another account',
		zh: 'short_key不存在/过期/不属于本账号',
		hint: 'Generate a new short key; keys expire after at most 30 days.',
	},
	60011: {
		en: 'no privilege for this member / department / tag',
		zh: '指定的成员/部门/标签参数无权限',
		hint: "Add them to the app's visible range (应用管理 → your app → 可见范围). Group chats need the app to be visible to the whole company (可见范围 = the root department). Directory writes (WeCom Contacts) need the contact-sync secret (通讯录同步 Secret) instead of the app's.",
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
	// WeChat Customer Service (微信客服, kf/*): WeCom's global errcode page, 95000 range.
	95000: {
		en: 'invalid open_kfid',
		zh: '不合法的 open_kfid',
		hint: 'Map open_kfid from the WeCom Customer Service Trigger, or take it from Account → List.',
	},
	95001: {
		en: 'send limit reached: at most 5 messages after each customer message',
		zh: '发送客服消息次数限制',
		hint: "WeCom allows 5 messages within 48 hours of the customer's last message; wait until the customer writes again.",
	},
	95002: {
		en: 'send time limit: the customer has not written for 48 hours',
		zh: '发送客服消息时间限制',
		hint: "Messages may only be sent within 48 hours of the customer's last message.",
	},
	95004: {
		en: 'open_kfid does not exist',
		zh: 'open_kfid 不存在',
		hint: 'The account was deleted or belongs to another company: check Account → List with this credential.',
	},
	95007: {
		en: 'invalid msg token',
		zh: '不合法的 msgtoken',
		hint: "sync_msg needs the Token of a kf_msg_or_event callback younger than 10 minutes; the trigger uses each event's own.",
	},
	95013: {
		en: 'the session has ended',
		zh: '会话已经结束',
		hint: 'Wait for the customer to write again; a new session starts then.',
	},
	95014: {
		en: 'the user is not a servicer of this account',
		zh: '用户不是接待人员',
		hint: 'Add the member as a servicer (接待人员) of the account in 微信客服 → the account → 接待人员.',
	},
	95016: {
		en: 'this state change is not allowed',
		zh: '不允许这种状态转换',
		hint: 'Allowed: 0 → 1/2/3/4, 1 → 2/3/4, 2 → 3/4, 3 → 3/4; an ended session (4) changes only when the customer writes again.',
	},
	95018: {
		en: "the session's state does not allow this",
		zh: '会话状态和操作不匹配',
		hint: 'The API may send only while the session is 0 (未处理) or 1 (由智能助手接待); a servicer has it (3) or it ended (4). Check Service State → Get.',
	},
	301019: { en: 'image md5 does not match', zh: '文件MD5不匹配', hint: 'This is a bug in the node: please report it.' },
	301002: {
		en: 'no permission to operate this agent',
		zh: '无权限操作指定的应用',
		hint: 'The Agent ID does not belong to this secret: use the Agent ID of the app the secret comes from.',
	},
};

/** Where a platform means something more specific by the same errcode. */
/** Official Account drafts, publishing and permanent material (草稿箱 / 发布能力 / 永久素材 pages). */
const OA_CONTENT_ERRCODES: Record<number, ErrcodeInfo> = {
	48001: {
		en: 'API not authorized for this account',
		zh: 'api功能未授权',
		hint:
			'Publishing (发布), mass sends and several other APIs need a verified account (微信认证); personal and unverified ' +
			'accounts get 48001 and cannot get these APIs. Drafts and material still work: publish from the admin console ' +
			'(公众平台 → 草稿箱), or verify the account. 公众平台 → 设置与开发 → 接口权限 lists what the account may call.',
	},
	40114: {
		en: 'invalid article index',
		zh: '不合法的index值',
		hint: 'Article Index counts from 0 and must be below the number of articles in the draft.',
	},
	41039: {
		en: 'invalid content_source_url',
		zh: '不合法的原文链接',
		hint: 'Give Source URL as a full http(s) URL of at most 1 KB.',
	},
	45166: {
		en: 'invalid article content',
		zh: '内容不合法',
		hint: 'The HTML has tags WeChat refuses, or is 20,000 characters / 1 MB or more: simplify or shorten it.',
	},
	53404: {
		en: 'the account may not sell products',
		zh: '账号已被限制带货能力',
		hint: 'Remove the product cards from the article and try again.',
	},
	53405: {
		en: 'invalid product in the article',
		zh: '插入商品信息有误',
		hint: 'Check the product card and that the product is on sale.',
	},
	53406: {
		en: 'product selling is not enabled',
		zh: '请先开通带货能力',
		hint: 'Enable 带货能力 for the account first, or remove the product cards.',
	},
	53503: {
		en: 'the draft did not pass the publish check',
		zh: '该草稿未通过发布检查',
		hint: 'Check the draft: every article needs a title, a body and a cover that is still in the permanent material (a deleted cover fails the check).',
	},
	53504: {
		en: 'the draft must be used in the admin console',
		zh: '需前往公众平台官网使用草稿',
		hint: 'This draft can only be published from 公众平台 → 草稿箱; create the draft with Draft: Create to publish it by API.',
	},
	53505: {
		en: 'the draft must be saved by hand first',
		zh: '请手动保存成功后再发表',
		hint: 'Open the draft in 公众平台 → 草稿箱, save it once by hand, then publish again.',
	},
	53600: {
		en: 'invalid article_id',
		zh: 'Article ID 无效',
		hint: 'Use the article_id of a successful publish (Publish: Get Status or List).',
	},
	88000: {
		en: 'comments are not enabled for this account',
		zh: '没有留言权限',
		hint: 'Turn off Open Comments, or enable comments (留言) for the account.',
	},
};

const BY_PLATFORM: Partial<Record<Platform, Record<number, ErrcodeInfo>>> = {
	wecom: WECOM_DIRECTORY_ERRCODES,
	oa: {
		...OA_CONTENT_ERRCODES,
		45009: {
			en: "the account's daily quota for this API is used up",
			zh: '接口调用超过每日限额 (reach max api daily quota limit)',
			hint:
				"Template messages allow 100,000 a day by default, more with more followers (公众平台 → 开发 → 接口权限 shows the quota and today's use). " +
				'The quota resets at midnight Beijing time; an administrator can reset it now with clear_quota (10 times a month). ' +
				'Waiting minutes does not help, so the node did not send again.',
		},
		45011: {
			en: 'API minute quota reached',
			zh: '接口调用超过分钟频率限制 (api minute-quota reach limit)',
			hint: "Template sends have already waited a minute and been sent again (up to 3 times). Lower the node's concurrency or spread the calls over more time.",
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

function describeErrcode(errcode: number, platform?: Platform): ErrcodeInfo | undefined {
	return (platform && BY_PLATFORM[platform]?.[errcode]) ?? COMMON[errcode];
}

/** The errcodes that mean "this access token is no good": drop it, fetch another, retry once. */
export const TOKEN_INVALID_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001, 42007]);

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

	/** `known`: what the errcode means for this API when that differs from the table (e.g. a user's OAuth token). */
	constructor(
		platform: Platform,
		api: string,
		errcode: number,
		errmsg: string,
		details: Record<string, unknown> = {},
		known?: ErrcodeInfo,
	) {
		const info = known ?? describeErrcode(errcode, platform);
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
