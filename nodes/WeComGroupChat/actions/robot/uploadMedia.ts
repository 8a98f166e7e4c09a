/** Upload a file or voice for this robot (上传文件): a media_id valid 3 days, usable only by this robot. */
import type { Operation } from '../../../shared/execution/router';
import type { RobotRun } from '../../../shared/robot/run';
import { scoped } from '../../../shared/descriptions/scope';

export const description = scoped({ resource: ['robot'], operation: ['uploadMedia'] }, [
	{
		displayName: 'Media Type',
		name: 'mediaType',
		type: 'options',
		options: [
			{ name: 'File (≤20 MB)', value: 'file' },
			{ name: 'Voice (AMR, ≤2 MB, ≤60 Seconds)', value: 'voice' },
		],
		default: 'file',
	},
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'The binary property of the input item that holds the file',
	},
]);

export const execute: Operation<RobotRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const type = ctx.param<'file' | 'voice'>('mediaType', 'file');
	const mediaId = await ctx.uploadMedia(type, ctx.param<string>('binaryPropertyName', 'data'), 'Input Binary Field');
	return { json: { type, media_id: mediaId } };
};
