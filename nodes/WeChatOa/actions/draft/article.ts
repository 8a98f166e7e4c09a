/**
 * One article of a draft (图文消息), as Create (1 to 8) and Update (one) take it: the fields, WeChat's limits checked
 * before sending, the cover uploaded first as permanent material when it comes as a binary, and the images
 * inside the HTML uploaded when asked.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { FieldError } from '../../../shared/execution/errors';
import type { ItemContext } from '../../../shared/execution/itemContext';
import { readBinary } from '../../../shared/execution/binary';
import { uploadOaPermanentMaterial } from '../../../shared/oa/upload';
import type { TokenClient } from '../../../shared/transport/client';
import { articleImageUploader, rewriteImages, type ArticleImageUploader } from './inlineImages';

/** draft_add: title ≤32 characters, author ≤16, digest ≤128, content under 20,000 characters and 1 MB. */
const LIMITS = { title: 32, author: 16, digest: 128, contentChars: 20_000, contentBytes: 1024 * 1024 } as const;
/** content_source_url "大小不可超过1 kb". */
const MAX_SOURCE_URL_BYTES = 1024;
/** X1_Y1_X2_Y2 between 0 and 1, at most 6 decimals each. */
const CROP = /^(0(\.\d{1,6})?|1(\.0{1,6})?)(_(0(\.\d{1,6})?|1(\.0{1,6})?)){3}$/;

export const articleValues: INodeProperties[] = [
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		default: '',
		description: 'At most 32 characters (标题)',
	},
	{
		displayName: 'Content (HTML)',
		name: 'content',
		type: 'string',
		typeOptions: { rows: 6 },
		default: '',
		description:
			'The body (正文), under 20,000 characters. WeChat drops images not on its CDN: turn on the node option Upload Images in Content, or use URLs from Upload Image.',
	},
	{
		displayName: 'Cover Media ID',
		name: 'thumbMediaId',
		type: 'string',
		default: '',
		description: 'The media_id of a permanent image (永久素材) used as cover (thumb_media_id)',
	},
	{
		displayName: 'Cover Binary Field',
		name: 'thumbBinaryPropertyName',
		type: 'string',
		default: '',
		description:
			'Input binary property with the cover image, uploaded first as permanent material; used when Cover Media ID is empty',
	},
	{ displayName: 'Author', name: 'author', type: 'string', default: '', description: 'At most 16 characters (作者)' },
	{
		displayName: 'Digest',
		name: 'digest',
		type: 'string',
		default: '',
		description: 'Summary (摘要), at most 128 characters; WeChat takes the first 54 characters of the body when empty',
	},
	{
		displayName: 'Source URL',
		name: 'contentSourceUrl',
		type: 'string',
		default: '',
		description: 'Opened by "阅读原文" (content_source_url)',
	},
	{ displayName: 'Open Comments', name: 'needOpenComment', type: 'boolean', default: false },
	{ displayName: 'Only Followers May Comment', name: 'onlyFansCanComment', type: 'boolean', default: false },
	{
		displayName: 'Cover Crop 2.35:1',
		name: 'picCrop2351',
		type: 'string',
		default: '',
		placeholder: '0.1945_0_1_0.5236',
		description: 'X1_Y1_X2_Y2 of the 2.35:1 crop, 0 to 1 from the top left (pic_crop_235_1)',
	},
	{
		displayName: 'Cover Crop 1:1',
		name: 'picCrop11',
		type: 'string',
		default: '',
		placeholder: '0.166454_0_0.833545_1',
		description: 'X1_Y1_X2_Y2 of the 1:1 crop (pic_crop_1_1)',
	},
];

/** What building an article may need besides its fields. */
export interface ArticleSources {
	client: TokenClient;
	ctx: ItemContext;
	/** Set when the images inside the HTML are to be uploaded. */
	images?: ArticleImageUploader;
}

function text(raw: IDataObject, name: string): string {
	return String(raw[name] ?? '').trim();
}

function limited(value: string, max: number, field: string): string {
	const length = [...value].length;
	if (length > max) throw new FieldError(field, `is ${length} characters, over WeChat's ${max}`, 'Shorten it.');
	return value;
}

