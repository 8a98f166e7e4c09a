/**
 * msgmenu (菜单消息): a head text, a list of items the customer taps, a tail text. Item types: click (回复菜单:
 * the tap comes back in sync_msg with the item's id as menu_id), view (超链接), miniprogram (小程序) and text
 * (plain text between items).
 */
import type { IDataObject } from 'n8n-workflow';
import type { WeComMessageContent } from '../../../shared/descriptions/wecomMessage';
import { checkBytes } from '../../../shared/execution/itemContext';
import { FieldError } from '../../../shared/execution/errors';
import { requireUrl } from '../../../shared/descriptions/wecomMessage/urls';

const MAX_ITEMS = 10;

function menuItem(item: IDataObject, index: number): IDataObject {
	const type = String(item.type ?? 'click');
	const field = (name: string) => `Menu Items ${index + 1}: ${name}`;
	const content = String(item.content ?? '').trim();
	if (!content) throw new FieldError(field('Text'), 'is empty', 'Enter what the item shows.');
	// A reply item's text is at most 128 bytes, the others' 1024 (path/94677 菜单消息).
	checkBytes(content, type === 'click' ? 128 : 1024, field('Text'));
	const need = (name: string, label: string, fix: string) => {
		const value = String(item[name] ?? '').trim();
		if (!value) throw new FieldError(field(label), 'is empty', fix);
		return value;
	};
	switch (type) {
		case 'click': {
			const id = String(item.id ?? '').trim();
			if (id && !/^[0-9A-Za-z_-]{1,64}$/.test(id))
				throw new FieldError(field('ID'), `"${id}" has characters WeCom refuses`, 'Use at most 64 of 0-9 a-z A-Z _ -.');
			return { type, click: { ...(id ? { id } : {}), content } };
		}
		case 'view':
			return { type, view: { url: requireUrl(String(item.url ?? ''), field('URL')), content } };
		case 'miniprogram':
			return {
				type,
				miniprogram: {
					appid: need('appid', 'Mini Program AppID', 'Enter the AppID.'),
					pagepath: need('pagepath', 'Page Path', 'Enter the page path.'),
					content,
				},
			};
		case 'text':
			return { type, text: { content, no_newline: item.noNewline === true ? 1 : 0 } };
		default:
			throw new FieldError(
				field('Type'),
				`"${type}" is not a menu item type`,
				'Choose Reply, Link, Mini Program or Text.',
			);
	}
}

export const menuContent: WeComMessageContent = {
	msgtype: 'msgmenu',
	supportsSafe: false,
	properties: [
		{
			displayName: 'Head Text',
			name: 'headContent',
			type: 'string',
			default: '',
			description: 'Shown above the items (head_content), at most 1024 bytes',
		},
		{
			displayName: 'Menu Items',
			name: 'menuItems',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Item',
			default: {},
			description: `At most ${MAX_ITEMS} items`,
			options: [
				{
					displayName: 'Item',
					name: 'item',
					values: [
						{
							displayName: 'ID',
							name: 'id',
							type: 'string',
							default: '',
							description: 'Reply items:	returned as menu_id when tapped',
						},
						{
							displayName: 'Mini Program AppID',
							name: 'appid',
							type: 'string',
							default: '',
						},
						{
							displayName: 'No Line Break',
							name: 'noNewline',
							type: 'boolean',
							default: false,
							description: 'Whether the text follows the previous item on the same line',
						},
						{
							displayName: 'Page Path',
							name: 'pagepath',
							type: 'string',
							default: '',
						},
						{
							displayName: 'Text',
							name: 'content',
							type: 'string',
							default: '',
							description: 'What the item shows',
						},
						{
							displayName: 'Type',
							name: 'type',
							type: 'options',
							options: [
								{
									name: 'Reply (Click)',
									value: 'click',
									description: "The customer's tap comes back as a text message with this ID as menu_id",
								},
								{
									name: 'Link (View)',
									value: 'view',
								},
								{
									name: 'Mini Program',
									value: 'miniprogram',
								},
								{
									name: 'Text',
									value: 'text',
									description: 'Plain text between items',
								},
							],
							default: 'click',
						},
						{
							displayName: 'URL',
							name: 'url',
							type: 'string',
							default: '',
						},
					],
				},
			],
		},
		{
			displayName: 'Tail Text',
			name: 'tailContent',
			type: 'string',
			default: '',
			description: 'Shown below the items (tail_content), at most 1024 bytes',
		},
	],
	async build(ctx) {
		const items = ctx.param<{ item?: IDataObject[] }>('menuItems', {}).item ?? [];
		if (items.length === 0) throw new FieldError('Menu Items', 'is empty', 'Add at least one item.');
		if (items.length > MAX_ITEMS)
			throw new FieldError('Menu Items', `has ${items.length} items`, `Use at most ${MAX_ITEMS}.`);
		const head = ctx.text('headContent');
		const tail = ctx.text('tailContent');
		if (head) checkBytes(head, 1024, 'Head Text');
		if (tail) checkBytes(tail, 1024, 'Tail Text');
		return {
			...(head ? { head_content: head } : {}),
			list: items.map(menuItem),
			...(tail ? { tail_content: tail } : {}),
		};
	},
};
