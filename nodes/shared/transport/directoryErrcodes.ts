/**
 * WeCom directory (通讯录) errcodes and what fixes them. Most refusals come from the secret: reads work within
 * the app's visible range with the app's own secret, but writes (and user/list_id) need the contact-sync secret
 * (通讯录同步 Secret), used as the Corp Secret of a second weComApi credential.
 */
import type { ErrcodeInfo } from './errors';

export const CONTACT_SYNC_HINT =
	'Directory writes need the contact-sync secret (通讯录同步 Secret): in the admin console open 管理工具 → 通讯录同步, turn on API editing (API编辑通讯录), copy its Secret, and use it as the Corp Secret of a second WeCom credential for WeCom Contacts; also add this server\'s IP to that page\'s trusted IPs (企业可信IP).';

const row = (en: string, zh: string, hint: string): ErrcodeInfo => ({ en, zh, hint });

export const WECOM_DIRECTORY_ERRCODES: Record<number, ErrcodeInfo> = {
	48009: row('this secret may not call this directory API', '无权限调用此接口', CONTACT_SYNC_HINT),
	40031: row(
		'invalid UserID list',
		'不合法的UserID列表',
		"At least one UserID is unknown or outside the app's visible range (可见范围): check the IDs (Member → Get).",
	),
	40066: row('invalid department list', '不合法的部门列表', 'Use department IDs from Department → List.'),
	40068: row('invalid tag ID', '不合法的标签ID', 'Use a tag ID from Tag → List; the tag may have been deleted.'),
	40070: row(
		'every tag member is invalid',
		'指定的标签范围结点全部无效',
		"Every UserID or department is unknown or outside the app's visible range.",
	),
	40071: row('the tag name already exists', '不合法的标签名字，标签名字已经存在', 'Pick a name no other tag has (Tag → List).'),
	46004: row('no member has this mobile or e-mail', '不存在该用户', 'Check the number or address; a member outside the app\'s visible range is not found either.'),
	60003: row('the department does not exist', '部门ID不存在', 'Use an ID from Department → List.'),
	60005: row('the department still has members', '不允许删除有成员的部门', 'Move or delete its members first.'),
	60006: row('the department still has sub-departments', '不允许删除有子部门的部门', 'Delete or move its sub-departments first.'),
	60008: row('a department with this name already exists under the parent', '部门已存在', 'Pick another name or parent.'),
	60102: row('the UserID already exists', 'UserID已存在', 'Pick another UserID, or use Member → Update.'),
	60103: row('invalid mobile number', '手机号码不合法', 'Use digits, e.g. 13800000000 (with +86- for another region).'),
	60104: row('the mobile number belongs to another member', '手机号码已存在', 'Each member needs their own mobile number.'),
	60105: row('invalid e-mail', '邮箱不合法', 'Use an address like name@example.com.'),
	60106: row('the e-mail belongs to another member', '邮箱已存在', 'Each member needs their own e-mail address.'),
	60111: row('the UserID does not exist', 'UserID不存在', "Check the UserID (it is the 账号 in the member's details, not the name)."),
	60123: row('invalid department ID', '无效的部门id', 'Use an ID from Department → List.'),
};