/** The checks that need no network: run for every article before anything is uploaded or sent. */
export function checkArticle(raw: IDataObject, field: string): void {
	const title = text(raw, 'title');
	if (!title) throw new FieldError(`${field} › Title`, 'is empty', 'Every article needs a title.');
	limited(title, LIMITS.title, `${field} › Title`);
	const content = String(raw.content ?? '');
	if (!content.trim()) throw new FieldError(`${field} › Content (HTML)`, 'is empty', 'Every article needs a body.');
	limited(content, LIMITS.contentChars - 1, `${field} › Content (HTML)`);
	if (Buffer.byteLength(content) >= LIMITS.contentBytes)
		throw new FieldError(`${field} › Content (HTML)`, 'is 1 MB or more', 'WeChat takes bodies under 1 MB: shorten it.');
	limited(text(raw, 'author'), LIMITS.author, `${field} › Author`);
	limited(text(raw, 'digest'), LIMITS.digest, `${field} › Digest`);
	const source = text(raw, 'contentSourceUrl');
	if (source && (!/^https?:\/\//i.test(source) || Buffer.byteLength(source) > MAX_SOURCE_URL_BYTES))
		throw new FieldError(
			`${field} › Source URL`,
			`"${source.slice(0, 80)}" is not an http(s) URL under 1 KB`,
			'Enter a full URL.',
		);
	for (const [name, label] of [
		['picCrop2351', 'Cover Crop 2.35:1'],
		['picCrop11', 'Cover Crop 1:1'],
	] as const) {
		const crop = text(raw, name);
		if (crop && !CROP.test(crop))
			throw new FieldError(
				`${field} › ${label}`,
				`"${crop}" is not X1_Y1_X2_Y2`,
				'Give four numbers from 0 to 1 (at most 6 decimals) joined by "_", e.g. 0.1945_0_1_0.5236.',
			);
	}
	if (!text(raw, 'thumbMediaId') && !text(raw, 'thumbBinaryPropertyName'))
		throw new FieldError(
			`${field} › Cover Media ID`,
			'is empty',
			'Give the cover as the media_id of a permanent image, or as an input binary property (Cover Binary Field).',
		);
}

/** The article as draft/add and draft/update take it; call checkArticle first. */
export async function buildArticle(raw: IDataObject, field: string, sources: ArticleSources): Promise<IDataObject> {
	let thumb = text(raw, 'thumbMediaId');
	if (!thumb) {
		const coverField = `${field} › Cover Binary Field`;
		const file = await readBinary(
			sources.ctx.exec,
			sources.ctx.itemIndex,
			text(raw, 'thumbBinaryPropertyName'),
			coverField,
		);
		thumb = String((await uploadOaPermanentMaterial(sources.client, 'image', file, coverField)).media_id);
	}
	let content = String(raw.content ?? '');
	if (sources.images) content = await rewriteImages(content, sources.images, `${field} › Content (HTML)`);
	const optional = (key: string, value: string): IDataObject => (value ? { [key]: value } : {});
	return {
		article_type: 'news',
		title: text(raw, 'title'),
		...optional('author', text(raw, 'author')),
		...optional('digest', text(raw, 'digest')),
		content,
		...optional('content_source_url', text(raw, 'contentSourceUrl')),
		thumb_media_id: thumb,
		need_open_comment: raw.needOpenComment ? 1 : 0,
		only_fans_can_comment: raw.onlyFansCanComment ? 1 : 0,
		...optional('pic_crop_235_1', text(raw, 'picCrop2351')),
		...optional('pic_crop_1_1', text(raw, 'picCrop11')),
	};
}

/** The Options of Create and Update: whether the pictures inside the HTML are uploaded first. */
export const articleOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Upload Images in Content',
			name: 'uploadContentImages',
			type: 'boolean',
			default: false,
			description:
				"Whether to upload every &lt;img&gt; of the HTML that is not on WeChat's CDN through uploadimg and rewrite its src. Write a src as an http(s) URL (downloaded first) or as binary:NAME, NAME being an input binary property.",
		},
	],
};

/** The uploader for the pictures inside the HTML when the item's options ask for it. */
export function contentImages(
	exec: IExecuteFunctions,
	ctx: ItemContext,
	client: TokenClient,
): ArticleImageUploader | undefined {
	const options = ctx.param<IDataObject>('options', {});
	return options.uploadContentImages ? articleImageUploader(exec, ctx.itemIndex, client) : undefined;
}
