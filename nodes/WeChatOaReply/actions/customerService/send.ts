/** Send a customer-service message (客服消息, message/custom/send): within 48 h of the user's last message. */
import type { IDataObject, INodeProperties } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import type { ItemContext } from '../../../shared/execution/itemContext';
import { requireText } from '../../../shared/execution/itemContext';
import { scoped } from '../../../shared/descriptions/scope';
import { mediaProperties, resolveMedia } from '../../../shared/descriptions/wecomMessage/media';
import { pairLines } from '../../../shared/descriptions/templateCard/build';
import { FieldError } from '../../../shared/execution/errors';
import { sendCustomMessage } from '../../../shared/oa/customMessage';

const forType = (type: string, properties: INodeProperties[]) => scoped({ msgType: [type] }, properties);

export const description = scoped({ resource: ['customerService'], operation: ['send'] }, [
	{
		displayName: 'Recipient OpenID',
		name: 'toUser',
		type: 'string',
		default: '={{ $json.FromUserName }}',
		required: true,
		description: 'The follower to write to; by default the sender of the message that started the workflow',
	},
	{
		displayName: 'Message Type',
		name: 'msgType',
		type: 'options',
		options: [
			{ name: 'Image', value: 'image' },
			{ name: 'Menu (Msgmenu)', value: 'msgmenu', description: 'Clickable choices (菜单消息)' },
			{ name: 'Mini Program Page', value: 'miniprogrampage' },
			{ name: 'Music', value: 'music' },
			{ name: 'News (One Article)', value: 'news' },
			{ name: 'Published Article (Mpnewsarticle)', value: 'mpnewsarticle' },
			{ name: 'Stored Articles (Mpnews)', value: 'mpnews' },
			{ name: 'Text', value: 'text' },
			{ name: 'Video', value: 'video' },
			{ name: 'Voice', value: 'voice' },
		],
		default: 'text',
	},
	...forType('text', [
		{ displayName: 'Content', name: 'content', type: 'string', typeOptions: { rows: 4 }, default: '', required: true },
	]),
	...forType('image', mediaProperties('Image', 'image')),
	...forType('voice', mediaProperties('Voice', 'voice')),
	...forType('video', [
		...mediaProperties('Video', 'video (MP4)'),
		{ displayName: 'Thumbnail Media ID', name: 'thumbMediaId', type: 'string', default: '', required: true },
		{ displayName: 'Title', name: 'title', type: 'string', default: '' },
		{ displayName: 'Description', name: 'description', type: 'string', default: '' },
	]),
	...forType('music', [
		{ displayName: 'Title', name: 'title', type: 'string', default: '' },
		{ displayName: 'Description', name: 'description', type: 'string', default: '' },
		{ displayName: 'Music URL', name: 'musicUrl', type: 'string', default: '', required: true },
		{ displayName: 'HQ Music URL', name: 'hqMusicUrl', type: 'string', default: '' },
		{ displayName: 'Thumbnail Media ID', name: 'thumbMediaId', type: 'string', default: '', required: true },
	]),
	...forType('news', [
		{ displayName: 'Title', name: 'title', type: 'string', default: '', required: true },
		{ displayName: 'Description', name: 'description', type: 'string', default: '' },
		{ displayName: 'URL', name: 'url', type: 'string', default: '', required: true },
		{ displayName: 'Picture URL', name: 'picUrl', type: 'string', default: '' },
	]),
	...forType('mpnews', [
		{ displayName: 'Articles Media ID', name: 'articlesMediaId', type: 'string', default: '', required: true },
	]),
	...forType('mpnewsarticle', [
		{
			displayName: 'Article ID',
			name: 'articleId',
			type: 'string',
			default: '',
			required: true,
			description: 'The article_id of a published article',
		},
	]),
	...forType('msgmenu', [
		{
			displayName: 'Head Text',
			name: 'headContent',
			type: 'string',
			default: '',
			description: 'Text above the choices',
		},
		{
			displayName: 'Choices',
			name: 'menuItems',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			placeholder: '101=满意\n102=不满意',
			required: true,
			description: 'One choice per line as ID=text; a tap sends the text back with the ID',
		},
		{
			displayName: 'Tail Text',
			name: 'tailContent',
			type: 'string',
			default: '',
			description: 'Text below the choices',
		},
	]),
	...forType('miniprogrampage', [
		{ displayName: 'Title', name: 'title', type: 'string', default: '', required: true },
		{ displayName: 'Mini Program App ID', name: 'appId', type: 'string', default: '', required: true },
		{ displayName: 'Page Path', name: 'pagePath', type: 'string', default: '', required: true },
		{ displayName: 'Thumbnail Media ID', name: 'thumbMediaId', type: 'string', default: '', required: true },
	]),
]);

async function payload(ctx: ItemContext, type: string): Promise<IDataObject> {
	const need = (name: string, field: string) => requireText(ctx, name, field, `Fill in ${field}.`);
	switch (type) {
		case 'text':
			return { content: need('content', 'Content') };
		case 'image':
		case 'voice':
			return { media_id: await resolveMedia(ctx, type, type === 'image' ? 'Image' : 'Voice') };
		case 'video':
			return {
				media_id: await resolveMedia(ctx, 'video', 'Video'),
				thumb_media_id: need('thumbMediaId', 'Thumbnail Media ID'),
				title: ctx.text('title'),
				description: ctx.text('description'),
			};
		case 'music':
			return {
				title: ctx.text('title'),
				description: ctx.text('description'),
				musicurl: need('musicUrl', 'Music URL'),
				hqmusicurl: ctx.text('hqMusicUrl') || ctx.text('musicUrl'),
				thumb_media_id: need('thumbMediaId', 'Thumbnail Media ID'),
			};
		case 'news':
			return {
				articles: [
					{
						title: need('title', 'Title'),
						description: ctx.text('description'),
						url: need('url', 'URL'),
						picurl: ctx.text('picUrl'),
					},
				],
			};
		case 'mpnews':
			return { media_id: need('articlesMediaId', 'Articles Media ID') };
		case 'mpnewsarticle':
			return { article_id: need('articleId', 'Article ID') };
		case 'msgmenu': {
			const list = pairLines(ctx.param<string>('menuItems', ''), 'Choices').map(([id, content]) => ({ id, content }));
			if (!list.length) throw new FieldError('Choices', 'is empty', 'Add at least one choice as ID=text.');
			return { head_content: ctx.text('headContent'), list, tail_content: ctx.text('tailContent') };
		}
		case 'miniprogrampage':
			return {
				title: need('title', 'Title'),
				appid: need('appId', 'Mini Program App ID'),
				pagepath: need('pagePath', 'Page Path'),
				thumb_media_id: need('thumbMediaId', 'Thumbnail Media ID'),
			};
		default:
			throw new FieldError(
				'Message Type',
				`"${type}" is not a customer-service message type`,
				'Choose a type from the list.',
			);
	}
}

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const touser = requireText(
		ctx,
		'toUser',
		'Recipient OpenID',
		"Map the follower's openid (FromUserName of the received message).",
	);
	const msgtype = ctx.param<string>('msgType', 'text');
	await sendCustomMessage(run.client, { touser, msgtype, [msgtype]: await payload(ctx, msgtype) });
	return { json: { touser, msgtype, sent: true } };
};
