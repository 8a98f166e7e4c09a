/** Rename a tag (编辑标签): tags/update. */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { ownTagId, tagIdField, tagName, tagNameField } from './fields';

export const description = scoped({ resource: ['tag'], operation: ['update'] }, [
	tagIdField,
	{
		...tagNameField,
		displayName: 'New Name',
		description: 'The new name: at most 30 bytes (10 Chinese characters), unique in the account',
	},
]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const id = ownTagId(ctx);
	const name = tagName(ctx);
	// Renaming to the same name again changes nothing, so a replay is harmless.
	await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/tags/update',
		json: { tag: { id, name } },
		kind: 'write',
		deduplicated: true,
	});
	return { json: { id, name } };
};
