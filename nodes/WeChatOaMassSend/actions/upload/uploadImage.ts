/** Upload an image for article bodies (上传图文消息内的图片, uploadimg): a URL WeChat accepts inside articles. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { readBinary } from '../../../shared/execution/binary';
import { uploadOaArticleImage } from '../../../shared/oa/upload';

export const description = scoped({ resource: ['upload'], operation: ['uploadImage'] }, [
	{
		displayName: 'Input Binary Field',
		name: 'binaryPropertyName',
		type: 'string',
		default: 'data',
		required: true,
		hint: 'JPG or PNG, under 1 MB',
	},
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const file = await readBinary(this, itemIndex, run.item(itemIndex).text('binaryPropertyName'), 'Input Binary Field');
	const answer = await uploadOaArticleImage(run.client, file, 'Input Binary Field');
	return { json: { url: String(answer.url), fileName: file.fileName, size: file.data.length } };
};
