/**
 * The code WeChat appended to the redirect → the user's openid, unionid and scope, and with snsapi_userinfo the
 * profile too (网页授权 steps 2 and 4 in one). The user's own tokens are output only when asked for.
 */
import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { FieldError } from '../../../shared/execution/errors';
import { exchangeCode, userInfo } from '../../../shared/oa/webAuth';

/** WeChat's codes are 32 characters; this only catches a mapping that produced something else entirely. */
const CODE_PATTERN = /^[\w-]{1,128}$/;

export const description = scoped({ resource: ['webAuth'], operation: ['getUserFromCode'] }, [
	{
		displayName: 'Code',
		name: 'code',
		type: 'string',
		default: '={{ $json.query.code }}',
		required: true,
		description:
			'The code query parameter of the redirect (a Webhook node receives it under query.code); it works once and for 5 minutes',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Include Tokens',
				name: 'includeTokens',
				type: 'boolean',
				default: false,
				description:
					"Whether to output the user's access_token and refresh_token (sensitive: they act as the user for 2 hours / 30 days)",
			},
			{
				displayName: 'Language',
				name: 'lang',
				type: 'options',
				options: [
					{ name: 'Simplified Chinese', value: 'zh_CN' },
					{ name: 'Traditional Chinese', value: 'zh_TW' },
					{ name: 'English', value: 'en' },
				],
				default: 'zh_CN',
				description: 'Language of the province, city and country names',
			},
		],
	},
]);

const USER_INFO_FIELDS = ['nickname', 'sex', 'province', 'city', 'country', 'headimgurl', 'privilege'] as const;

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const code = ctx.text('code');
	if (!code) {
		throw new FieldError(
			'Code',
			'is empty',
			"WeChat redirects with only ?state when the user declines consent; otherwise map the redirect's code, e.g. {{ $json.query.code }}.",
		);
	}
	if (!CODE_PATTERN.test(code)) {
		throw new FieldError(
			'Code',
			`"${code.slice(0, 40)}" is not a WeChat code`,
			'Map the code query parameter of the redirect.',
		);
	}
	const options = ctx.param<IDataObject>('options', {});
	const grant = await exchangeCode(run.client, code);
	const openid = String(grant.openid ?? '');
	const scope = String(grant.scope ?? '');
	const json: IDataObject = { openid, scope };
	if (grant.unionid !== undefined) json.unionid = grant.unionid;
	// A user who only saw the snapshot page (快照页) has not consented: no profile may be fetched for them.
	if (grant.is_snapshotuser !== undefined) json.is_snapshotuser = grant.is_snapshotuser;
	const accessToken = String(grant.access_token ?? '');
	if (scope.split(',').includes('snsapi_userinfo') && Number(grant.is_snapshotuser ?? 0) !== 1) {
		const profile = await userInfo(run.client, accessToken, openid, String(options.lang ?? 'zh_CN'));
		json.userinfo = Object.fromEntries(
			USER_INFO_FIELDS.filter((key) => key in profile).map((key) => [key, profile[key]]),
		);
		if (profile.unionid !== undefined) json.unionid = profile.unionid;
	}
	if (options.includeTokens === true) {
		json.access_token = accessToken;
		json.expires_in = Number(grant.expires_in ?? 0);
		json.refresh_token = String(grant.refresh_token ?? '');
	}
	return { json };
};
