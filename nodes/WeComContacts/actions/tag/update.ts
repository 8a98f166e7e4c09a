/** Rename a tag (更新标签名字): tag/update. */
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { tagId, tagIdField } from '../fields';
import { tagName, tagNameField } from './fields';

export const description = scoped({ resource: ['tag'], operation: ['update'] }, [tagIdField, tagNameField]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const ctx = run.item(itemIndex);
	const tagid = tagId(ctx);
	const tagname = tagName(ctx);
	await callJson(run.connection.client, {
		method: 'POST',
		path: '/cgi-bin/tag/update',
		json: { tagid, tagname },
		kind: 'write',
		deduplicated: true,
	});
	return { json: { tagid, tagname, updated: true } };
};
