/**
 * Build the consent URL a user opens in WeChat (网页授权 step 1). No call is made: WeChat sends the user back to
 * the redirect URI with `?code=…&state=…`, where Get User From Code takes over.
 */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { FieldError } from '../../../shared/execution/errors';
import { requireText } from '../../../shared/execution/itemContext';
import { authorizeUrl, DEFAULT_AUTHORIZE_BASE_URL, type OAuthScope } from '../../../shared/oa/webAuth';

/** "开发者可以填写a-zA-Z0-9的参数值，最多128字节". */
const STATE_PATTERN = /^[A-Za-z0-9]{0,128}$/;

export const description = scoped({ resource: ['webAuth'], operation: ['buildAuthorizeUrl'] }, [
	{
		displayName: 'Redirect URI',
		name: 'redirectUri',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://n8n.example.com/webhook/wechat-login',
		description:
			'The page WeChat sends the user back to with ?code&state, e.g. the Production URL of a Webhook node. Its domain must be the 网页授权域名 set in 公众平台 → 设置与开发 → 接口权限 → 网页授权.',
	},
	{
		displayName: 'Scope',
		name: 'scope',
		type: 'options',
		options: [
			{
				name: 'Base (Silent, OpenID Only)',
				value: 'snsapi_base',
				description: 'No consent page: the user is sent straight back; you get the openid (snsapi_base)',
			},
			{
				name: 'User Info (Asks the User)',
				value: 'snsapi_userinfo',
				description: 'A consent page; you also get the nickname and avatar (snsapi_userinfo)',
			},
		],
		default: 'snsapi_base',
	},
	{
		displayName: 'State',
		name: 'state',
		type: 'string',
		default: '',
		description:
			'Returned unchanged with the code, to tie the answer to your request (letters and digits, at most 128)',
	},
]);

function checkedRedirectUri(value: string): string {
	if (!URL.canParse(value)) {
		throw new FieldError(
			'Redirect URI',
			`"${value}" is not an absolute URL`,
			'Give the full URL, starting with https://.',
		);
	}
	const parsed = new URL(value);
	if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
		throw new FieldError('Redirect URI', `uses ${parsed.protocol}`, 'Use an http:// or https:// URL.');
	}
	return value;
}

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const redirectUri = checkedRedirectUri(
		requireText(ctx, 'redirectUri', 'Redirect URI', 'Give the URL WeChat should send the user back to.'),
	);
	const scope = ctx.param<OAuthScope>('scope', 'snsapi_base');
	const state = ctx.text('state');
	if (!STATE_PATTERN.test(state)) {
		throw new FieldError(
			'State',
			'may only hold letters and digits, at most 128',
			'WeChat drops other characters: use e.g. a hex or base62 id.',
		);
	}
	const credentials = await this.getCredentials('weChatOaApi', itemIndex);
	const url = authorizeUrl({
		authorizeBaseUrl: String(credentials.authorizeBaseUrl || DEFAULT_AUTHORIZE_BASE_URL),
		appId: run.client.source.id,
		redirectUri,
		scope,
		state,
	});
	return { json: { url, redirect_uri: redirectUri, scope, state } };
};
