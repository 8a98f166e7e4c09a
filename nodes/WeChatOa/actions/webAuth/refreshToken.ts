/** A new user access token from the refresh_token (30 days valid), without sending the user through consent again. */
import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { requireText } from '../../../shared/execution/itemContext';
import { refreshUserToken } from '../../../shared/oa/webAuth';

export const description = scoped({ resource: ['webAuth'], operation: ['refreshToken'] }, [
	{
		displayName: 'Refresh Token',
		name: 'refreshToken',
		type: 'string',
		typeOptions: { password: true },
		default: '',
		required: true,
		description: 'The refresh_token from Get User From Code with Include Tokens (valid 30 days)',
	},
]);

const OUTPUT_FIELDS = ['openid', 'scope', 'unionid', 'access_token', 'expires_in', 'refresh_token'] as const;

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const refreshToken = requireText(
		run.item(itemIndex),
		'refreshToken',
		'Refresh Token',
		'Map the refresh_token output by Get User From Code (turn on its Include Tokens option).',
	);
	const answer = await refreshUserToken(run.client, refreshToken);
	const json: IDataObject = {};
	for (const key of OUTPUT_FIELDS) if (answer[key] !== undefined) json[key] = answer[key] as IDataObject[string];
	return { json };
};
