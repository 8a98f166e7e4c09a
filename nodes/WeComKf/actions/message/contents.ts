/**
 * The message types kf/send_msg takes (path/94677) and how an item's fields become each payload. text, image,
 * voice and file are WeCom's application-message payloads already defined for WeCom Send; video, link,
 * mini program, menu and location have kf's own shape.
 */
import type { INodeProperties } from 'n8n-workflow';
import {
	fileContent,
	imageContent,
	textContent,
	voiceContent,
	type WeComMessageContent,
} from '../../../shared/descriptions/wecomMessage';
import { mediaProperties, resolveMedia } from '../../../shared/descriptions/wecomMessage/media';
import { requireUrl } from '../../../shared/descriptions/wecomMessage/urls';
import { checkBytes, requireText } from '../../../shared/execution/itemContext';
import { FieldError } from '../../../shared/execution/errors';
import { menuContent } from './menu';

/** kf video is the media alone: no title or description as in application messages. */
const videoContent: WeComMessageContent = {
	msgtype: 'video',
	supportsSafe: false,
	properties: mediaProperties('Video', 'video (MP4, at most 10 MB)'),
	async build(ctx) {
		return { media_id: await resolveMedia(ctx, 'video', 'Video') };
	},
};

const linkContent: WeComMessageContent = {
	msgtype: 'link',
	supportsSafe: false,
	properties: [
		{
			displayName: 'Title',
			name: 'title',
			type: 'string',
			default: '',
			required: true,
			description: 'At most 128 bytes',
		},
		{ displayName: 'Description', name: 'desc', type: 'string', default: '', description: 'At most 512 bytes' },
		{
			displayName: 'URL',
			name: 'url',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'https://example.com/page',
		},
		...mediaProperties('Thumbnail', 'thumbnail image (JPG/PNG)'),
	],
	async build(ctx) {
		const title = requireText(ctx, 'title', 'Title', 'Enter the link title.');
		checkBytes(title, 128, 'Title');
		const url = requireUrl(ctx.text('url'), 'URL');
		checkBytes(url, 2048, 'URL');
		const desc = ctx.text('desc');
		if (desc) checkBytes(desc, 512, 'Description');
		return { title, ...(desc ? { desc } : {}), url, thumb_media_id: await resolveMedia(ctx, 'thumb', 'Thumbnail') };
	},
};

const miniProgramContent: WeComMessageContent = {
	msgtype: 'miniprogram',
	supportsSafe: false,
	properties: [
		{
			displayName: 'Mini Program AppID',
			name: 'appid',
			type: 'string',
			default: '',
			required: true,
			description: 'The AppID of a mini program linked to the company (已关联的小程序)',
		},
		{ displayName: 'Title', name: 'title', type: 'string', default: '', description: 'At most 64 bytes' },
		{
			displayName: 'Page Path',
			name: 'pagepath',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'pages/index/index.html',
			description: 'Must end with .html',
		},
		...mediaProperties('Thumbnail', 'cover image (JPG/PNG)'),
	],
	async build(ctx) {
		const appid = requireText(ctx, 'appid', 'Mini Program AppID', 'Enter the AppID of the mini program (wx…).');
		const pagepath = requireText(ctx, 'pagepath', 'Page Path', 'Enter the page, e.g. pages/index/index.html.');
		const title = ctx.text('title');
		if (title) checkBytes(title, 64, 'Title');
		return {
			appid,
			...(title ? { title } : {}),
			thumb_media_id: await resolveMedia(ctx, 'thumb', 'Thumbnail'),
			pagepath,
		};
	},
};

function coordinate(value: unknown, field: string, limit: number): number {
	const number = typeof value === 'number' ? value : Number(String(value ?? '').trim());
	if (String(value ?? '').trim() === '' || !Number.isFinite(number) || Math.abs(number) > limit)
		throw new FieldError(
			field,
			`"${String(value)}" is not a coordinate`,
			`Enter a number between -${limit} and ${limit}.`,
		);
	return number;
}

const locationContent: WeComMessageContent = {
	msgtype: 'location',
	supportsSafe: false,
	properties: [
		{
			displayName: 'Latitude',
			name: 'latitude',
			type: 'number',
			default: 0,
			required: true,
			typeOptions: { numberPrecision: 6 },
		},
		{
			displayName: 'Longitude',
			name: 'longitude',
			type: 'number',
			default: 0,
			required: true,
			typeOptions: { numberPrecision: 6 },
		},
		{ displayName: 'Name', name: 'name', type: 'string', default: '', description: 'Place name, at most 64 bytes' },
		{ displayName: 'Address', name: 'address', type: 'string', default: '', description: 'At most 256 bytes' },
	],
	async build(ctx) {
		const name = ctx.text('name');
		const address = ctx.text('address');
		if (name) checkBytes(name, 64, 'Name');
		if (address) checkBytes(address, 256, 'Address');
		return {
			...(name ? { name } : {}),
			...(address ? { address } : {}),
			latitude: coordinate(ctx.param('latitude'), 'Latitude', 90),
			longitude: coordinate(ctx.param('longitude'), 'Longitude', 180),
		};
	},
};

export const KF_CONTENTS: Record<string, { name: string; content: WeComMessageContent }> = {
	text: { name: 'Text', content: textContent },
	image: { name: 'Image', content: imageContent },
	voice: { name: 'Voice', content: voiceContent },
	video: { name: 'Video', content: videoContent },
	file: { name: 'File', content: fileContent },
	link: { name: 'Link (图文链接)', content: linkContent },
	miniprogram: { name: 'Mini Program (小程序)', content: miniProgramContent },
	msgmenu: { name: 'Menu (菜单消息)', content: menuContent },
	location: { name: 'Location (地理位置)', content: locationContent },
};

/** The Message Type field and every type's fields shown under it. */
export function messageFields(types: readonly string[]): INodeProperties[] {
	return [
		{
			displayName: 'Message Type',
			name: 'messageType',
			type: 'options',
			options: types.map((value) => ({ name: KF_CONTENTS[value].name, value })),
			// Both operations offer text.
			default: 'text',
		},
		...types.flatMap((value) =>
			KF_CONTENTS[value].content.properties.map((property) => ({
				...property,
				displayOptions: {
					...property.displayOptions,
					show: { ...property.displayOptions?.show, messageType: [value] },
				},
			})),
		),
	];
}
