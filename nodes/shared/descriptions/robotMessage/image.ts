/** A robot image travels inline: base64 of the bytes plus their md5, at most 2 MB, JPG or PNG. */
import { createHash } from 'node:crypto';
import type { WeComMessageContent } from '../wecomMessage/types';
import { readBinary } from '../../execution/binary';
import { FieldError } from '../../execution/errors';
import { checkMedia, type MediaRule } from '../../media/limits';

const ROBOT_IMAGE: MediaRule = {
	label: 'image',
	minBytes: 6,
	maxBytes: 2 * 1024 * 1024,
	kinds: ['jpeg', 'png'],
	formats: 'JPG or PNG',
};

export const robotImageContent: WeComMessageContent = {
	msgtype: 'image',
	supportsSafe: false,
	properties: [
		{
			displayName: 'Input Binary Field',
			name: 'binaryPropertyName',
			type: 'string',
			default: 'data',
			required: true,
			hint: 'JPG or PNG, at most 2 MB',
		},
	],
	async build(ctx) {
		const field = 'Input Binary Field';
		const file = await readBinary(ctx.exec, ctx.itemIndex, ctx.param<string>('binaryPropertyName', 'data'), field);
		const problem = checkMedia(file.data, ROBOT_IMAGE);
		if (problem) throw new FieldError(field, problem.problem, problem.fix);
		return { base64: file.data.toString('base64'), md5: createHash('md5').update(file.data).digest('hex') };
	},
};
