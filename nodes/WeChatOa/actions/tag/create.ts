/** Create a tag (创建标签): tags/create → the new tag's id and name. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { tagName, tagNameField } from './fields';

export const description = scoped({ resource: ['tag'], operation: ['create'] }, [tagNameField]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const name = tagName(run.item(itemIndex));
	// Not replayed after an unknown outcome: a second create of the same name answers 45157.
	const answer = await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/tags/create',
		json: { tag: { name } },
		kind: 'write',
	});
	const tag = (answer.tag ?? {}) as { id?: number; name?: string };
	return { json: { id: tag.id, name: tag.name ?? name } };
};
