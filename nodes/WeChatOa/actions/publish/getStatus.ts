/**
 * Get a publish job's status (发布状态轮询, freepublish/get); optionally wait, polling with a growing delay, until
 * it is no longer "publishing" or the time limit is reached.
 */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { FieldError } from '../../../shared/execution/errors';
import { requireText } from '../../../shared/execution/itemContext';
import { callJson, type JsonObject, type TokenClient } from '../../../shared/transport/client';
import { timings } from '../../../shared/testSeam';
import { PUBLISHING, publishStatus } from './status';

/** First poll after 2 s, then 1.5 times longer each time, never more than 30 s apart. */
const FIRST_DELAY_MS = 2_000;
const MAX_DELAY_MS = 30_000;
const MAX_WAIT_SECONDS = 3_600;

export const description = scoped({ resource: ['publish'], operation: ['getStatus'] }, [
	{
		displayName: 'Publish ID',
		name: 'publishId',
		type: 'string',
		default: '',
		required: true,
		description: 'The publish_id returned by Submit',
	},
	{
		displayName: 'Wait Until Finished',
		name: 'wait',
		type: 'boolean',
		default: false,
		description:
			'Whether to keep asking, with growing pauses, until the job is no longer publishing (发布中); the output then says whether it finished in time',
	},
	{
		displayName: 'Max Wait (Seconds)',
		name: 'maxWaitSeconds',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_WAIT_SECONDS },
		default: 120,
		displayOptions: { show: { wait: [true] } },
	},
]);

async function getStatus(client: TokenClient, publishId: string): Promise<JsonObject> {
	return await callJson(client, {
		method: 'POST',
		path: '/cgi-bin/freepublish/get',
		json: { publish_id: publishId },
		kind: 'read',
	});
}

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const publishId = requireText(ctx, 'publishId', 'Publish ID', 'Map the publish_id returned by Publish: Submit.');
	if (!/^\d+$/.test(publishId))
		throw new FieldError('Publish ID', `"${publishId}" is not a publish_id`, 'Map the publish_id returned by Submit.');
	const wait = ctx.param<boolean>('wait', false);
	const maxWait = Number(ctx.param<unknown>('maxWaitSeconds', 120));
	if (wait && !(maxWait >= 1 && maxWait <= MAX_WAIT_SECONDS))
		throw new FieldError(
			'Max Wait (Seconds)',
			`"${maxWait}" is not 1 to ${MAX_WAIT_SECONDS}`,
			'Enter how long to wait.',
		);
	let answer = await getStatus(run.client, publishId);
	if (!wait) return { json: publishStatus(answer) };
	const deadline = Date.now() + maxWait * 1000 * timings.retryScale;
	let delay = FIRST_DELAY_MS;
	let polls = 1;
	while (Number(answer.publish_status) === PUBLISHING && Date.now() < deadline) {
		const pause = Math.min(delay * timings.retryScale, Math.max(0, deadline - Date.now()));
		await new Promise((resolve) => setTimeout(resolve, pause));
		answer = await getStatus(run.client, publishId);
		polls++;
		delay = Math.min(delay * 1.5, MAX_DELAY_MS);
	}
	const finished = Number(answer.publish_status) !== PUBLISHING;
	return { json: { ...publishStatus(answer), finished, polls } };
};
