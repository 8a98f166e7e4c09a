/** The menu's buttons, from JSON (menu as code) or from a form; both are checked against WeChat's rules. */
import type { IDataObject, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import type { ItemContext } from '../../../shared/execution/itemContext';
import { FieldError } from '../../../shared/execution/errors';
import { BUTTON_TYPES, checkMenuButtons } from './rules';

const TYPE_OPTIONS: INodePropertyOptions[] = [
	{
		name: 'Click (Sends an Event With the Key)',
		value: 'click',
		description: '点击推事件: a CLICK event with EventKey',
	},
	{ name: 'Location Select', value: 'location_select', description: '弹出地理位置选择器' },
	{ name: 'Media (Permanent Material)', value: 'media_id', description: '下发消息: sends a permanent material' },
	{ name: 'Mini Program', value: 'miniprogram', description: '跳转小程序' },
	{
		name: 'Open Published Article',
		value: 'article_view_limited',
		description: '跳转图文消息URL: opens a published article',
	},
	{ name: 'Photo (Camera)', value: 'pic_sysphoto', description: '弹出系统拍照发图' },
	{ name: 'Photo (Camera or Album)', value: 'pic_photo_or_album', description: '弹出拍照或者相册发图' },
	{ name: 'Photo (WeChat Album)', value: 'pic_weixin', description: '弹出微信相册发图器' },
	{ name: 'Scan (Push)', value: 'scancode_push', description: '扫码推事件' },
	{ name: 'Scan (Wait for Message)', value: 'scancode_waitmsg', description: '扫码推事件且弹出“消息接收中”提示框' },
	{ name: 'Send Published Article', value: 'article_id', description: '发送图文消息: sends a published article' },
	{ name: 'View (Open a URL)', value: 'view', description: '跳转URL' },
];
const KEY_TYPES = Object.keys(BUTTON_TYPES).filter((type) => BUTTON_TYPES[type].includes('key'));

/** The fields of one form row; `types` decides which types it offers. */
function rowFields(types: INodePropertyOptions[], extra: INodeProperties[]): INodeProperties[] {
	return [
		{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'The button label (菜单标题)' },
		{ displayName: 'Type', name: 'type', type: 'options', options: types, default: 'click' },
		{
			displayName: 'Key',
			name: 'key',
			type: 'string',
			default: '',
			description: 'Sent as EventKey with the event: up to 128 bytes',
			displayOptions: { show: { type: KEY_TYPES } },
		},
		{
			displayName: 'URL',
			name: 'url',
			type: 'string',
			default: '',
			placeholder: 'https://example.com/',
			description: 'The page to open (Mini Program: the fallback for old clients); up to 1024 bytes',
			displayOptions: { show: { type: ['view', 'miniprogram'] } },
		},
		{
			displayName: 'Mini Program AppID',
			name: 'appid',
			type: 'string',
			default: '',
			displayOptions: { show: { type: ['miniprogram'] } },
		},
		{
			displayName: 'Mini Program Page Path',
			name: 'pagepath',
			type: 'string',
			default: '',
			placeholder: 'pages/index/index',
			displayOptions: { show: { type: ['miniprogram'] } },
		},
		{
			displayName: 'Media ID',
			name: 'media_id',
			type: 'string',
			default: '',
			description: 'A permanent material media_id (Permanent Material → Upload)',
			displayOptions: { show: { type: ['media_id'] } },
		},
		{
			displayName: 'Article ID',
			name: 'article_id',
			type: 'string',
			default: '',
			description: 'The article_id of a published article (Publish → Get Status)',
			displayOptions: { show: { type: ['article_id', 'article_view_limited'] } },
		},
		...extra,
	];
}

export const menuButtonFields: INodeProperties[] = [
	{
		displayName: 'Define Menu',
		name: 'menuSource',
		type: 'options',
		options: [
			{ name: 'As JSON', value: 'json', description: "WeChat's own menu JSON: keep the menu in version control" },
			{ name: 'With a Form', value: 'form' },
		],
		default: 'json',
	},
	{
		displayName: 'Menu JSON',
		name: 'menuJson',
		type: 'json',
		default:
			'{\n  "button": [\n    { "type": "click", "name": "今日推荐", "key": "TODAY" },\n    { "type": "view", "name": "官网", "url": "https://example.com/" }\n  ]\n}',
		description: '{"button": [...]} as WeChat documents it (sub-buttons under "sub_button"), or just the button array',
		displayOptions: { show: { menuSource: ['json'] } },
	},
	{
		displayName: 'Buttons',
		name: 'buttons',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, maxValue: 3 },
		placeholder: 'Add Button',
		default: {},
		description: '1 to 3 top-level buttons',
		displayOptions: { show: { menuSource: ['form'] } },
		options: [
			{
				displayName: 'Button',
				name: 'button',
				values: rowFields(
					[{ name: 'Sub-Menu (Has Sub-Buttons)', value: 'subMenu', description: '二级菜单' }, ...TYPE_OPTIONS],
					[
						{
							displayName: 'Sub-Buttons',
							name: 'subButtons',
							type: 'fixedCollection',
							typeOptions: { multipleValues: true, maxValue: 5 },
							placeholder: 'Add Sub-Button',
							default: {},
							description: '1 to 5 sub-buttons',
							displayOptions: { show: { type: ['subMenu'] } },
							options: [{ displayName: 'Sub-Button', name: 'button', values: rowFields(TYPE_OPTIONS, []) }],
						},
					],
				),
			},
		],
	},
];

const ROW_FIELDS = ['key', 'url', 'appid', 'pagepath', 'media_id', 'article_id'] as const;

function rowsOf(value: unknown): IDataObject[] {
	const rows = (value as { button?: unknown } | undefined)?.button;
	return Array.isArray(rows) ? (rows as IDataObject[]) : [];
}

function fromRow(row: IDataObject): IDataObject {
	const name = String(row.name ?? '').trim();
	const type = String(row.type ?? '');
	if (type === 'subMenu') return { name, sub_button: rowsOf(row.subButtons).map(fromRow) };
	const button: IDataObject = { type, name };
	// Only the fields this type uses: a form keeps values of fields hidden after a type change.
	for (const field of ROW_FIELDS) {
		if (BUTTON_TYPES[type]?.includes(field)) button[field] = String(row[field] ?? '').trim();
	}
	return button;
}

function parseMenuJson(value: unknown): unknown {
	if (typeof value !== 'string') return value;
	let problem: string | undefined;
	try {
		return JSON.parse(value);
	} catch (error) {
		problem = (error as Error).message;
	}
	throw new FieldError(
		'Menu JSON',
		`is not valid JSON (${problem})`,
		'Paste the menu as WeChat documents it: {"button": [...]}.',
	);
}

/** The checked buttons of the item's menu, from JSON or the form. */
export function readMenuButtons(ctx: ItemContext): IDataObject[] {
	if (ctx.param<string>('menuSource', 'json') === 'form')
		return checkMenuButtons(rowsOf(ctx.param<unknown>('buttons', {})).map(fromRow));
	const parsed = parseMenuJson(ctx.param<unknown>('menuJson', ''));
	const buttons = Array.isArray(parsed) ? parsed : (parsed as { button?: unknown } | null)?.button;
	return checkMenuButtons(buttons);
}
