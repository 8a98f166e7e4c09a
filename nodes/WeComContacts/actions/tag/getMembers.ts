/** A tag's members (获取标签成员): tag/get → the tag name, members (userid, name) and department IDs. */
import type { IDataObject } from 'n8n-workflow';
import type { Operation } from '../../../shared/execution/router';
import type { WeComRun } from '../../../shared/wecom/run';
import { scoped } from '../../../shared/descriptions/scope';
import { callJson } from '../../../shared/transport/client';
import { tagId, tagIdField } from '../fields';

export const description = scoped({ resource: ['tag'], operation: ['getMembers'] }, [tagIdField]);

export const execute: Operation<WeComRun>['execute'] = async function (run, itemIndex) {
	const tagid = tagId(run.item(itemIndex));
	const answer = await callJson(run.connection.client, {
		method: 'GET',
		path: '/cgi-bin/tag/get',
		query: { tagid },
		kind: 'read',
	});
	return {
		json: {
			tagid,
			tagname: String(answer.tagname ?? ''),
			userlist: (answer.userlist ?? []) as IDataObject[],
			partylist: (answer.partylist ?? []) as number[],
		},
	};
};
