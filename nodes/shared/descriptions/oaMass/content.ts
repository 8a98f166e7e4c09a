/**
 * What a mass message carries, shared by Send to All or Tag, Send to OpenIDs and Preview: one message type
 * picker and the fields of each type (群发消息类型).
 */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import { FieldError } from '../../execution/errors';
import { requireText, checkBytes, type ItemContext } from '../../execution/itemContext';
import { idList } from '../wecomRecipients';
import { mediaProperties, resolveMedia } from '../wecomMessage/media';
import { scoped } from '../scope';

/** The operations that send a mass message; their values are the operations' names. */
export type MassTarget = 'sendAll' | 'send' | 'preview';

const forType = (type: string, properties: INodeProperties[]) => scoped({ msgType: [type] }, properties);

/** WeChat's preview takes one image, `image.media_id`, and none of the send APIs' image options. */
const notOnPreview: INodeProperties['displayOptions'] = { hide: { operation: ['preview'] } };

export const massContentProperties: INodeProperties[] = [
	{
		displayName: 'Message Type',
		name: 'msgType',
		type: 'options',
		options: [
			{
				name: 'Articles (Mpnews)',
				value: 'mpnews',
				description: 'Articles from Upload Articles or the draft box (图文消息)',
			},
			{ name: 'Card (Wxcard)', value: 'wxcard', description: 'A WeChat card or coupon (卡券)' },
			{ name: 'Images', value: 'image', description: 'One or more images (图片)' },
			{ name: 'Text', value: 'text', description: 'Plain text (文本)' },
			{ name: 'Video (Mpvideo)', value: 'mpvideo', description: 'A video from Upload Video (视频)' },
			{ name: 'Voice', value: 'voice', description: 'A voice clip (语音)' },
		],
		default: 'mpnews',
	},
	...forType('mpnews', [
		{
			displayName: 'Articles Media ID',
			name: 'mpnewsMediaId',
			type: 'string',
			default: '',
			required: true,
			description: 'The media_id of a draft (草稿) or from Upload Articles (uploadnews)',
			hint: "A draft's media_id (WeChat OA → Draft: Create) works as well as an uploaded one; WeChat now points new accounts to the draft box. A send (not a preview) takes the draft out of the draft box.",
		},
		{
			displayName: 'Send Even if Judged a Reprint',
			name: 'sendIgnoreReprint',
			type: 'boolean',
			default: false,
			description:
				'Whether to continue when WeChat judges the article a reprint that may be reprinted (send_ignore_reprint=1); otherwise the send stops',
		},
	]),
	...forType('text', [
		{ displayName: 'Content', name: 'content', type: 'string', typeOptions: { rows: 4 }, default: '', required: true },
	]),
	...forType('voice', mediaProperties('Voice', 'voice (AMR or MP3, at most 2 MB)')),
	...forType('image', [
		{
			displayName: 'Image Source',
			name: 'imageSource',
			type: 'options',
			options: [
				{ name: 'Binary Property (Uploaded First)', value: 'binary' },
				{ name: 'Media IDs', value: 'mediaIds' },
			],
			default: 'mediaIds',
		},
		{
			displayName: 'Image Media IDs',
			name: 'imageMediaIds',
			type: 'string',
			default: '',
			placeholder: 'MEDIA_ID1|MEDIA_ID2',
			description: 'Image media_ids, separated by | or commas; at most 8',
			displayOptions: { ...notOnPreview, show: { imageSource: ['mediaIds'] } },
		},
		{
			displayName: 'Image Media ID',
			name: 'imageMediaIds',
			type: 'string',
			default: '',
			placeholder: 'MEDIA_ID',
			description: "One image's media_id: a preview shows a single image (预览接口)",
			displayOptions: { show: { imageSource: ['mediaIds'] }, hide: { operation: ['sendAll', 'send'] } },
		},
		{
			displayName: 'Input Binary Field',
			name: 'imageBinaryPropertyName',
			type: 'string',
			default: 'data',
			displayOptions: { show: { imageSource: ['binary'] } },
		},
		{
			displayName: 'Recommendation',
			name: 'recommend',
			type: 'string',
			default: '',
			description: 'Text shown with the images (推荐语)',
			displayOptions: notOnPreview,
		},
		{
			displayName: 'Open Comments',
			name: 'needOpenComment',
			type: 'boolean',
			default: false,
			description: 'Whether readers may comment',
			displayOptions: notOnPreview,
		},
		{
			displayName: 'Only Followers May Comment',
			name: 'onlyFansCanComment',
			type: 'boolean',
			default: false,
			displayOptions: notOnPreview,
		},
	]),
	...forType('mpvideo', [
		{
			displayName: 'Video Media ID',
			name: 'mpvideoMediaId',
			type: 'string',
			default: '',
			required: true,
			description: 'The media_id returned by Upload Video (uploadvideo)',
		},
		{
			displayName: 'Title',
			name: 'videoTitle',
			type: 'string',
			default: '',
			description: 'Used when sending to OpenIDs',
		},
		{
			displayName: 'Description',
			name: 'videoDescription',
			type: 'string',
			default: '',
			description: 'Used when sending to OpenIDs',
		},
	]),
	...forType('wxcard', [{ displayName: 'Card ID', name: 'cardId', type: 'string', default: '', required: true }]),
];

