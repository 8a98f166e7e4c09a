/** Set the mass-send speed (设置群发速度). */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { FieldError } from '../../../shared/execution/errors';
import { callJson } from '../../../shared/transport/client';
import { PER_MINUTE, SPEEDS } from './speed';

export const description = scoped({ resource: ['mass'], operation: ['setSpeed'] }, [
	{ displayName: 'Speed', name: 'speed', type: 'options', options: SPEEDS, default: 0 },
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const speed = Number(run.item(itemIndex).param<number>('speed', 0));
	if (!Number.isInteger(speed) || speed < 0 || speed > 4)
		throw new FieldError('Speed', `${speed} is not 0 to 4`, 'Choose a speed from the list.');
	await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/message/mass/speed/set',
		json: { speed },
		kind: 'write',
		deduplicated: true,
	});
	return { json: { speed, perMinute: PER_MINUTE[speed], updated: true } };
};
