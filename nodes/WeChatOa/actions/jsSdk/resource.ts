/** JS-SDK (网页 JS-SDK): the signed config a page opened in WeChat passes to wx.config. */
import { operationPicker } from '../../../shared/descriptions/operationPicker';
import type { OaResourceModule } from '../resourceModule';
import * as getConfig from './getConfig';

export const jsSdkResource: OaResourceModule = {
	option: {
		name: 'JS-SDK',
		value: 'jsSdk',
		description: 'Signatures for wx.config on your web pages (网页 JS-SDK)',
	},
	picker: operationPicker(
		'jsSdk',
		[
			{
				name: 'Get Config',
				value: 'getConfig',
				action: 'Get a JS-SDK config',
				description: 'AppId, timestamp, nonceStr and signature for a page URL (jsapi_ticket)',
			},
		],
		'getConfig',
	),
	operations: { getConfig },
};
