/** Delete permanent material (删除永久素材, material/del_material). */
import type { Operation } from '../../../shared/execution/router';
import type { OaRun } from '../../../shared/oa/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { materialIdProperty, readMaterialId } from './mediaId';

export const description = scoped({ resource: ['material'], operation: ['delete'] }, [materialIdProperty]);

export const execute: Operation<OaRun>['execute'] = async function (run, itemIndex) {
	const mediaId = readMaterialId(run.item(itemIndex));
	// Not replayed: a retry after a lost answer would report 40007 for material that was in fact deleted.
	await callJson(run.client, {
		method: 'POST',
		path: '/cgi-bin/material/del_material',
		json: { media_id: mediaId },
		kind: 'write',
	});
	return { json: { media_id: mediaId, deleted: true } };
};
