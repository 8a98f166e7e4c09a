/** Delete a tag (删除标签): tags/delete. Its followers lose the tag; WeChat refuses tags with over 100,000 (45057). */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { ownTagId, tagIdField } from './fields';

export const description = scoped({ resource: ['tag'], operation: ['delete'] }, [tagIdField]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const id = ownTagId(run.item(itemIndex));
	await callJson(run.client, { method: 'POST', path: '/cgi-bin/tags/delete', json: { tag: { id } }, kind: 'write' });
	return { json: { id, deleted: true } };
};
