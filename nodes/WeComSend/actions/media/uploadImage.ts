/** Upload image (上传图片): a permanent URL for mpnews bodies and WeCom pages. */
import type { WeComOperation } from '../types';
import { scoped } from '../../../shared/descriptions/scope';
import { readBinary } from '../../../shared/execution/binary';
import { uploadPermanentImage } from '../../../shared/wecom/upload';
import { concurrencyOption } from '../options';

export const description = scoped({ resource: ['media'], operation: ['uploadImage'] }, [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'JPG or PNG, 5 bytes to 2 MB',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [concurrencyOption],
	},
]);

export const execute: WeComOperation['execute'] = async function (run, itemIndex) {
	const file = await readBinary(
		this,
		itemIndex,
		run.item(itemIndex).param<string>('binaryPropertyName'),
		'Input Binary Field',
	);
	const answer = await uploadPermanentImage(run.connection.client, file, 'Input Binary Field');
	return { json: { url: String(answer.url), fileName: file.fileName, size: file.data.length } };
};
