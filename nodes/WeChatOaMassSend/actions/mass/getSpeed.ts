/** Get the mass-send speed (获取群发速度). */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { PER_MINUTE } from './speed';

export const description = scoped({ resource: ['mass'], operation: ['getSpeed'] }, []);

export const execute: Operation<OaRun>['execute'] = async function (run) {
	const answer = await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/message/mass/speed/get',
		json: {},
		kind: 'read',
	});
	const speed = Number(answer.speed);
	return { json: { speed, realspeed: Number(answer.realspeed ?? 0), perMinute: PER_MINUTE[speed] ?? null } };
};
