/** Create a tag (创建标签): tag/create → its tagid. */
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { tagName, tagNameField } from './fields';

export const description = scoped({ resource: ['tag'], operation: ['create'] }, [tagNameField]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const tagname = tagName(run.item(itemIndex));
	// Not replayed after an unknown outcome: the replay would be refused as a duplicate name (40071).
	const answer = await callJson(run.connection.client, {
		method: 'POST',
		path: '/cgi-bin/tag/create',
		json: { tagname },
		kind: 'write',
	});
	return { json: { tagid: Number(answer.tagid), tagname } };
};
