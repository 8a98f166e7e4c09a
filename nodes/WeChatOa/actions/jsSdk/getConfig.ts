/**
 * What a page needs for wx.config (网页 JS-SDK 权限验证): appId, timestamp, nonceStr and the signature of the
 * page URL, from the account's jsapi_ticket (cached like the access token).
 */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { FieldError } from '../../../shared/execution/errors';
import { requireText } from '../../../shared/execution/itemContext';
import { getJsapiTicket, jsapiSignature, nonceString, signableUrl } from '../../../shared/oa/jsapiTicket';

export const description = scoped({ resource: ['jsSdk'], operation: ['getConfig'] }, [
	{
		displayName: 'Page URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://shop.example.com/p/42?from=menu',
		description:
			'The full URL of the page that calls wx.config, query included (the part after # is dropped, as WeChat requires). Its domain must be a JS接口安全域名 (设置与开发 → 公众号设置 → 功能设置).',
	},
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const url = signableUrl(
		requireText(
			run.item(itemIndex),
			'url',
			'Page URL',
			'Give the URL of the page, e.g. from the request that loads it.',
		),
	);
	if (!/^https?:\/\/[^/?#\s]+/i.test(url)) {
		throw new FieldError(
			'Page URL',
			`"${url}" is not an absolute http(s) URL`,
			'Give the full URL, starting with https://.',
		);
	}
	const ticket = await getJsapiTicket(run.client);
	const timestamp = Math.floor(Date.now() / 1000);
	const nonceStr = nonceString();
	return {
		json: {
			appId: run.client.source.id,
			timestamp,
			nonceStr,
			signature: jsapiSignature(ticket, nonceStr, timestamp, url),
			url,
		},
	};
};
