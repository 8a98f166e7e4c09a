/** Web Authorisation (网页授权): OAuth 2.0 for pages opened in WeChat. */
import { operationPicker } from '../../../shared/descriptions/operationPicker';
import type { OaResourceModule } from '../resourceModule';
import * as buildAuthorizeUrl from './buildAuthorizeUrl';
import * as getUserFromCode from './getUserFromCode';
import * as refreshToken from './refreshToken';
import * as checkToken from './checkToken';

export const webAuthResource: OaResourceModule = {
	option: {
		name: 'Web Authorisation',
		value: 'webAuth',
		description: 'Sign users in on web pages opened in WeChat (网页授权, OAuth)',
	},
	picker: operationPicker(
		'webAuth',
		[
			{
				name: 'Build Authorize URL',
				value: 'buildAuthorizeUrl',
				action: 'Build an authorize URL',
				description: 'The consent link to send a user to (snsapi_base / snsapi_userinfo)',
			},
			{
				name: 'Check Token',
				value: 'checkToken',
				action: 'Check a user access token',
				description: "Whether a user's token is still valid (sns/auth)",
			},
			{
				name: 'Get User From Code',
				value: 'getUserFromCode',
				action: 'Get the user from a code',
				description: 'Openid, unionid and (snsapi_userinfo) the profile from the redirect code',
			},
			{
				name: 'Refresh Token',
				value: 'refreshToken',
				action: 'Refresh a user access token',
				description: 'A new user token from the refresh_token (sns/oauth2/refresh_token)',
			},
		],
		'getUserFromCode',
	),
	operations: { buildAuthorizeUrl, getUserFromCode, refreshToken, checkToken },
};
