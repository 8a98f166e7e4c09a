/** Whether a user's web-authorisation token is still valid for an openid (检验授权凭证): an answer, not an error. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { requireText } from '../../../shared/execution/itemContext';
import { checkUserToken } from '../../../shared/oa/webAuth';

export const description = scoped({ resource: ['webAuth'], operation: ['checkToken'] }, [
	{
		displayName: 'User Access Token',
		name: 'userAccessToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description:
			"The user's web-authorisation access_token (Get User From Code with Include Tokens, or Refresh), not the account's",
	},
	{
		displayName: 'OpenID',
		name: 'openid',
		type: 'string',
		default: '',
		required: true,
		description: 'The openid the token was issued for',
	},
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const token = requireText(ctx, 'userAccessToken', 'User Access Token', "Map the user's access_token.");
	const openid = requireText(ctx, 'openid', 'OpenID', 'Map the openid the token belongs to.');
	return { json: { openid, ...(await checkUserToken(run.client, token, openid)) } };
};
