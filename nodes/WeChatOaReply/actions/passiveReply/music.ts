import { passiveReplyOperation } from './reply';
import { requireText } from '../../../shared/execution/itemContext';

export const { description, execute } = passiveReplyOperation(
	'music',
	[
		{ displayName: 'Title', name: 'title', type: 'string', default: '' },
		{ displayName: 'Description', name: 'description', type: 'string', default: '' },
		{ displayName: 'Music URL', name: 'musicUrl', type: 'string', default: '' },
		{ displayName: 'HQ Music URL', name: 'hqMusicUrl', type: 'string', default: '', description: 'Played on Wi-Fi' },
		{
			displayName: 'Thumbnail Media ID',
			name: 'thumbMediaId',
			type: 'string',
			default: '',
			required: true,
			description: 'The media_id of a thumb upload',
		},
	],
	async (ctx) => ({
		thumbMediaId: requireText(
			ctx,
			'thumbMediaId',
			'Thumbnail Media ID',
			'Upload a thumbnail (Mass Send → Upload Media → Thumbnail) and map its media_id.',
		),
		title: ctx.text('title') || undefined,
		description: ctx.text('description') || undefined,
		musicUrl: ctx.text('musicUrl') || undefined,
		hqMusicUrl: ctx.text('hqMusicUrl') || undefined,
	}),
);