/** The msgtype-specific part of the body: `{ msgtype, <payload key>: … }` plus send_ignore_reprint. */
export async function buildMassContent(ctx: ItemContext, target: MassTarget): Promise<IDataObject> {
	const type = ctx.param<string>('msgType', 'mpnews');
	switch (type) {
		case 'mpnews':
			return {
				msgtype: 'mpnews',
				mpnews: {
					media_id: requireText(
						ctx,
						'mpnewsMediaId',
						'Articles Media ID',
						'Map the media_id of a draft (WeChat OA → Draft: Create) or from Upload Articles.',
					),
				},
				...(target !== 'preview'
					? { send_ignore_reprint: ctx.param<boolean>('sendIgnoreReprint', false) ? 1 : 0 }
					: {}),
			};
		case 'text': {
			const content = requireText(ctx, 'content', 'Content', 'Enter the text to send.');
			checkBytes(content, 2048, 'Content');
			return { msgtype: 'text', text: { content } };
		}
		case 'voice':
			return { msgtype: 'voice', voice: { media_id: await resolveMedia(ctx, 'voice', 'Voice') } };
		case 'image': {
			const ids =
				ctx.param<string>('imageSource', 'mediaIds') === 'binary'
					? [await ctx.uploadMedia('image', ctx.text('imageBinaryPropertyName') || 'data', 'Input Binary Field')]
					: idList(ctx.param<unknown>('imageMediaIds', ''));
			if (!ids.length)
				throw new FieldError(
					'Image Media IDs',
					'is empty',
					'Enter at least one image media_id, or switch Image Source to Binary Property.',
				);
			if (target === 'preview') {
				if (ids.length > 1)
					throw new FieldError(
						'Image Media ID',
						`has ${ids.length} media_ids, but a preview shows one image`,
						'Enter one media_id (预览接口 takes one image; Send to All or Tag and Send to OpenIDs take up to 8).',
					);
				return { msgtype: 'image', image: { media_id: ids[0] } };
			}
			const images: IDataObject = {
				media_ids: ids,
				need_open_comment: ctx.param<boolean>('needOpenComment', false) ? 1 : 0,
				only_fans_can_comment: ctx.param<boolean>('onlyFansCanComment', false) ? 1 : 0,
			};
			const recommend = ctx.text('recommend');
			if (recommend) images.recommend = recommend;
			return { msgtype: 'image', images };
		}
		case 'mpvideo': {
			const mpvideo: IDataObject = {
				media_id: requireText(ctx, 'mpvideoMediaId', 'Video Media ID', 'Map the media_id from Upload Video.'),
			};
			if (target === 'send') {
				const title = ctx.text('videoTitle');
				const description = ctx.text('videoDescription');
				if (title) mpvideo.title = title;
				if (description) mpvideo.description = description;
			}
			return { msgtype: 'mpvideo', mpvideo };
		}
		case 'wxcard':
			return { msgtype: 'wxcard', wxcard: { card_id: requireText(ctx, 'cardId', 'Card ID', 'Enter the card_id.') } };
		default:
			throw new FieldError(
				'Message Type',
				`"${type}" is not a mass message type`,
				'Choose one of Articles, Text, Voice, Images, Video or Card.',
			);
	}
}

/** "Submitted" is not delivery: say so in every send's output. */
export const SUBMITTED_NOTE =
	'Submitted, not delivered: WeChat reports the result later as a MASSSENDJOBFINISH event (WeChat OA Trigger) or through Get Status.';
