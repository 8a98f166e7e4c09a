/** Get a customer's session state (kf/service_state/get), with its meaning. */
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import {
	externalUserIdProperty,
	openKfidProperty,
	requireExternalUserId,
	requireOpenKfid,
	optionsField,
} from '../fields';
import { SERVICE_STATES } from './states';

export const description = scoped({ resource: ['serviceState'], operation: ['get'] }, [
	openKfidProperty,
	externalUserIdProperty,
	optionsField(),
]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const body = { open_kfid: requireOpenKfid(ctx), external_userid: requireExternalUserId(ctx) };
	const answer = await callJson(run.connection.client, {
		method: 'POST',
		path: '/cgi-bin/kf/service_state/get',
		json: body,
		kind: 'read',
	});
	const state = Number(answer.service_state);
	return {
		json: {
			...body,
			service_state: state,
			meaning: SERVICE_STATES[state] ?? 'unknown',
			...(answer.servicer_userid ? { servicer_userid: String(answer.servicer_userid) } : {}),
		},
	};
};
