/** A media field: either an existing media_id or an input binary property that the node uploads first. */
import type { INodeProperties } from 'n8n-workflow';
import { FieldError } from '../../execution/errors';
import type { ItemContext, MediaKind } from '../../execution/itemContext';

export function mediaProperties(label: string, kindHint: string): INodeProperties[] {
	return [
		{
			displayName: `${label} Source`,
			name: 'mediaSource',
			type: 'options',
			options: [
				{
					name: 'Binary Property (Uploaded First)',
					value: 'binary',
					description: `Upload the ${kindHint} from an input binary property`,
				},
				{ name: 'Media ID', value: 'mediaId', description: 'Use a media_id from an earlier upload (valid 3 days)' },
			],
			default: 'binary',
		},
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: `The binary property of the input item that holds the ${kindHint}`,
			displayOptions: { show: { mediaSource: ['binary'] } },
		},
		{
			displayName: 'Media ID',
			name: 'mediaId',
			type: 'string',
			default: '',
			required: true,
			description: 'The media_id returned by Upload Media (临时素材, valid 3 days)',
			displayOptions: { show: { mediaSource: ['mediaId'] } },
		},
	];
}

export async function resolveMedia(ctx: ItemContext, kind: MediaKind, label: string): Promise<string> {
	const source = ctx.param<string>('mediaSource', 'binary');
	if (source === 'mediaId') {
		const mediaId = ctx.text('mediaId');
		if (!mediaId)
			throw new FieldError('Media ID', 'is empty', `Enter a media_id, or set ${label} Source to Binary Property.`);
		return mediaId;
	}
	return await ctx.uploadMedia(kind, ctx.param<string>('binaryPropertyName', 'data'), `${label} (Input Binary Field)`);
}
