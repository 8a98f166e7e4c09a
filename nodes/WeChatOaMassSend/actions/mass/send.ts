/** Send to a list of OpenIDs (根据OpenID列表群发): at least 2, at most 10,000. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { idList } from '../../../shared/descriptions/wecomRecipients';
import { buildMassContent, massContentProperties } from '../../../shared/descriptions/oaMass/content';
import { clientMessageIdOption } from '../../../shared/oa/clientMessageId';
import { FieldError } from '../../../shared/execution/errors';
import { submitMassJob } from '../../../shared/oa/massJob';

export const description = scoped({ resource: ['mass'], operation: ['send'] }, [
	{
		displayName: 'OpenIDs',
		name: 'openIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'oABC…|oDEF…',
		description: 'Follower openids, separated by | or commas, or a list from an expression; 2 to 10,000',
	},
	...massContentProperties,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [clientMessageIdOption],
	},
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const touser = [...new Set(idList(ctx.param<unknown>('openIds', '')))];
	if (touser.length < 2) {
		throw new FieldError(
			'OpenIDs',
			`has ${touser.length} distinct openid${touser.length === 1 ? '' : 's'}`,
			'Sending to a list needs at least 2 openids; use Preview for one user, or a template message.',
		);
	}
	if (touser.length > 10_000)
		throw new FieldError('OpenIDs', `has ${touser.length} openids`, 'Split the list into jobs of at most 10,000.');
	const body = { touser, ...(await buildMassContent(ctx, 'send')) };
	return {
		json: { ...(await submitMassJob(this, run, ctx, '/cgi-bin/message/mass/send', body)), recipients: touser.length },
	};
};
