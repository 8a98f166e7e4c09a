/**
 * Change a customer's session state (kf/service_state/trans): hand over to the bot, the queue, a servicer,
 * or end it. The answer's msg_code lets Message → Send on Event send the reply or closing words.
 */
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { requireText } from '../../../shared/execution/itemContext';
import {
	externalUserIdProperty,
	openKfidProperty,
	requireExternalUserId,
	requireOpenKfid,
	optionsField,
} from '../fields';
import { SERVICE_STATES } from './states';

export const description = scoped({ resource: ['serviceState'], operation: ['transfer'] }, [
	openKfidProperty,
	externalUserIdProperty,
	{
		displayName: 'New State',
		name: 'serviceState',
		type: 'options',
		options: [1, 2, 3, 4].map((value) => ({
			name: `${value}: ${SERVICE_STATES[value].split(' (')[0]}`,
			value,
			description: SERVICE_STATES[value],
		})),
		default: 3,
		description: 'Allowed: 0 → 1/2/3/4, 1 → 2/3/4, 2 → 3/4, 3 → 3 (another servicer)/4; WeCom refuses others (95016)',
	},
	{
		displayName: 'Servicer User ID',
		name: 'servicerUserId',
		type: 'string',
		default: '',
		required: true,
		description: 'The WeCom member (接待人员) of this account who takes over',
		displayOptions: { show: { serviceState: [3] } },
	},
	optionsField(),
]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const state = Number(ctx.param<number>('serviceState', 3));
	const body = {
		open_kfid: requireOpenKfid(ctx),
		external_userid: requireExternalUserId(ctx),
		service_state: state,
		...(state === 3
			? {
					servicer_userid: requireText(
						ctx,
						'servicerUserId',
						'Servicer User ID',
						'Enter the UserID of a servicer (接待人员) of this account.',
					),
				}
			: {}),
	};
	// A replayed transfer would be refused as a transition to the same state: not retried after an unknown outcome.
	const answer = await callJson(run.connection.client, {
		method: 'POST',
		path: '/cgi-bin/kf/service_state/trans',
		json: body,
		kind: 'write',
	});
	return {
		json: {
			...body,
			meaning: SERVICE_STATES[state],
			...(answer.msg_code ? { msg_code: String(answer.msg_code) } : {}),
		},
	};
};
